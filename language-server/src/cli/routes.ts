import { Option } from 'commander';
import type { Subnet } from '../model/topology.js';
import { findInterface, findSubnetByPath } from '../model/interface-lookup.js';
import { parseAddress } from '../model/prefix.js';
import { formatRouteTable, toAzJson } from '../routing/index.js';
import { collectDiagnostics } from './check.js';
import type { CommandRegistration } from './main.js';
import { CliError, loadWorkspace } from './workspace-loader.js';

/**
 * `azrs routes`: a VM's or subnet's effective routes, as the portal's Effective routes blade
 * (table) or exactly as `az network nic show-effective-route-table -o json` (json).
 */
export const registerRoutes: CommandRegistration = (program, io) => {
    program.command('routes')
        .description("print the effective routes of a VM's or subnet's NIC")
        .argument('<path...>', '.azrs files or folders')
        .option('--vm <name>', 'the VM, NVA (NVA/NIC for one of its NICs) or firewall whose effective routes to print')
        .option('--subnet <vnet/subnet>', 'the subnet whose effective routes to print')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
        .option('--to <ip>', 'print only the route that longest-prefix match selects for this destination')
        .option('--routes-per-peer <n>', 'routes an NVA may send a route server before the session is torn down')
        .action(async (paths: string[], opts: { vm?: string; subnet?: string; format: string; to?: string; routesPerPeer?: string }) => {
            if ((opts.vm === undefined) === (opts.subnet === undefined)) throw new CliError('give exactly one of --vm NAME or --subnet VNET/SUBNET');
            let destination: number | undefined;
            if (opts.to !== undefined) {
                const parsed = parseAddress(opts.to);
                if (!parsed.ok) throw new CliError(`--to: ${parsed.message}`);
                destination = parsed.address;
            }
            const routesPerPeer = opts.routesPerPeer === undefined ? undefined : Number(opts.routesPerPeer);
            if (routesPerPeer !== undefined && !(Number.isInteger(routesPerPeer) && routesPerPeer > 0)) throw new CliError('--routes-per-peer: expected a positive whole number');
            const workspace = await loadWorkspace(paths, { routesPerPeer });
            const analysis = workspace.azrs.analysis.WorkspaceAnalysis.get();
            const { topology } = analysis.built;
            const subnet = opts.vm !== undefined ? findVmSubnet(topology, opts.vm) : findSubnet(topology, opts.subnet!);
            const { routing } = analysis;
            let rows = routing.effectiveRoutes(subnet);
            if (destination !== undefined) {
                const hit = routing.lookup(subnet, destination);
                rows = hit ? [hit] : [];
            }
            io.out(opts.format === 'json' ? JSON.stringify(toAzJson(rows), null, 2) + '\n' : formatRouteTable(rows, 'text') + '\n');
            if (!routing.converged) io.err(`azrs: route propagation did not converge within ${routing.maxRounds} rounds; the routes are a snapshot\n`);
            const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error').length;
            if (errors > 0) io.err(`azrs: the topology has ${errors} error${errors === 1 ? '' : 's'}; run azrs check for details\n`);
            process.exitCode = errors > 0 ? 1 : 0;
        });
};

function findVmSubnet(topology: import('../model/topology.js').Topology, name: string): Subnet {
    // An NVA has a NIC with effective routes too (T2, T6 of the rule book); (v2) each NIC of a
    // multi-NIC NVA (`fw1/trust`) and a firewall have one.
    const found = findInterface(topology, name);
    if (!found.ok) throw new CliError(found.message);
    return found.match.subnet;
}

function findSubnet(topology: import('../model/topology.js').Topology, spec: string): Subnet {
    if (!spec.includes('/')) throw new CliError(`--subnet expects VNET/SUBNET, e.g. hub1/workload (or hub1/default for the implicit default subnet)`);
    const found = findSubnetByPath(topology, spec);
    if (!found.ok) throw new CliError(found.message);
    return found.subnet;
}
