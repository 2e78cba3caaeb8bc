import type { AnalysisSettings } from '../routing/settings.js';
import { comparePrefixes, makePrefix } from '../model/prefix.js';
import type { Nva, Peering, Prefix, RouteServer, RouteTable, Subnet, Topology, VNet } from '../model/topology.js';
import type { EffectiveRoute, ReceivedRoute, RoutingResult } from '../routing/index.js';
import { sessionLabel } from './bgp-checks.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { peeringLabel } from './peering-checks.js';
import { checkSameAsnNvas } from './same-asn-checks.js';
import { checkUdrBypass } from './udr-bypass-checks.js';
import { itemRef, propertyRef } from './topology-queries.js';

/**
 * The codes of docs/language.md §3 that depend on the routes. They read the route engine's result and
 * never compute a route themselves, so that a diagnostic, a hover and `azrs routes` always agree.
 */
export function checkRouting(topology: Topology, routing: RoutingResult, settings: AnalysisSettings): Finding[] {
    return [
        ...checkRouteLimits(routing, settings),
        ...checkAsOverride(topology, routing),
        ...checkAdvertisedPrefixes(topology, routing),
        ...checkDefaultRouteLoops(topology, routing),
        ...checkForwardedTraffic(topology, routing),
        ...checkPropagationDisabled(topology, routing),
        ...checkSameAsnNvas(topology, routing),
        ...checkUdrBypass(topology, routing)
    ];
}

/** "a, b, c, d, e and 3 more" */
export function listPrefixes(prefixes: readonly Prefix[], shown = 5): string {
    const texts = prefixes.map(p => p.text);
    if (texts.length <= shown) return texts.join(', ');
    return `${texts.slice(0, shown).join(', ')} and ${texts.length - shown} more`;
}

function checkRouteLimits(routing: RoutingResult, settings: AnalysisSettings): Finding[] {
    const findings: Finding[] = [];
    for (const { session, count, limit } of routing.routeLimitTeardowns) {
        const s = session.statement;
        if (!s?.nva) continue;
        const rs = s.peer;
        // LIM-ROUTES-PER-PEER (MC-09): Route Server drops the whole session, both ways.
        findings.push(finding({
            code: IssueCodes.RouteLimitExceeded,
            message: `NVA '${s.nva.name}' sends ${rs ? `route server '${rs.name}'` : 'its route server'} ${count} prefixes, more than the per-peer limit of ${limit}: Route Server tears down the session of a peer that sends more than its per-peer limit (counting the routes it holds plus those in the update), and the session carries nothing either way. Summarise what '${s.nva.name}' advertises, or, if your Route Server's limit is higher (the 09/2025 FAQ says 4,000), raise the limit: the setting azrs.limits.routesPerPeer (now ${settings.routesPerPeer}) in the editor, --routes-per-peer on the command line.`,
            at: s.source, target: s, data: { count, limit }
        }));
    }
    return findings;
}

/**
 * DH-ER-3 / B-LOOP (MC-17): routes an NVA relays to a route server with 65515 in their path are
 * dropped unless the session rewrites the path. Reported when at least one of them is lost, i.e.
 * the route server has no best route for it from elsewhere.
 */
function checkAsOverride(topology: Topology, routing: RoutingResult): Finding[] {
    const findings: Finding[] = [];
    for (const s of topology.sessions) {
        if (!s.nva || s.peer?.kind !== 'routeServer' || s.asOverride) continue;
        const rs = s.peer;
        const rib = routing.rib(rs);
        if (!rib) continue;
        const dropped = uniquePrefixes(rib.received.filter(r =>
            r.session.statement === s && r.from === s.nva && r.reason?.kind === 'as-path-loop' && r.reason.asn === rib.asn));
        if (dropped.length === 0) continue;
        const known = new Set(rib.best.map(b => b.prefix.text));
        const lost = dropped.filter(p => !known.has(p.text));
        if (lost.length === 0) continue;
        const label = sessionLabel(s);
        findings.push(finding({
            code: IssueCodes.MissingAsOverride,
            message: `Route server '${rs.name}' drops ${count(dropped.length, 'route')} that NVA '${s.nva.name}' relays, because their AS path already holds ${rib.asn} (another Route Server or gateway): ${listPrefixes(dropped)}. Every Route Server and ExpressRoute gateway is AS 65515, and a BGP speaker drops a route whose AS path holds its own ASN. ${lost.length === dropped.length ? 'It has no other path to them' : `It has no other path to ${listPrefixes(lost)}`}. Add asOverride: true to '${label}'.`,
            // A written `asOverride: false` is what to change; otherwise the statement.
            at: s.refs.asOverride ? propertyRef(s, 'asOverride') : s.source, target: s,
            data: { session: label, nva: s.nva.name, routeServer: rs.name, prefixes: dropped.map(p => p.text), lost: lost.map(p => p.text) }
        }));
    }
    return findings;
}

