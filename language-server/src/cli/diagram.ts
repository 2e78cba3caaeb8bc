import { writeFileSync } from 'node:fs';
import type { Analysis } from '../analysis/workspace-analysis.js';
import { buildDiagram, layoutDiagram, normalisePrefix, renderSvg, renderTopologySvg, routeFlowSource } from '../diagram/index.js';
import { withTrace } from '../diagram/trace-overlay.js';
import { destinationOf, sourceOf } from './trace.js';
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
        .action(async (paths: string[], opts: { output: string; prefix?: string; trace?: string }) => {
            if (opts.trace !== undefined && opts.prefix !== undefined) throw new CliError('give --prefix or --trace, not both');
            if (opts.trace !== undefined && !/^[^:]+:[^:]+$/.test(opts.trace)) throw new CliError('--trace expects FROM:TO, e.g. app-vm:10.2.13.10');
            if (opts.prefix !== undefined) {
                const normal = normalisePrefix(opts.prefix);
                if ('error' in normal) throw new CliError(`--prefix: ${normal.error}`);
            }
            const workspace = await loadWorkspace(paths);
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            const svg = opts.trace !== undefined
                ? await traceSvg(analysis, opts.trace)
                : await renderTopologySvg(analysis.built.topology, analysis.routing, analysis.findings, opts.prefix);
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
    const [fromName, toSpec] = spec.split(':');
    const { topology } = analysis.built;
    const from = sourceOf(topology, fromName);
    const destination = destinationOf(topology, toSpec);
    let trace;
    try {
        trace = analysis.forwarding.trace(from, destination);
    } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
    }
    const model = withTrace(buildDiagram(topology, { routing: routeFlowSource(topology, analysis.routing), diagnostics: analysis.findings }), trace);
    return renderSvg(model, await layoutDiagram(model), { standalone: true });
}
