import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/azrs.cjs', import.meta.url));

/** Runs the built CLI (`npm test` builds it first) from the repository root. */
export function azrs(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
    if (!existsSync(`${ROOT}/out/cli/azrs.cjs`)) throw new Error('out/cli/azrs.cjs is missing: run `npm run build` (npm test does it first)');
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