/**
 * RT-NO-VNET-PREFIX (MC-12): an NVA's own prefix equal to or inside a range of a route server's
 * domain is ignored. Once per advertised prefix, naming every route server that ignores it.
 */
function checkAdvertisedPrefixes(topology: Topology, routing: RoutingResult): Finding[] {
    const findings: Finding[] = [];
    for (const nva of topology.vnets.flatMap(v => v.nvas)) {
        if (nva.advertises.length === 0) continue;
        const hits = new Map<number, Array<{ rs: RouteServer; range: Prefix; vnet: VNet }>>();
        for (const s of topology.sessions) {
            if (s.nva !== nva || s.peer?.kind !== 'routeServer') continue;
            const rs = s.peer;
            for (const r of routing.rib(rs)?.received ?? []) {
                if (r.session.statement !== s || r.from !== nva || r.origin !== nva || r.reason?.kind !== 'vnet-range') continue;
                const index = nva.advertises.findIndex(p => p.text === r.prefix.text);
                if (index < 0) continue;
                const list = hits.get(index) ?? [];
                if (!list.some(h => h.rs === rs)) list.push({ rs, range: r.reason.range, vnet: r.reason.vnet });
                hits.set(index, list);
            }
        }
        for (const [index, list] of [...hits].sort((a, b) => a[0] - b[0])) {
            const prefix = nva.advertises[index];
            const { range, vnet } = list[0];
            const servers = list.map(h => `'${h.rs.name}'`).join(', ');
            findings.push(finding({
                code: IssueCodes.AdvertisedPrefixIgnored,
                message: `NVA '${nva.name}' advertises ${prefix.text}, which is ${prefix.text === range.text ? 'equal to' : 'inside'} the range ${range.text} of VNet '${vnet.name}' in the domain of route server ${servers}: Route Server ignores a route equal to or more specific than a VNet range of its domain, and programs nothing. ${ignoredAdvice(nva, prefix, range, vnet, list.map(h => h.rs), routing)}`,
                at: itemRef(nva, 'advertises', index), target: nva, data: { prefix: prefix.text }
            }));
        }
    }
    return findings;
}

/**
 * What to do instead of an ignored prefix, checked against the route servers' domains before it is
 * offered. Inside a VNet range (subnets of one VNet): system routes win over BGP within a VNet and
 * across a peering even when the BGP route is more specific (RT-SYSTEM-WINS, Route Server FAQ), so a
 * user route is the way. Equal to a VNet range: the nearest supernet (B-SUPERNET), only when Route
 * Server would accept it (not equal to or inside any range of those domains) and it covers no other
 * range of them, which it would draw through the NVA as well; a shorter supernet covers all the nearest
 * one covers, so none is offered then.
 */
function ignoredAdvice(nva: Nva, prefix: Prefix, range: Prefix, vnet: VNet, servers: readonly RouteServer[], routing: RoutingResult): string {
    const userRoute = `To send traffic for ${prefix.text} through '${nva.name}', use a user route (${prefix.text} -> VirtualAppliance ${nva.name}) in the route table of each subnet that sends it.`;
    if (prefix.text !== range.text) {
        return `Within a VNet and across a peering the system routes win even over a more specific BGP route, so no advertisement can steer traffic to part of '${vnet.name}'. ${userRoute}`;
    }
    const ranges = new Map<string, { range: Prefix; vnet: VNet }>();
    for (const rs of servers) {
        for (const v of routing.program(rs)?.domain ?? []) for (const r of v.addressSpace) ranges.set(r.text, { range: r, vnet: v });
    }
    if (range.length === 0) return userRoute;
    const supernet = makePrefix(range.network, range.length - 1);
    const ignored = [...ranges.values()].find(d => supernet.first >= d.range.first && supernet.last <= d.range.last);
    const covered = [...ranges.values()].find(d => d.range.text !== range.text && d.range.first >= supernet.first && d.range.last <= supernet.last);
    if (!ignored && !covered) {
        return `Advertise a supernet instead, such as ${supernet.text}: Route Server accepts it, and the system routes still win for '${vnet.name}' and the VNets peered with it.`;
    }
    const clash = covered ?? ignored!;
    return `Every supernet of it also covers the range ${clash.range.text} of VNet '${clash.vnet.name}' in the same domain and would draw that VNet's traffic through '${nva.name}' too. ${userRoute}`;
}

/**
 * B-SELF-LOOP / MC-11: an NVA's own default route, programmed back into its subnet and Active there,
 * sends its internet traffic to itself. A UDR 0.0.0.0/0 -> Internet (User beats BGP) or disabled
 * propagation leaves the BGP row out or Invalid, so the effective routes decide.
 */
