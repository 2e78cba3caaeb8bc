/**
 * The failover benchmark: `azrs failover` on a generated landing zone (generate.ts), every single
 * failure of it (each NVA, each gateway connection, each hub), through the CLI (wall time and CPU,
 * node start-up included) and in process (build once, then each failure: copy, routes, lost routes).
 * Target: 1000 spokes under 15 s wall time on the 2-core reference machine.
 *
 *   node out/bench/bench.cjs --failover [--sizes 100,1000]
 *
 * The in-process part runs in a child (`--failover-in-process FILE`), like bench.ts's own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { createAzrsServices } from '../language-server/src/azrs-module.js';
import type { Model } from '../language-server/src/generated/ast.js';
import { enumerateFailures, FailoverAnalysis, forwardingWalk } from '../language-server/src/whatif/index.js';
import { generateTopology } from './generate.js';

export const FAILOVER_TARGET_MS = 15_000;
const TARGET_SPOKES = 1000;

export interface FailoverInProcess {
    failures: number;
    buildMs: number;
    /** The whole failover analysis after the build (baseline paths included). */
    failoverMs: number;
    perFailureP50: number;
    perFailureMax: number;
    cutOff: number;
}

export interface FailoverFigures {
    spokes: number;
    /** `azrs failover FILE --format json`: wall time, and the child's CPU time (user + system). */
    cliMs: number;
    cliCpuMs: number;
    exitCode: number | null;
    inProcess: FailoverInProcess;
}

/** In the child: build the file once, then time every failure. */
export async function failoverInProcess(file: string): Promise<FailoverInProcess> {
    const { shared, Azrs } = createAzrsServices(EmptyFileSystem);
    const t0 = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(readFileSync(file, 'utf8'), URI.file(file));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const analysis = Azrs.analysis.WorkspaceAnalysis.get();
    const t1 = performance.now();
    const fo = new FailoverAnalysis({
        topology: analysis.built.topology, routing: analysis.routing, admission: analysis.admission, flows: forwardingWalk()
    });
    fo.baseline();
    const times: number[] = [];
    let cutOff = 0;
    const failures = enumerateFailures(analysis.built.topology);
    for (const f of failures) {
        const t = performance.now();
        cutOff += fo.tryFailure(f).lostRoutes.length;
        times.push(performance.now() - t);
    }
    const t2 = performance.now();
    const sorted = [...times].sort((a, b) => a - b);
    return {
        failures: failures.length, buildMs: t1 - t0, failoverMs: t2 - t1,
        perFailureP50: sorted[Math.floor(sorted.length / 2)] ?? 0, perFailureMax: sorted[sorted.length - 1] ?? 0, cutOff
    };
}

function cli(bin: string, root: string, file: string): { ms: number; cpuMs: number; code: number | null } {
    // With GNU time, the child's CPU time too: on a loaded machine wall time runs far above it.
    const time = existsSync('/usr/bin/time');
    const args = [bin, 'failover', file, '--format', 'json'];
    const t = performance.now();
    const r = time
        ? spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
        : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - t;
    const cpu = time ? r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN];
    return { ms, cpuMs: (cpu[0] + cpu[1]) * 1000, code: r.status };
}

/** Runs the failover benchmark for each size and prints its table and target; returns the failed targets. */
export function runFailoverBench(opts: { bin: string; root: string; self: string; sizes: readonly number[] }): number {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'azrs-failover-bench-'));
    const results: FailoverFigures[] = [];
    try {
        for (const spokes of opts.sizes) {
            const file = path.join(dir, `bench-${spokes}.azrs`);
            writeFileSync(file, generateTopology(spokes).text);
            process.stderr.write(`failover, ${spokes} spokes…`);
            const child = spawnSync(process.execPath, [opts.self, '--failover-in-process', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
            if (child.status !== 0) throw new Error(`failover in-process run exited ${child.status}: ${child.stderr}`);
            const inProcess = JSON.parse(child.stdout) as FailoverInProcess;
            const c = cli(opts.bin, opts.root, file);
            process.stderr.write(' done\n');
            results.push({ spokes, cliMs: c.ms, cliCpuMs: c.cpuMs, exitCode: c.code, inProcess });
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    const s = (x: number) => Number.isNaN(x) ? '-' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;
    const rows: Array<[string, (r: FailoverFigures) => string]> = [
        ['failures tried', r => String(r.inProcess.failures)],
        ['`azrs failover` wall time (node start-up included)', r => s(r.cliMs)],
        ['`azrs failover` CPU time (user + system)', r => s(r.cliCpuMs)],
        ['in process: build (parse to diagnostics and routes)', r => s(r.inProcess.buildMs)],
        ['in process: every failure', r => s(r.inProcess.failoverMs)],
        ['in process: one failure, p50 / max', r => `${s(r.inProcess.perFailureP50)} / ${s(r.inProcess.perFailureMax)}`],
        ['VMs cut off a site prefix, summed over failures', r => String(r.inProcess.cutOff)]
    ];
    console.log(`\n| failover | ${results.map(r => `${r.spokes} spokes`).join(' | ')} |`);
    console.log(`|---|${results.map(() => '---').join('|')}|`);
    for (const [name, f] of rows) console.log(`| ${name} | ${results.map(f).join(' | ')} |`);
    let failed = 0;
    const at = results.find(r => r.spokes === TARGET_SPOKES);
    if (at) {
        const pass = at.cliMs < FAILOVER_TARGET_MS && at.exitCode === 0;
        if (!pass) failed++;
        console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${TARGET_SPOKES} spokes: azrs failover (every single failure) < 15 s: ${s(at.cliMs)} (exit ${at.exitCode})`);
    }
    return failed;
}
