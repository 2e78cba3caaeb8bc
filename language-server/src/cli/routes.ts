import { Option } from 'commander';
import type { Subnet } from '../model/topology.js';
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

const KIND_WORDS: Record<string, string> = {
    onprem: 'an onprem site', vnet: 'a VNet', routeServer: 'a route server', gateway: 'a gateway', routeTable: 'a route table',
    intent: 'an intent', vm: 'a VM', firewall: 'a firewall'
};

/**
 * The subnet of the NIC `--vm` names (SEMANTICS.md §4 v2, every NIC has a table): a VM's; an NVA's
 * first NIC (`fw1`) or one of its NICs (`fw1/trust`); a firewall's AzureFirewallSubnet.
 */
function findVmSubnet(topology: import('../model/topology.js').Topology, name: string): Subnet {
    const slash = name.indexOf('/');
    if (slash >= 0) {
        const nvaName = name.slice(0, slash);
        const nicName = name.slice(slash + 1);
        const nva = topology.byName.get(nvaName);
        if (nva?.kind !== 'nva') throw new CliError(nva ? `'${nvaName}' is ${KIND_WORDS[nva.kind] ?? nva.kind}, not an NVA: NVA/NIC names one NIC of an NVA` : `unknown NVA '${nvaName}'`);
        const nic = nva.nics.find(n => n.name === nicName);
        if (!nic) throw new CliError(`NVA '${nvaName}' has no NIC '${nicName}' (it has: ${nva.nics.map(n => n.name).join(', ')})`);
        return nic.subnet;
    }
    // An NVA has a NIC with effective routes too (T2, T6 of the rule book): its first NIC's.
    const el = topology.byName.get(name);
    if (el?.kind === 'vm' || el?.kind === 'nva' || el?.kind === 'firewall') return el.subnet;
    if (el) throw new CliError(`'${name}' is ${KIND_WORDS[el.kind] ?? el.kind}, not a VM, NVA or firewall`);
    throw new CliError(`unknown VM '${name}'`);
}

function findSubnet(topology: import('../model/topology.js').Topology, spec: string): Subnet {
    const slash = spec.indexOf('/');
    if (slash < 0) throw new CliError(`--subnet expects VNET/SUBNET, e.g. hub1/workload (or hub1/default for the implicit default subnet)`);
    const vnetName = spec.slice(0, slash);
    const subnetName = spec.slice(slash + 1);
    const vnet = topology.vnets.find(v => v.name === vnetName);
    if (!vnet) throw new CliError(`unknown VNet '${vnetName}'`);
    // (v2) The GatewaySubnet (with the gateway's routeTable) and the AzureFirewallSubnet have tables too.
    const special = [...vnet.gateways.map(g => g.gatewaySubnet), ...vnet.firewalls.map(f => f.subnet)];
    const subnet = vnet.subnets.find(s => s.name === subnetName) ?? special.find(s => s.name === subnetName)
        ?? (subnetName === 'default' ? vnet.defaultSubnet : undefined);
    const names = [...new Set([...vnet.subnets.map(s => s.name), ...special.map(s => s.name), 'default'])];
    if (!subnet) throw new CliError(`VNet '${vnetName}' has no subnet '${subnetName}' (it has: ${names.join(', ')})`);
    return subnet;
}
