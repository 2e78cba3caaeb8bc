import { AZURE_ASN, MAX_ROUTE_SERVER_PEERS } from '../model/azure-constants.js';
import { makePrefix } from '../model/prefix.js';
import type { BgpSession, Gateway, RouteServer, Topology, VNet } from '../model/topology.js';
import { classifySessions, countedSessions, routeServerOf, routeServerReachable, sessionLabel } from './bgp-checks.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { propertyRef, valueRef, where } from './topology-queries.js';

/** LIM-PEERS: BGP peers (NVAs) per Route Server, in every version of the limits table. */
export { MAX_ROUTE_SERVER_PEERS };

/**
 * The "Route Server and gateways" codes of docs/language.md §3 that the configuration alone decides.
 * route-limit-exceeded needs the routes (routing-checks.ts).
 */
export function checkRouteServers(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const peers = routeServerPeers(topology);
    for (const vnet of topology.vnets) {
        for (const rs of vnet.routeServers) checkSubnetSize(rs, findings);
        checkMultiples(vnet, findings);
        if (vnet.routeServers.length > 0) for (const gw of vnet.gateways) checkVpnGatewayBesideRouteServer(gw, findings);
        for (const rs of vnet.routeServers) checkBranchToBranch(rs, peers.get(rs) ?? [], findings);
    }
    checkPeerCount(topology, peers, findings);
    return findings;
}

/** Each route server's NVA sessions that count (valid ends, first of each pair), in file order. */
export function routeServerPeers(topology: Topology): Map<RouteServer, BgpSession[]> {
    const out = new Map<RouteServer, BgpSession[]>();
    for (const s of countedSessions(topology, classifySessions(topology))) {
        const rs = routeServerOf(s);
        if (!rs) continue;
        let list = out.get(rs);
        if (!list) out.set(rs, list = []);
        list.push(s);
    }
    return out;
}

function checkSubnetSize(rs: RouteServer, findings: Finding[]): void {
    // RS-SUBNET-SIZE: /27 or larger is required (S14); current guidance is /26 or larger (S13).
    const prefix = rs.subnet;
    if (!prefix || prefix.length < 27) return;
    const suggestion = makePrefix(prefix.network, 26).text;
    findings.push(finding(prefix.length > 27
        ? {
            code: IssueCodes.RouteServerSubnetTooSmall,
            message: `The RouteServerSubnet of route server '${rs.name}' is a /${prefix.length}; Azure requires /27 or larger and recommends /26. Use a /26 such as ${suggestion}.`,
            at: valueRef(rs, 'subnet'), target: rs
        }
        : {
            code: IssueCodes.RouteServerSubnetTooSmall, severity: 'warning',
            message: `The RouteServerSubnet of route server '${rs.name}' is a /27; older guidance accepted it, but Azure now asks for /26 or larger. Use a /26 such as ${suggestion}.`,
            at: valueRef(rs, 'subnet'), target: rs
        }));
}

function checkMultiples(vnet: VNet, findings: Finding[]): void {
    // RS-ONE: at most one Route Server per VNet; the later ones are reported.
    const [firstRs, ...extraRs] = vnet.routeServers;
    for (const rs of extraRs) {
        findings.push(finding({
            code: IssueCodes.MultipleRouteServers,
            message: `VNet '${vnet.name}' already has route server '${firstRs.name}' (${where(firstRs.source)}); a VNet can hold only one route server. Remove '${rs.name}' or move it to another VNet.`,
            at: rs.source, target: rs
        }));
    }
    // One ExpressRoute and one Vpn gateway per VNet (both live in the one GatewaySubnet).
    const firstByType = new Map<string, Gateway>();
    for (const gw of vnet.gateways) {
        const first = firstByType.get(gw.type);
        if (!first) {
            firstByType.set(gw.type, gw);
            continue;
        }
        findings.push(finding({
            code: IssueCodes.MultipleGateways,
            message: `VNet '${vnet.name}' already has the ${gw.type} gateway '${first.name}' (${where(first.source)}); a VNet can hold only one gateway of each type. Remove '${gw.name}' or add connections to '${first.name}' instead.`,
            at: gw.source, target: gw
        }));
    }
}

function checkVpnGatewayBesideRouteServer(gw: Gateway, findings: Finding[]): void {
    if (gw.type !== 'Vpn') return;
    const rs = gw.vnet.routeServers[0];
    // RT-VPNGW-REQ (MC-20): a Vpn gateway used with Route Server must be active-active with ASN 65515.
    if (gw.asn !== AZURE_ASN) {
        findings.push(finding({
            code: IssueCodes.VpnGatewayAsn,
            message: `Vpn gateway '${gw.name}' has ASN ${gw.asn}, but a Vpn gateway beside a route server ('${rs.name}') must use 65515: Route Server and the gateways of its VNet exchange routes as one AS, 65515. Set asn: 65515 or remove it.`,
            at: valueRef(gw, 'asn'), target: gw
        }));
    }
    if (!gw.activeActive) {
        findings.push(finding({
            code: IssueCodes.VpnGatewayNotActiveActive,
            message: `Vpn gateway '${gw.name}' is not active-active, but Route Server works only with an active-active Vpn gateway in its VNet ('${rs.name}'). Set activeActive: true.`,
            at: propertyRef(gw, 'activeActive'), target: gw
        }));
    }
}

function checkBranchToBranch(rs: RouteServer, peers: readonly BgpSession[], findings: Finding[]): void {
    // RT-B2B: without allowBranchToBranchTraffic, NVA and gateway routes are not exchanged.
    if (rs.branchToBranch || peers.length === 0) return;
    const gateways = rs.vnet.gateways.filter(g => g.connections.length > 0);
    if (gateways.length === 0) return;
    const nvas = [...new Set(peers.map(s => s.nva!.name))];
    findings.push(finding({
        code: IssueCodes.BranchToBranchDisabled,
        message: `Route server '${rs.name}' has branch-to-branch off: the routes of its NVA peers (${nvas.join(', ')}) do not reach ${gateways.map(g => `'${g.name}'`).join(', ')} and on-premises routes do not reach the NVAs. Set branchToBranch: true if they should be exchanged.`,
        at: propertyRef(rs, 'branchToBranch'), target: rs
    }));
}

function checkPeerCount(topology: Topology, peers: Map<RouteServer, BgpSession[]>, findings: Finding[]): void {
    // LIM-PEERS (MC-08): Azure refuses the ninth bgpConnection. A session already reported as
    // unreachable keeps that one finding, but still counts: its bgpConnection exists.
    for (const [rs, sessions] of peers) {
        if (sessions.length <= MAX_ROUTE_SERVER_PEERS) continue;
        sessions.slice(MAX_ROUTE_SERVER_PEERS).forEach((s, i) => {
            if (!routeServerReachable(topology, s.nva!, rs)) return;
            findings.push(finding({
                code: IssueCodes.TooManyBgpPeers,
                message: `Route server '${rs.name}' has ${sessions.length} BGP peers; Azure allows ${MAX_ROUTE_SERVER_PEERS}, and '${sessionLabel(s)}' is peer number ${MAX_ROUTE_SERVER_PEERS + 1 + i}. Remove it or peer '${s.nva!.name}' with another route server.`,
                at: s.source, target: s
            }));
        });
    }
}
