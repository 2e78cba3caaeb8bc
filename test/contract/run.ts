import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/azrs.cjs', import.meta.url));

export interface Run { code: number | null; stdout: string; stderr: string; dir: string }

/** Writes files (name -> content) into a fresh temp dir and runs azrs there with cwd = that dir. */
export function run(files: Record<string, string>, args: string[]): Run {
    const dir = mkdtempSync(join(tmpdir(), 'azrs-contract-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, dir };
}

export interface Diag { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }

export function check(text: string, extra: string[] = []): { code: number | null; diags: Diag[]; stderr: string; stdout: string } {
    const r = run({ 'main.azrs': text }, ['check', 'main.azrs', '--format', 'json', ...extra]);
    let diags: Diag[] = [];
    try { diags = JSON.parse(r.stdout).diagnostics; } catch { throw new Error(`bad json: ${r.stdout}\n${r.stderr}`); }
    return { code: r.code, diags, stderr: r.stderr, stdout: r.stdout };
}

export function codes(text: string): string[] {
    return check(text).diags.map(d => d.code);
}

export interface Route { source: string; state: string; addressPrefix: string[]; nextHopType: string; nextHopIpAddress: string[]; name: string | null; disableBgpRoutePropagation: boolean }

export function routes(text: string, sel: string[], extra: string[] = []): Route[] {
    const r = run({ 'main.azrs': text }, ['routes', 'main.azrs', ...sel, '--format', 'json', ...extra]);
    // exit 1 is allowed: the topology has an error diagnostic, routes are still printed (README choice)
    if (r.code !== 0 && !(r.code === 1 && r.stdout.trim().startsWith('{'))) throw new Error(`routes failed ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout).value;
}

/** Compact row form: "Source State prefix NextHopType ip1,ip2" */
export function rows(text: string, sel: string[], extra: string[] = []): string[] {
    return routes(text, sel, extra).map(x => `${x.source} ${x.state} ${x.addressPrefix.join(',')} ${x.nextHopType} ${x.nextHopIpAddress.join(',')}`.trim());
}

/** Finds the 1-based line/column of the n-th occurrence of needle in text. */
export function pos(text: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
    let idx = -1;
    for (let i = 0; i <= nth; i++) { idx = text.indexOf(needle, idx + 1); if (idx < 0) throw new Error(`not found ${needle}`); }
    const before = text.slice(0, idx).split('\n');
    const line = before.length; const column = before[before.length - 1].length + 1;
    const endBefore = text.slice(0, idx + needle.length).split('\n');
    return { line, column, endLine: endBefore.length, endColumn: endBefore[endBefore.length - 1].length + 1 };
}