function checkDefaultRouteLoops(topology: Topology, routing: RoutingResult): Finding[] {
    const findings: Finding[] = [];
    for (const nva of topology.vnets.flatMap(v => v.nvas)) {
        const index = nva.advertises.findIndex(p => p.length === 0);
        if (index < 0) continue;
        const row = routing.effectiveRoutes(nva.subnet).find(r =>
            r.state === 'Active' && r.addressPrefix.length === 0 && r.provenance.kind === 'bgp' && r.provenance.programmed.nvas.includes(nva));
        if (!row || row.provenance.kind !== 'bgp') continue;
        // (v2) A firewall whose BGP NIC is not its internet NIC: another NIC's subnet still sends
        // 0.0.0.0/0 to the Internet, so its internet traffic leaves there and does not loop.
        if (nva.nics.some(nic => nic.subnet !== nva.subnet && routing.effectiveRoutes(nic.subnet).some(r =>
            r.state === 'Active' && r.addressPrefix.length === 0 && r.nextHopType === 'Internet'))) continue;
        const by = row.provenance.programmed.by;
        const subnet = nva.subnet.implicit ? `the default subnet of ${nva.vnet.name}` : `its own subnet '${nva.subnet.name}'`;
        findings.push(finding({
            code: IssueCodes.NvaDefaultRouteLoop,
            message: `NVA '${nva.name}' advertises 0.0.0.0/0 and ${by.kind === 'routeServer' ? 'route server' : 'gateway'} '${by.name}' programs it back into ${subnet}: '${nva.name}' sends its own internet traffic to itself. Give ${nva.subnet.implicit ? 'the NVA a subnet' : `subnet '${nva.subnet.name}'`} a route table with a route 0.0.0.0/0 -> Internet.`,
            at: itemRef(nva, 'advertises', index), target: nva
        }));
    }
    return findings;
}

/**
 * PF-FWD: traffic that an NVA in VNet b forwards back into VNet a enters over `a -> b`, which needs
 * allowForwardedTraffic. Looks at the Active routes of every subnet of a that holds VMs.
 */
function checkForwardedTraffic(topology: Topology, routing: RoutingResult): Finding[] {
    const nvaByAddress = new Map<number, Nva>();
    for (const nva of topology.vnets.flatMap(v => v.nvas)) {
        for (const address of [nva.ip, nva.nextHop]) {
            if (address !== undefined && !nvaByAddress.has(address)) nvaByAddress.set(address, nva);
        }
    }
    // The first Connected peering of each ordered pair of VNets, as the builder pairs them.
    const connected = new Map<VNet, Map<VNet, Peering>>();
    for (const p of topology.peerings) {
        if (p.state !== 'Connected') continue;
        let byTo = connected.get(p.from);
        if (!byTo) connected.set(p.from, byTo = new Map());
        if (!byTo.has(p.to)) byTo.set(p.to, p);
    }
    const blocked = new Map<Peering, { nvas: Set<Nva>; prefixes: Map<string, Prefix>; vms: Set<string> }>();
    for (const vnet of topology.vnets) {
        // Only a VNet with a peering that blocks forwarded traffic can have a finding: the others
        // (nearly all, in a working design) skip computing their subnets' route tables.
        const peerings = connected.get(vnet);
        if (!peerings || [...peerings.values()].every(p => p.allowForwardedTraffic)) continue;
        for (const subnet of subnetsWithVms(vnet)) {
            for (const row of routing.effectiveRoutes(subnet)) {
                if (row.state !== 'Active') continue;
                for (const nva of nextHopNvas(row, nvaByAddress)) {
                    if (nva.vnet === vnet) continue;
                    const peering = connected.get(vnet)?.get(nva.vnet);
                    if (!peering || peering.allowForwardedTraffic) continue;
                    let hit = blocked.get(peering);
                    if (!hit) blocked.set(peering, hit = { nvas: new Set(), prefixes: new Map(), vms: new Set() });
                    hit.nvas.add(nva);
                    hit.prefixes.set(row.addressPrefix.text, row.addressPrefix);
                    for (const vm of subnet.vms) hit.vms.add(vm.name);
                }
            }
        }
    }
    const findings: Finding[] = [];
    for (const [p, { nvas, prefixes, vms }] of [...blocked].sort((a, b) => a[0].index - b[0].index)) {
        const names = [...nvas].map(n => `'${n.name}'`).join(', ');
        findings.push(finding({
            code: IssueCodes.ForwardedTrafficBlocked,
            message: `VMs of '${p.from.name}' (${[...vms].sort().join(', ')}) send ${listPrefixes(sortPrefixes([...prefixes.values()]))} to NVA ${names} in ${p.to.name}, but '${peeringLabel(p)}' does not allow forwarded traffic: a peering admits traffic that did not start in the peered VNet only with allowForwardedTraffic, so what the NVA forwards back into '${p.from.name}' is dropped. Set allowForwardedTraffic: true on '${peeringLabel(p)}'.`,
            at: propertyRef(p, 'allowForwardedTraffic'), target: p, data: { peering: peeringLabel(p) }
        }));
    }
    return findings;
}

