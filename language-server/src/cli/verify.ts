import * as path from 'node:path';
import { Option } from 'commander';
import { ActualInputError, readActualFolder, verifyTopology, type VerifyDifference, type VerifyReport } from '../verify/index.js';
import { collectDiagnostics } from './check.js';
import type { CommandRegistration } from './main.js';
import { CliError, loadWorkspace } from './workspace-loader.js';

/**
 * `azrs verify <path...> --actual DIR [--strict] [--format text|json|sarif]`: compares azrs's
 * effective routes and route server sessions with Azure's outputs in DIR (docs/verify.md). Exit 0
 * when every compared row agrees, 1 on any difference, 2 for usage and I/O errors (an unreadable
 * or unknown file, malformed JSON, a table with unexpected columns, an element the topology lacks).
 */
export const registerVerify: CommandRegistration = (program, io) => {
    program.command('verify')
        .description("compare azrs's routes with Azure's (az network nic show-effective-route-table, routeserver and vnet-gateway learned routes)")
        .argument('<path...>', '.azrs files or folders')
        .requiredOption('--actual <dir>', 'the folder of Azure outputs (see docs/verify.md for the file names)')
        .option('--strict', 'compare the rows azrs does not model too (private and service endpoints, platform None routes, IBgp)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .action(async (paths: string[], opts: { actual: string; strict?: boolean; format: string }) => {
            const workspace = await loadWorkspace(paths);
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            let report: VerifyReport;
            try {
                report = verifyTopology(analysis.built.topology, analysis.routing, readActualFolder(opts.actual), { strict: opts.strict });
            } catch (e) {
                if (e instanceof ActualInputError) {
                    throw new CliError(`${path.join(opts.actual, e.file)}${e.line === undefined ? '' : `:${e.line}`}: ${e.detail}`);
                }
                throw e;
            }
            const fileOf = (rel: string) => path.join(opts.actual, rel);
            if (opts.format === 'json') {
                io.out(JSON.stringify(toJson(report, fileOf), null, 2) + '\n');
            } else if (opts.format === 'sarif') {
                const { toSarif } = await import('./sarif.js');
                io.out(JSON.stringify(toSarif(report.differences.map(d => ({
                    file: fileOf(d.file), line: d.line ?? 1, column: 1, endLine: d.line ?? 1, endColumn: 1,
                    severity: 'warning' as const, code: d.code, message: d.message
                })), '0.1.0'), null, 2) + '\n');
            } else {
                io.out(formatVerifyText(report, fileOf));
            }
            if (!analysis.routing.converged) io.err(`azrs: route propagation did not converge within ${analysis.routing.maxRounds} rounds; the routes are a snapshot\n`);
            const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error').length;
            if (errors > 0) io.err(`azrs: the topology has ${errors} error${errors === 1 ? '' : 's'}; run azrs check for details\n`);
            process.exitCode = report.differences.length > 0 ? 1 : 0;
        });
};

/** docs/language.md §5 `verify --format json`, exactly: counts, then the differences. */
export function toJson(report: VerifyReport, fileOf: (rel: string) => string): object {
    return {
        compared: report.compared,
        matched: report.matched,
        notModelled: report.notModelled,
        differences: report.differences.map((d: VerifyDifference) => ({
            code: d.code, file: fileOf(d.file), element: d.element, addressPrefix: d.addressPrefix,
            azure: d.azure, azrs: d.azrs, explanation: d.explanation
        }))
    };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A report a network engineer reads without the docs: per element, then the totals. */
export function formatVerifyText(report: VerifyReport, fileOf: (rel: string) => string): string {
    const out: string[] = [];
    for (const e of report.elements) {
        const what = e.kind === 'effective-routes' ? 'effective routes' : e.kind === 'rs-advertised' ? 'advertised routes' : 'learned routes';
        const status = e.differences.length ? plural(e.differences.length, 'difference') : 'matches Azure';
        out.push(`${e.element} ${what} (${fileOf(e.file)}): ${status}; ${e.matched} matched${e.notModelled.length ? `, ${e.notModelled.length} not modelled` : ''}`);
        for (const d of e.differences) out.push(`  ${fileOf(d.file)}${d.line ? `:${d.line}` : ''}: ${d.code}: ${d.message}`);
        const reasons = new Map<string, string[]>();
        for (const n of e.notModelled) {
            const list = reasons.get(n.reason) ?? [];
            if (!list.includes(n.addressPrefix)) list.push(n.addressPrefix);
            reasons.set(n.reason, list);
        }
        for (const [reason, prefixes] of reasons) {
            const shown = prefixes.slice(0, 5).join(', ') + (prefixes.length > 5 ? `, and ${prefixes.length - 5} more` : '');
            out.push(`  not modelled: ${reason}: ${shown}`);
        }
    }
    if (report.ignoredFiles.length) out.push(`ignored (not Azure outputs): ${report.ignoredFiles.join(', ')}`);
    const diffs = report.differences.length;
    out.push(`${plural(report.compared, 'file')} compared: ${plural(report.matched, 'row')} ${report.matched === 1 ? 'matches' : 'match'}, ${plural(diffs, 'difference')}, `
        + `${report.notModelled} not modelled (not compared${report.notModelled ? '; --strict compares them' : ''})`);
    return out.join('\n') + '\n';
}
