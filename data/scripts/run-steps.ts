import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Run the NN-*.ts scripts of a folder in order; stop at the first failure with its exit code. */
export function runSteps(dir: string, args: string[] = process.argv.slice(2)): void {
  const steps = readdirSync(dir)
    .filter((f) => /^\d\d-.*\.ts$/.test(f))
    .sort();
  for (const step of steps) {
    console.log(`▶ ${step}`);
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(dir, step), ...args], { stdio: 'inherit' });
    } catch (err) {
      const code = (err as { status?: number }).status ?? 1;
      console.error(`✖ ${step} failed (exit ${code})`);
      process.exit(code);
    }
  }
}
