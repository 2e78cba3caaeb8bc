import { describeDropReason, formatAsPath, speakerLabel } from '../analysis/route-text.js';
import { containsPrefix } from '../model/prefix.js';
import type { Prefix, Subnet } from '../model/topology.js';
import type { EffectiveRoute, ProgrammedRoute, ReceivedRoute, RoutingResult } from '../routing/index.js';

/**
 * azrs's own account of a row (or of a missing row), in the words of the hovers
 * (analysis/route-text.ts): which session carried a BGP route, which range or peering a system
 * route comes from, which user route, and why a route Azure shows is not in azrs's table.
 */

function carried(r: ReceivedRoute): string {
    return `from ${speakerLabel(r.from)} over ${r.session.id}, AS path ${formatAsPath(r.asPath)}`;
}

function programmedText(p: ProgrammedRoute): string {
    const members = p.routes.length ? p.routes.map(carried).join('; ') : 'originated by it';
    return `programmed by ${speakerLabel(p.by)}, learned ${members}`;
}

/** Why azrs has this row. */
export function explainRow(row: EffectiveRoute, rows: readonly EffectiveRoute[]): string {
    const p = row.provenance;
    let why: string;
    switch (p.kind) {
        case 'vnet-local': why = `a range of VNet ${p.vnet.name}`; break;
        case 'peering': why = `a range of ${p.vnet.name}, over the Connected peering ${p.peering.from.name} -> ${p.peering.to.name}`; break;
        case 'internet': why = 'Azure\'s system default route'; break;
        case 'reserved': why = 'Azure\'s system None route for a private range (docs/semantics.md §4)'; break;
        case 'bgp': why = programmedText(p.programmed); break;
        case 'user': why = `user route '${p.route.name}' of route table ${p.route.table.name}`; break;
    }
    if (row.state === 'Invalid') {
        const winner = rows.find(r => r.state === 'Active' && r.addressPrefix.text === row.addressPrefix.text);
        why += winner ? `; Invalid: the ${winner.source} route for the same prefix wins` : '; Invalid';
    }
    return why;
}

/** Why azrs has no row for `prefix` from `source` in this subnet's table. */
export function explainMissing(prefix: Prefix, source: string, subnet: Subnet, routing: RoutingResult): string {
    const vnet = subnet.vnet;
    const rows = routing.effectiveRoutes(subnet);
    const samePrefix = rows.filter(r => r.addressPrefix.text === prefix.text);
    const has = samePrefix.length ? ` (azrs has it from ${samePrefix.map(r => r.source).join(', ')})` : '';
    if (source === 'User') {
        const table = subnet.routeTable;
        return table ? `route table ${table.name} has no route for ${prefix.text}${has}` : `subnet ${vnet.name}/${subnet.name} has no route table${has}`;
    }
    if (source === 'VirtualNetworkGateway') return explainMissingBgp(prefix, subnet, routing) + has;
    if (prefix.length === 0) return `azrs leaves out the system default route when a BGP 0.0.0.0/0 is programmed (docs/semantics.md §4)${has}`;
    const ranges = vnet.addressSpace.map(p => p.text).join(', ');
    return `no range of VNet ${vnet.name} (${ranges}) or of a VNet with a Connected peering to it is ${prefix.text}, and it is not one of the system None ranges azrs shows here${has}`;
}

function explainMissingBgp(prefix: Prefix, subnet: Subnet, routing: RoutingResult): string {
    const vnet = subnet.vnet;
    const programmers = routing.programs.filter(p => p.domain.includes(vnet));
    if (subnet.routeTable?.disableBgpRoutePropagation) return `route table ${subnet.routeTable.name} has disableBgpRoutePropagation: true`;
    if (routing.programmedInto(vnet).some(p => p.prefix.text === prefix.text)) {
        return `it is programmed into ${vnet.name}, but a system route for a range of the VNet or a peered VNet covers it and wins (RT-SYSTEM-WINS)`;
    }
    for (const program of programmers) {
        const rib = routing.rib(program.by);
        const heard = rib?.received.filter(r => r.prefix.text === prefix.text) ?? [];
        const dropped = heard.find(r => !r.accepted);
        if (dropped) return `${speakerLabel(program.by)} received it ${carried(dropped)} and dropped it: ${dropped.reason ? describeDropReason(dropped.reason) : 'not used'}`;
    }
    if (programmers.length === 0) return `no route server or gateway programs routes into ${vnet.name} (no own gateway or route server, and no peering with useRemoteGateways)`;
    // Anywhere else in the topology: a speaker that dropped it on the way.
    for (const rib of routing.speakers) {
        const dropped = rib.received.find(r => r.prefix.text === prefix.text && !r.accepted);
        if (dropped) return `${speakerLabel(rib.speaker)} received it ${carried(dropped)} and dropped it: ${dropped.reason ? describeDropReason(dropped.reason) : 'not used'}`;
    }
    const covering = routing.programmedInto(vnet).find(p => containsPrefix(p.prefix, prefix) && p.prefix.text !== prefix.text);
    return `no site, NVA or gateway in the topology advertises ${prefix.text} to ${programmers.map(p => p.by.name).join(', ')}`
        + (covering ? ` (it programs the covering ${covering.prefix.text})` : '');
}
