import { Option } from 'commander';
import { FailoverAnalysis, forwardingWalk } from '../whatif/index.js';
import { diffSides, type DiffSide } from '../whatif/diff.js';
import { formatDiffMarkdown, formatDiffText } from '../whatif/diff-text.js';
import { collectDiagnostics } from './check.js';
import { readAtRevision } from './git-source.js';
import type { CommandRegistration } from './main.js';
import { CliError, loadWorkspace, loadWorkspaceTexts, type LoadedWorkspace } from './workspace-loader.js';

const GIT_PREFIX = 'git:';

/**
 * `azrs diff <old> <new> [--format text|json|markdown]` (docs/language.md §5): the impact of a change.
 * Each side is a file or folder, or `git:REF`: the other side's paths as they were at revision
 * REF of the working copy's repository (both `git:`: the current folder). Exit 1 when the change
 * breaks an intent.
 */
export const registerDiff: CommandRegistration = (program, io) => {
    program.command('diff')
        .description('compare two versions of a topology: routes per VM, intents, diagnostics and single failures')
        .argument('<old>', 'file or folder, or git:REF (the other side\'s paths at a git revision)')
        .argument('<new>', 'file or folder, or git:REF')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
        .action(async (oldSpec: string, newSpec: string, opts: { format: string }) => {
            const isGit = (s: string) => s.startsWith(GIT_PREFIX);
            const pathsFor = (other: string) => isGit(other) ? ['.'] : [other];
            const load = async (spec: string, other: string): Promise<LoadedWorkspace> => {
                if (!isGit(spec)) return loadWorkspace([spec]);
                return loadWorkspaceTexts(readAtRevision(spec.slice(GIT_PREFIX.length), pathsFor(other)));
            };
            if (oldSpec === '' || newSpec === '') throw new CliError('diff needs two versions: azrs diff <old> <new> (paths or git:REF)');
            const before = side(await load(oldSpec, newSpec));
            const after = side(await load(newSpec, oldSpec));
            const report = diffSides(before, after);
            if (opts.format === 'json') io.out(JSON.stringify(report, null, 2) + '\n');
            else if (opts.format === 'markdown') io.out(formatDiffMarkdown(report));
            else io.out(formatDiffText(report));
            process.exitCode = report.intents.broken.length > 0 ? 1 : 0;
        });
};

function side(workspace: LoadedWorkspace): DiffSide {
    const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
    const flows = forwardingWalk();
    const topology = analysis.built.topology;
    return {
        topology,
        routing: analysis.routing,
        diagnostics: collectDiagnostics(workspace),
        flows: flows.analyse(topology, analysis.routing),
        failover: new FailoverAnalysis({
            topology, routing: analysis.routing, admission: analysis.admission,
            routesPerPeer: workspace.azrs.analysis.WorkspaceAnalysis.getSettings().routesPerPeer, flows
        }).run()
    };
}
