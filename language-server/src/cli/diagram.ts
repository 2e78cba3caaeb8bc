import { writeFileSync } from 'node:fs';
import type { Analysis } from '../analysis/workspace-analysis.js';
import { buildDiagram, failureDiagramResponse, layoutDiagram, normalisePrefix, renderSvg, renderTopologySvg, routeFlowSource } from '../diagram/index.js';
import { withTrace } from '../diagram/trace-overlay.js';
import { asUsage } from './trace.js';
import { failureView, parseTraceSpec, traceOf } from '../analysis/diagram-views.js';
import type { CommandRegistration } from './main.js';
import { collectDiagnostics } from './check.js';
import { CliError, describeIoError, loadWorkspace } from './workspace-loader.js';

/** `azrs diagram <path...> -o FILE.svg [--prefix CIDR]`: the webview's picture, as a file. */
export const registerDiagram: CommandRegistration = (program, io) => {
    program.command('diagram')
        .description('draw the topology (and the route flow of one prefix) as an SVG file')
        .argument('<path...>', '.azrs files or folders')
        .requiredOption('-o, --output <file.svg>', 'the SVG file to write')
        .option('--prefix <cidr>', 'show where this prefix is originated, advertised, dropped and installed')
        .option('--trace <from:to>', 'draw the forward path and the reply of a trace (azrs trace --from FROM --to TO), blocking component marked')
        .option('--failure <name>', 'draw the topology under one failure of azrs failover (an NVA, gw->site, a hub, a route server or gateway)')
        .action(async (paths: string[], opts: { output: string; prefix?: string; trace?: string; failure?: string }) => {
            if (opts.trace !== undefined && (opts.prefix !== undefined || opts.failure !== undefined)) throw new CliError('give --trace alone, not with --prefix or --failure');
            if (opts.trace !== undefined && !/^[^:]+:[^:]+$/.test(opts.trace)) throw new CliError('--trace expects FROM:TO, e.g. app-vm:10.2.13.10');
            let canonicalPrefix: string | undefined;
            if (opts.prefix !== undefined) {
                const normal = normalisePrefix(opts.prefix);
                if ('error' in normal) throw new CliError(`--prefix: ${normal.error}`);
                canonicalPrefix = normal.prefix;
            }
            const workspace = await loadWorkspace(paths);
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            let svg: string;
            if (opts.trace !== undefined) {
                svg = await traceSvg(analysis, opts.trace);
            } else if (opts.failure !== undefined) {
                // What if: everything the failure takes out is drawn down, where it stands.
                const { topology, routing } = asUsage(() => failureView(analysis, workspace.azrs.analysis.WorkspaceAnalysis.getSettings().routesPerPeer, opts.failure!));
                const { model, layout } = await failureDiagramResponse(analysis.built.topology, topology, routing, opts.failure!, canonicalPrefix);
                svg = renderSvg(model, layout, { standalone: true });
            } else {
                svg = await renderTopologySvg(analysis.built.topology, analysis.routing, analysis.findings, opts.prefix);
            }
            try {
                writeFileSync(opts.output, svg);
            } catch (e) {
                throw new CliError(`cannot write '${opts.output}': ${describeIoError(e)}`);
            }
            io.err(`azrs: wrote ${opts.output}\n`);
            const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error').length;
            if (errors > 0) io.err(`azrs: the topology has ${errors} error${errors === 1 ? '' : 's'}; run azrs check for details\n`);
            process.exitCode = errors > 0 ? 1 : 0;
        });
};

/** Trace mode (issue 15): the topology with one traced flow drawn over it. */
async function traceSvg(analysis: Analysis, spec: string): Promise<string> {
    const trace = asUsage(() => { const { from, to } = parseTraceSpec(spec); return traceOf(analysis, from, to); });
    const { topology } = analysis.built;
    const model = withTrace(buildDiagram(topology, { routing: routeFlowSource(topology, analysis.routing), diagnostics: analysis.findings }), trace);
    return renderSvg(model, await layoutDiagram(model), { standalone: true });
}