function subnetsWithVms(vnet: VNet): Subnet[] {
    return [...vnet.subnets, vnet.defaultSubnet].filter(s => s.vms.length > 0);
}

function nextHopNvas(row: EffectiveRoute, nvaByAddress: ReadonlyMap<number, Nva>): readonly Nva[] {
    const p = row.provenance;
    if (p.kind === 'bgp') return p.programmed.nvas;
    if (p.kind === 'user' && p.route.nextHopType === 'VirtualAppliance') {
        if (p.route.nextHopNva) return [p.route.nextHopNva];
        const nva = p.route.nextHopIp !== undefined ? nvaByAddress.get(p.route.nextHopIp) : undefined;
        return nva ? [nva] : [];
    }
    return [];
}

/**
 * ER-PROP (MC-22): a route table with propagation disabled keeps every BGP route out of its
 * subnets. The count is what the VNet's implicit default subnet, which has no route table, gets.
 */
function checkPropagationDisabled(topology: Topology, routing: RoutingResult): Finding[] {
    const findings: Finding[] = [];
    const subnetsOf = new Map<RouteTable, Subnet[]>();
    // ER-PROP (MC-22): the GatewaySubnet (v2, a gateway's routeTable) is a subnet too, and the one
    // where disabling propagation does the most harm. A VNet's gateways share one GatewaySubnet.
    const gatewaySubnets = topology.vnets.flatMap(v => {
        const gateway = v.gateways.find(g => g.routeTable);
        return gateway ? [gateway.gatewaySubnet] : [];
    });
    for (const subnet of [...topology.vnets.flatMap(v => v.subnets), ...gatewaySubnets]) {
        if (!subnet.routeTable?.disableBgpRoutePropagation) continue;
        const list = subnetsOf.get(subnet.routeTable) ?? [];
        list.push(subnet);
        subnetsOf.set(subnet.routeTable, list);
    }
    for (const table of topology.routeTables) {
        const subnets = subnetsOf.get(table);
        if (!subnets) continue;
        const byText = new Map<string, Prefix>();
        for (const vnet of new Set(subnets.map(s => s.vnet))) {
            for (const row of routing.effectiveRoutes(vnet.defaultSubnet)) {
                if (row.source === 'VirtualNetworkGateway') byText.set(row.addressPrefix.text, row.addressPrefix);
            }
        }
        if (byText.size === 0) continue;
        const removed = sortPrefixes([...byText.values()]);
        // B-SELF-LOOP (S5, S10): on the subnet of an NVA that advertises 0.0.0.0/0, disabling
        // propagation keeps the NVA's own default route out of its NICs: the usual fix of the loop.
        const selfLoop = subnets.flatMap(s => s.nvas).filter(n => n.advertises.some(p => p.length === 0));
        const advice = selfLoop.length > 0
            ? ` On the subnet of ${selfLoop.map(n => `NVA '${n.name}'`).join(', ')}, which ${selfLoop.length === 1 ? 'advertises' : 'advertise'} 0.0.0.0/0, this is the usual fix for the default-route loop (nva-default-route-loop): the NVA does not get its own default route back and reaches the internet by the system route. Keep it, and add user routes for the prefixes the NVA must still reach through BGP.`
            : ' Keep it only if user routes replace them.';
        const onGatewaySubnet = subnets.some(s => s.special === 'GatewaySubnet')
            ? ' Azure says not to disable BGP route propagation on the GatewaySubnet: the gateway stops working. Set disableBgpRoutePropagation: false on this route table, or use another one for the GatewaySubnet.'
            : '';
        findings.push(finding({
            code: IssueCodes.BgpPropagationDisabled,
            message: `Route table '${table.name}' disables BGP route propagation: its ${subnets.length === 1 ? 'subnet' : 'subnets'} ${subnets.map(s => `${s.vnet.name}/${s.name}`).join(', ')} ${subnets.length === 1 ? 'does' : 'do'} not get ${count(removed.length, 'BGP route')} from route servers and gateways (${listPrefixes(removed)}), as propagation is off for gateway and Route Server routes alike.${onGatewaySubnet || advice}`,
            at: propertyRef(table, 'disableBgpRoutePropagation'), target: table, data: { count: removed.length }
        }));
    }
    return findings;
}

function uniquePrefixes(routes: readonly ReceivedRoute[]): Prefix[] {
    return sortPrefixes([...new Map(routes.map(r => [r.prefix.text, r.prefix])).values()]);
}

function sortPrefixes(prefixes: Prefix[]): Prefix[] {
    return prefixes.sort(comparePrefixes);
}

function count(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
