// Rebuilding the boundaries (geo/scripts steps 10–49) into a temporary folder must reproduce the
// committed geo/build files byte for byte. Steps 50+ (basemap, glyphs) are not run or compared here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_DATA } from '../../geo/scripts/lib/build-io.ts';
import { OUTPUT_FILES } from '../../geo/scripts/lib/output.ts';

const SCRIPTS = join(REPO_ROOT, 'geo/scripts');
const BOUNDARY_STEPS = readdirSync(SCRIPTS)
  .filter((f) => /^[1-4]\d-.*\.ts$/.test(f))
  .sort();
const hasShared = existsSync(join(SHARED_DATA, 'boundaries'));

describe.skipIf(!hasShared)('geo boundaries rebuild (needs ../shared/data)', () => {
  const out = mkdtempSync(join(tmpdir(), 'jjj-geo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs steps 10–49 into a temp dir', { timeout: 180_000 }, () => {
    expect(BOUNDARY_STEPS.length).toBeGreaterThanOrEqual(3);
    for (const step of BOUNDARY_STEPS)
      execFileSync(process.execPath, ['--import', 'tsx', join(SCRIPTS, step), '--out', out], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      });
  });

  it.each(OUTPUT_FILES)('%s is identical to the committed file', (file) => {
    const committed = join(REPO_ROOT, 'geo/build', file);
    expect(existsSync(committed), `${committed} is not committed`).toBe(true);
    const a = readFileSync(committed);
    const b = readFileSync(join(out, file));
    // Compare as buffers; on mismatch report the first differing byte rather than two huge strings.
    const firstDiff = a.findIndex((byte, i) => byte !== b[i]);
    expect({ length: b.length, firstDiff: a.length === b.length ? firstDiff : 'length differs' }).toEqual({
      length: a.length,
      firstDiff: -1,
    });
  });
});
