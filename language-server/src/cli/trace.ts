import { Option } from 'commander';
import { DiagramViewError, traceDestinationOf, traceSourceOf } from '../analysis/diagram-views.js';
import type { Topology } from '../model/topology.js';
import { Forwarding, type TraceSource } from '../routing/forwarding.js';
import { siteFlows, siteTargets, tracedVms } from '../routing/forwarding-flows.js';
import type { CommandRegistration } from './main.js';
import { deliveredBothWays, matrixText, traceJson, traceText } from './trace-format.js';
import { CliError, loadWorkspace } from './workspace-loader.js';

/**
 * `azrs trace <path...> --from <vm|nva|site> --to <ip|vm|site>` and `--all-sites` (docs/language.md §5):
 * the hop list both ways, like a traceroute, by the forwarding model of docs/semantics.md §6. Exits 1
 * when a path is not delivered both ways, 2 for usage errors (an unknown element, a bad address).
 */
export const registerTrace: CommandRegistration = (program, io) => {
    program.command('trace')
        .description('follow a packet hop by hop, and its reply (docs/semantics.md §6)')
        .argument('<path...>', '.azrs files or folders')
        .option('--from <name>', 'where the packet starts: a VM, an NVA, a firewall or an onprem site')
        .option('--to <target>', 'an IPv4 address, a VM, NVA or firewall (its address), or an onprem site (the first usable address of its first prefix)')
        .option('--all-sites', 'trace every VM to the first usable address of every onprem prefix, and print a matrix')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .action(async (paths: string[], opts: { from?: string; to?: string; allSites?: boolean; format: string }) => {
            if (opts.allSites && (opts.from !== undefined || opts.to !== undefined)) throw new CliError('--all-sites takes neither --from nor --to');
            if (!opts.allSites && (opts.from === undefined || opts.to === undefined)) throw new CliError('give --from NAME and --to TARGET, or --all-sites');
            const workspace = await loadWorkspace(paths);
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            const { topology } = analysis.built;
            const forwarding = new Forwarding(topology, analysis.routing);
            if (!analysis.routing.converged) io.err(`azrs: route propagation did not converge within ${analysis.routing.maxRounds} rounds; the paths follow a snapshot\n`);
            if (opts.allSites) {
                const flows = siteFlows(topology, forwarding);
                const targets = siteTargets(topology);
                if (opts.format === 'json') {
                    io.out(JSON.stringify({ flows: flows.map(f => ({ site: f.target.site.name, prefix: f.target.prefix.text, ...traceJson(f.trace) })) }, null, 2) + '\n');
                } else {
                    const columns = targets.map(t => `${t.site.name} ${t.prefix.text}${t.prefixes.length > 1 ? ` (+${t.prefixes.length - 1})` : ''}`);
                    const rows = tracedVms(topology).map((vm, i) => ({ vm: vm.name, flows: flows.slice(i * targets.length, (i + 1) * targets.length).map(f => f.trace) }));
                    io.out(matrixText(columns, rows));
                }
                const failed = flows.filter(f => !deliveredBothWays(f.trace)).length;
                if (opts.format === 'text') io.err(`azrs: ${flows.length - failed} of ${flows.length} flows delivered both ways\n`);
                process.exitCode = failed > 0 ? 1 : 0;
                return;
            }
            const from = sourceOf(topology, opts.from!);
            const destination = destinationOf(topology, opts.to!);
            let trace;
            try {
                trace = forwarding.trace(from, destination);
            } catch (e) {
                throw new CliError(e instanceof Error ? e.message : String(e));
            }
            io.out(opts.format === 'json' ? JSON.stringify(traceJson(trace), null, 2) + '\n' : traceText(trace));
            process.exitCode = deliveredBothWays(trace) ? 0 : 1;
        });
};

/** `--from NAME`: the shared lookup (analysis/diagram-views.ts), its errors as usage errors. */
export function sourceOf(topology: Topology, name: string): TraceSource {
    return asUsage(() => traceSourceOf(topology, name));
}

/** `--to TARGET`: an address, a VM's, NVA's or firewall's address, or a site's first usable address. */
export function destinationOf(topology: Topology, spec: string): number {
    return asUsage(() => traceDestinationOf(topology, spec));
}

/** Runs `f`, turning a `DiagramViewError` (bad --from, --to, --trace or --failure) into a usage error (exit 2). */
export function asUsage<T>(f: () => T): T {
    try {
        return f();
    } catch (e) {
        if (e instanceof DiagramViewError) throw new CliError(e.message);
        throw e;
    }
}
