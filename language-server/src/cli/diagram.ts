import { writeFileSync } from 'node:fs';
import { normalisePrefix, renderTopologySvg } from '../diagram/index.js';
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
        .action(async (paths: string[], opts: { output: string; prefix?: string }) => {
            if (opts.prefix !== undefined) {
                const normal = normalisePrefix(opts.prefix);
                if ('error' in normal) throw new CliError(`--prefix: ${normal.error}`);
            }
            const workspace = await loadWorkspace(paths);
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            const svg = await renderTopologySvg(analysis.built.topology, analysis.routing, analysis.findings, opts.prefix);
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
