import { comparePrefixes } from '../model/prefix.js';
import { userRouteProblem } from '../model/user-route.js';
import type { Prefix, RouteTable, Subnet, Topology, UserRoute } from '../model/topology.js';
import type { EffectiveRoute, RoutingResult } from '../routing/index.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';

/**
 * bgp-route-bypasses-udr (docs/language.md §3 v2): a subnet's route table sends 0.0.0.0/0 (or another
 * supernet) to an NVA or firewall by a user route, and a more specific BGP route from a gateway or
 * route server is Active in the same subnet. Longest prefix match comes before the source
 * (B-LPM, [S18]), so traffic to that prefix goes around the appliance: the reason the Azure Firewall
 * hybrid tutorial disables gateway route propagation on the spoke's route table (ER-PROP).
 *
 * Read from the effective routes the engine computed; one finding per user route, on the route,
 * naming the BGP prefixes (first five, then a count) and the fix.
 */
export function checkUdrBypass(topology: Topology, routing: RoutingResult): Finding[] {
    const subnetsOf = new Map<RouteTable, Subnet[]>();
    for (const subnet of topology.vnets.flatMap(v => v.subnets)) {
        const table = subnet.routeTable;
        // A GatewaySubnet's user routes act on traffic entering Azure (docs/semantics.md §6.4), not on the VMs' own.
        if (!table || table.disableBgpRoutePropagation || subnet.special !== undefined) continue;
        const list = subnetsOf.get(table) ?? [];
        list.push(subnet);
        subnetsOf.set(table, list);
    }
    const findings: Finding[] = [];
    for (const table of topology.routeTables) {
        const subnets = subnetsOf.get(table);
        if (!subnets) continue;
        for (const route of table.routes) {
            const target = applianceOf(route);
            if (!target || !route.prefix || userRouteProblem(route)) continue;
            const bypass = new Map<string, { prefix: Prefix; by: Set<string> }>();
            const affected: Subnet[] = [];
            for (const subnet of subnets) {
                // The appliance's own subnet sends its traffic on by other means (B-SELF-LOOP).
                if (subnet.nics.some(n => n.ip === target.ip) || subnet.firewalls.some(f => f.ip === target.ip)) continue;
                // Only VNets that BGP programs something under the user route can be bypassed.
                if (!routing.programmedInto(subnet.vnet).some(p => inside(p.prefix, route.prefix!))) continue;
                let hit = false;
                for (const row of routing.effectiveRoutes(subnet)) {
                    if (!bypasses(row, route.prefix, target.ip)) continue;
                    const entry = bypass.get(row.addressPrefix.text) ?? { prefix: row.addressPrefix, by: new Set<string>() };
                    if (row.provenance.kind === 'bgp') {
                        const by = row.provenance.programmed.by;
                        entry.by.add(`${by.kind === 'routeServer' ? 'route server' : 'gateway'} '${by.name}'`);
                    }
                    bypass.set(row.addressPrefix.text, entry);
                    hit = true;
                }
                if (hit) affected.push(subnet);
            }
            if (bypass.size === 0) continue;
            const prefixes = [...bypass.values()].map(b => b.prefix).sort(comparePrefixes);
            const sources = [...new Set([...bypass.values()].flatMap(b => [...b.by]))].sort();
            const where = affected.map(s => `${s.vnet.name}/${s.name}`).join(', ');
            findings.push(finding({
                code: IssueCodes.BgpRouteBypassesUdr,
                message: `Route '${route.name}' of route table '${table.name}' sends ${route.prefix.text} from ${where} to ${target.label}, but ${sources.join(' and ')} ${sources.length === 1 ? 'programs' : 'program'} more specific BGP routes there: ${listPrefixes(prefixes)}. The longest prefix wins before a user route does, so traffic to ${prefixes.length === 1 ? 'it' : 'them'} goes around ${target.label}. Set disableBgpRoutePropagation: true on '${table.name}' (and add user routes for what must bypass ${target.label}), or add user routes for these prefixes to ${target.label}.`,
                at: route.source, target: route,
                data: { table: table.name, prefixes: prefixes.map(p => p.text) }
            }));
        }
    }
    return findings;
}

interface Appliance { readonly ip: number; readonly label: string }

/** The NVA, firewall (v2) or address a VirtualAppliance route points to. */
function applianceOf(route: UserRoute): Appliance | undefined {
    if (route.nextHopType !== 'VirtualAppliance' || route.nextHopIp === undefined) return undefined;
    const label = route.nextHopNva ? `NVA '${route.nextHopNva.name}'`
        : route.nextHopFirewall ? `firewall '${route.nextHopFirewall.name}'`
        : `the appliance at ${route.nextHopIpText ?? ''}`;
    return { ip: route.nextHopIp, label };
}

/** An Active BGP row strictly inside the user route's prefix whose next hop is not the appliance itself. */
function bypasses(row: EffectiveRoute, prefix: Prefix, applianceIp: number): boolean {
    if (row.state !== 'Active' || row.source !== 'VirtualNetworkGateway') return false;
    if (!inside(row.addressPrefix, prefix) || row.addressPrefix.length === prefix.length) return false;
    if (row.provenance.kind === 'bgp' && row.provenance.programmed.nextHops.includes(applianceIp)) return false;
    return true;
}

function inside(p: Prefix, outer: Prefix): boolean {
    return p.length >= outer.length && p.first >= outer.first && p.last <= outer.last;
}

/** "a, b, c, d, e and 3 more" */
function listPrefixes(prefixes: readonly Prefix[], shown = 5): string {
    const texts = prefixes.map(p => p.text);
    if (texts.length <= shown) return texts.join(', ');
    return `${texts.slice(0, shown).join(', ')} and ${texts.length - shown} more`;
}
