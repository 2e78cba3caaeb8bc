import { Option } from 'commander';
import { FailoverAnalysis, failoverJson, formatFailoverMarkdown, formatFailoverText, forwardingWalk } from '../whatif/index.js';
import { collectDiagnostics } from './check.js';
import type { CommandRegistration } from './main.js';
import { loadWorkspace } from './workspace-loader.js';

/**
 * `azrs failover <path...> [--all-components] [--format text|json|markdown]` (docs/language.md §5):
 * every single failure, simulated on a copy of the topology; exit 1 when an intent breaks.
 */
export const registerFailover: CommandRegistration = (program, io) => {
    program.command('failover')
        .description('simulate every single failure (NVA, firewall, gateway connection, hub) and report what breaks')
        .argument('<path...>', '.azrs files or folders')
        .option('--all-components', 'also fail each route server and gateway alone (Azure runs them as redundant instance pairs)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
        .action(async (paths: string[], opts: { allComponents?: boolean; format: string }) => {
            const workspace = await loadWorkspace(paths);
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            const settings = workspace.azrs.analysis.WorkspaceAnalysis.getSettings();
            const report = new FailoverAnalysis({
                topology: analysis.built.topology, routing: analysis.routing, admission: analysis.admission,
                routesPerPeer: settings.routesPerPeer, flows: forwardingWalk()
            }).run({ allComponents: opts.allComponents });
            if (opts.format === 'json') io.out(JSON.stringify(failoverJson(report), null, 2) + '\n');
            else if (opts.format === 'markdown') io.out(formatFailoverMarkdown(report));
            else io.out(formatFailoverText(report));
            const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error').length;
            if (errors > 0) io.err(`azrs: the topology has ${errors} error${errors === 1 ? '' : 's'}; run azrs check for details\n`);
            process.exitCode = report.failures.some(f => f.brokenIntents.length > 0) ? 1 : 0;
        });
};
