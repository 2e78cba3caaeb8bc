/**
 * Forwarding benchmark (issue 15): `azrs trace --all-sites` on a generated landing zone, the
 * per-build cost of the forwarding checks and intents in process, and edit-to-diagnostics over LSP
 * with intents in the file. Run: `npm run build && node out/bench/bench.cjs --trace [--sizes 1000]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { createAzrsServices } from '../language-server/src/azrs-module.js';
import { Forwarding } from '../language-server/src/routing/forwarding.js';
import { computeRouting } from '../language-server/src/routing/index.js';
import { evaluateIntents } from '../language-server/src/routing/intents.js';
import { checkForwarding } from '../language-server/src/validation/forwarding-checks.js';
import { traceOf } from '../language-server/src/analysis/diagram-views.js';
import { buildDiagram, layoutDiagram, renderSvg, routeFlowSource } from '../language-server/src/diagram/index.js';
import { withTrace } from '../language-server/src/diagram/trace-overlay.js';
import { generateTopology } from './generate.js';

/** What bench.ts lends: its CLI timer and its LSP edit series. */
export interface TraceBenchHooks {
    wall(args: string[]): { ms: number; code: number | null; stderr: string };
    lspFigures(text: string, vms: readonly string[], nodeArgs: string[]): Promise<{ editP50: number; editP95: number; openMs: number }>;
}

const INTENTS = 10;

/** The generated topology with INTENTS intents from spoke VMs spread over the file to their hub's site (generate.ts: spoke i peers hub h, whose gateway connects dc<h>). */
export function withIntents(spokes: number): { text: string; vms: readonly string[]; intents: number } {
    const g = generateTopology(spokes);
    const lines: string[] = [];
    for (let i = 0; i < INTENTS; i++) {
        const vm = g.vms[Math.floor((i * (g.vms.length - 1)) / Math.max(1, INTENTS - 1))];
        const hub = new RegExp(`peering spoke${vm.slice(2)} -> hub(\\d+)`).exec(g.text)![1];
        lines.push(`intent bench-intent-${i} { from: ${vm}, to: dc${hub} }`);
    }
    return { text: `${g.text}\n${lines.join('\n')}\n`, vms: g.vms, intents: INTENTS };
}

function percentile(xs: number[], p: number): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

export async function traceBench(argv: string[], hooks: TraceBenchHooks): Promise<void> {
    const sizesArg = argv.indexOf('--sizes');
    const sizes = sizesArg >= 0 ? argv[sizesArg + 1].split(',').map(Number) : [1000];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'azrs-trace-bench-'));
    try {
        for (const spokes of sizes) {
            const { text, vms, intents } = withIntents(spokes);
            const file = path.join(dir, `bench-${spokes}.azrs`);
            writeFileSync(file, text);

            // In process: one build, then the forwarding checks and intents alone, five times.
            const services = createAzrsServices(EmptyFileSystem);
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
            services.shared.workspace.LangiumDocuments.addDocument(doc);
            await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
            const { built, admission } = services.Azrs.analysis.WorkspaceAnalysis.get();
            const settings = services.Azrs.analysis.WorkspaceAnalysis.getSettings();
            const checkTimes: number[] = [];
            const intentTimes: number[] = [];
            let findings = 0;
            for (let i = 0; i < 5; i++) {
                // A fresh engine run each time, as after an edit: the tables and RIBs the walk reads
                // are built lazily, and their cost is the checks' cost.
                const routing = computeRouting(built.topology, {
                    routesPerPeer: settings.routesPerPeer, downSessions: admission.downSessions, ignoredFlags: admission.ignoredFlags
                });
                const forwarding = new Forwarding(built.topology, routing);
                let t = performance.now();
                findings = checkForwarding(built.topology, forwarding).length;
                checkTimes.push(performance.now() - t);
                t = performance.now();
                evaluateIntents(built.topology, forwarding);
                intentTimes.push(performance.now() - t);
            }

            // The trace diagram (the panel's trace mode, azrs diagram --trace): model, top-down layout, hop routes and SVG.
            const analysis = services.Azrs.analysis.WorkspaceAnalysis.get();
            const traceVm = vms[vms.length - 1];
            const traceTo = /\bto: (dc\d+)/.exec(text.slice(text.lastIndexOf('intent ')))![1];
            let t = performance.now();
            const model = withTrace(buildDiagram(built.topology, { routing: routeFlowSource(built.topology, analysis.routing) }), traceOf(analysis, traceVm, traceTo));
            const modelMs = performance.now() - t;
            t = performance.now();
            const layout = await layoutDiagram(model);
            const layoutMs = performance.now() - t;
            t = performance.now();
            const svg = renderSvg(model, layout, { standalone: true });
            const renderMs = performance.now() - t;
            const diagramCli = hooks.wall(['diagram', file, '--trace', `${traceVm}:${traceTo}`, '-o', path.join(dir, 'trace.svg')]);

            const allSites = hooks.wall(['trace', file, '--all-sites']);
            const allSitesJson = hooks.wall(['trace', file, '--all-sites', '--format', 'json']);
            const lsp = await hooks.lspFigures(text, vms, []);
            console.log(`${spokes} spokes, ${intents} intents:`);
            console.log(`  forwarding checks per build (in process, fresh engine run): p50 ${ms(percentile(checkTimes, 50))}, max ${ms(Math.max(...checkTimes))} (${findings} findings)`);
            console.log(`  intents per build (in process): p50 ${ms(percentile(intentTimes, 50))}`);
            console.log(`  azrs trace --all-sites: ${ms(allSites.ms)} (exit ${allSites.code}); --format json: ${ms(allSitesJson.ms)}`);
            console.log(`  trace diagram ${traceVm}:${traceTo} (in process): model ${ms(modelMs)}, top-down layout ${ms(layoutMs)}, hop routes and SVG ${ms(renderMs)}; ${Math.round(layout.width)} x ${Math.round(layout.height)} px (width:height ${(layout.width / layout.height).toFixed(2)}), ${(svg.length / 1e6).toFixed(1)} MB; azrs diagram --trace: ${ms(diagramCli.ms)} (exit ${diagramCli.code})`);
            console.log(`  LSP open: ${ms(lsp.openMs)}; edit to diagnostics p50 ${ms(lsp.editP50)}, p95 ${ms(lsp.editP95)} (target p95 < 300 ms: ${lsp.editP95 < 300 ? 'PASS' : 'FAIL'})`);
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
