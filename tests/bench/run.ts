// `npm run bench`: runs every benchmark script in tests/bench (except this one), one process each.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv[2];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n=== ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
}
