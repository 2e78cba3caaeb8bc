import { AZURE_ASN, MSEE_ASN } from '../model/azure-constants.js';
import type { BgpEndpoint, BgpSession, Nva, OnPremSite, RouteServer, Topology } from '../model/topology.js';
import { classifyBgpStatements } from '../routing/speakers.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { compareSource, propertyRef, valueRef, where } from './topology-queries.js';

/**
 * The BGP codes of docs/language.md §3 that the configuration alone decides: ASNs, session ends,
 * reachability and session options. missing-as-override and same-asn-nvas need the routes
 * (routing-checks.ts, same-asn-checks.ts).
 *
 * A session gets at most one finding on its statement, the most specific one: an invalid pair is
 * not a session at all, a duplicate does not count, and only then is reachability (or, in
 * route-server-checks.ts, the eighth-peer limit) looked at.
 */
export function checkBgp(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const sessions = classifySessions(topology);
    checkAsns(topology, findings);
    for (const s of topology.sessions) checkSession(topology, s, sessions, findings);
    // same-asn-nvas needs the routes (same-asn-checks.ts): v2 reports it only where one is lost.
    return findings;
}

/** How the session statements of a topology stand before any route is computed. */
export interface SessionClasses {
    /** bgp-endpoint-invalid: not NVA ↔ routeServer / onprem / NVA, or an NVA with itself. */
    readonly invalid: ReadonlySet<BgpSession>;
    /** duplicate-bgp-session: each later session between the same two ends, to the first. */
    readonly duplicateOf: ReadonlyMap<BgpSession, BgpSession>;
}

export function classifySessions(topology: Topology): SessionClasses {
    // The engine's classification (routing/speakers.ts), so that a check and the route computation
    // never disagree on which statement is a session.
    const { invalid, duplicateOf } = classifyBgpStatements(topology);
    // v2: an NVA without asn speaks no BGP (docs/language.md §2 v2); nor does a static site. Here that is
    // bgp-endpoint-invalid; the engine takes such a session down as `asn-undefined`.
    return { invalid: new Set(topology.sessions.filter(s => invalid.has(s) || withoutAsn(s))), duplicateOf };
}

/** The session statements that count: valid ends, first of their pair. */
export function countedSessions(topology: Topology, classes: SessionClasses): BgpSession[] {
    return topology.sessions.filter(s => !classes.invalid.has(s) && !classes.duplicateOf.has(s));
}

/** The route server end of an NVA ↔ route server session. */
export function routeServerOf(s: BgpSession): RouteServer | undefined {
    return s.nva && s.peer?.kind === 'routeServer' ? s.peer : undefined;
}

/**
 * BGP-PEER-LOCATION: an NVA peer must sit in the route server's VNet or in a directly peered VNet
 * (a Connected peering: both directions exist).
 */
export function routeServerReachable(topology: Topology, nva: Nva, rs: RouteServer): boolean {
    return nva.vnet === rs.vnet
        || topology.peerings.some(p => p.from === nva.vnet && p.to === rs.vnet && p.state === 'Connected');
}

export function sessionLabel(s: BgpSession): string {
    return `${s.left.name} <-> ${s.right.name}`;
}

// BGP-ASN-RESERVED (S1, S22): Azure's public and private ASNs and IANA's reservations.
const RESERVED_ASNS: ReadonlyArray<{ from: number; to: number; why: string }> = [
    { from: 8074, to: 8075, why: 'Microsoft uses it' },
    { from: MSEE_ASN, to: MSEE_ASN, why: 'it is the ExpressRoute Microsoft edge' },
    { from: AZURE_ASN, to: AZURE_ASN, why: 'Azure Route Server and the Azure gateways use it' },
    { from: 65517, to: 65520, why: 'Azure reserves it' },
    { from: 23456, to: 23456, why: 'IANA reserves it (AS_TRANS)' },
    { from: 64496, to: 64511, why: 'IANA reserves it for documentation' },
    { from: 65535, to: 65551, why: 'IANA reserves it' }
];
const MAX_ASN = 4294967295;
const MAX_16BIT_ASN = 65535;
const PRIVATE_RANGES = '64512–65514 or 65521–65534';

/** Reserved ASNs and ranges; returns the NVAs and sites whose ASN drew an error or a warning. */
function checkAsns(topology: Topology, findings: Finding[]): Set<Nva | OnPremSite> {
    const flagged = new Set<Nva | OnPremSite>();
    const peersRouteServer = new Set<Nva>();
    for (const s of topology.sessions) {
        for (const [end, other] of [[s.left, s.right], [s.right, s.left]] as const) {
            if (end.kind === 'nva' && other.kind === 'routeServer') peersRouteServer.add(end);
        }
    }
    const owners: Array<Nva | OnPremSite> = [...topology.sites, ...topology.vnets.flatMap(v => v.nvas)];
    owners.sort((a, b) => compareSource(a.source, b.source));
    for (const owner of owners) {
        const asn = owner.asn;
        if (asn === undefined) continue;
        const what = owner.kind === 'nva' ? `NVA '${owner.name}'` : `On-premises site '${owner.name}'`;
        const at = valueRef(owner, 'asn');
        const reserved = RESERVED_ASNS.find(r => asn >= r.from && asn <= r.to);
        if (asn === 0 || asn > MAX_ASN) {
            findings.push(finding({
                code: IssueCodes.AsnOutOfRange,
                message: `${what} has ASN ${asn}, which is not a valid ASN (1 to ${MAX_ASN}); use a private ASN from ${PRIVATE_RANGES}.`,
                at, target: owner
            }));
        } else if (reserved) {
            findings.push(finding({
                code: IssueCodes.ReservedAsn,
                message: `${what} uses ASN ${asn}, which is reserved: ${reserved.why}. Use a private ASN from ${PRIVATE_RANGES}.`,
                at, target: owner
            }));
        } else if (asn === 65516) {
            // Azure blocks 65515–65520 for itself; the Route Server FAQ leaves 65516 out of its list.
            findings.push(finding({
                code: IssueCodes.ReservedAsn, severity: 'warning',
                message: `${what} uses ASN 65516, inside the block 65515–65520 that Azure keeps for itself (the Route Server FAQ does not list it); use a private ASN from ${PRIVATE_RANGES}.`,
                at, target: owner
            }));
        } else if (owner.kind === 'nva' && asn > MAX_16BIT_ASN && peersRouteServer.has(owner)) {
            // BGP-ASN-16BIT: Route Server peers only with 2-byte ASNs.
            findings.push(finding({
                code: IssueCodes.AsnOutOfRange,
                message: `${what} has the 4-byte ASN ${asn}, but Azure Route Server peers only with 2-byte ASNs (up to 65534); use a private ASN from ${PRIVATE_RANGES}.`,
                at, target: owner
            }));
        } else {
            continue;
        }
        flagged.add(owner);
    }
    for (const vnet of topology.vnets) {
        // Beside a route server, vpn-gateway-asn (route-server-checks.ts) is the more specific code.
        if (vnet.routeServers.length > 0) continue;
        for (const gw of vnet.gateways) {
            if (gw.type !== 'Vpn' || !gw.refs.asn || (gw.asn !== 0 && gw.asn <= MAX_ASN)) continue;
            findings.push(finding({
                code: IssueCodes.AsnOutOfRange,
                message: `Vpn gateway '${gw.name}' has ASN ${gw.asn}, which is not a valid ASN (1 to ${MAX_ASN}); leave the default 65515 or use a private ASN.`,
                at: valueRef(gw, 'asn'), target: gw
            }));
        }
    }
    return flagged;
}

function checkSession(topology: Topology, s: BgpSession, classes: SessionClasses, findings: Finding[]): void {
    const label = sessionLabel(s);
    if (classes.invalid.has(s)) {
        findings.push(finding({
            code: IssueCodes.BgpEndpointInvalid,
            message: invalidMessage(s), at: s.source, target: s
        }));
        return;
    }
    const first = classes.duplicateOf.get(s);
    if (first) {
        findings.push(finding({
            code: IssueCodes.DuplicateBgpSession,
            message: `The session '${label}' repeats '${sessionLabel(first)}' (${where(first.source)}); two sessions between the same two ends are one BGP peering: remove this one.`,
            at: s.source, target: s
        }));
        return;
    }
    const nva = s.nva!;
    const rs = routeServerOf(s);
    if (rs && !routeServerReachable(topology, nva, rs)) {
        findings.push(finding({
            code: IssueCodes.BgpPeerNotReachable,
            message: `NVA '${nva.name}' in ${nva.vnet.name} cannot peer with route server '${rs.name}' in ${rs.vnet.name}: a Route Server peer must be in its VNet or in a VNet with a Connected peering to it (BGP-PEER-LOCATION). Peer '${nva.vnet.name}' and '${rs.vnet.name}' in both directions, or peer the NVA with a route server it can reach.`,
            at: s.source, target: s
        }));
    }
    if (rs && !s.multihop) {
        // BGP-MULTIHOP: the NVA and the Route Server are in different subnets.
        findings.push(finding({
            code: IssueCodes.BgpMultihopDisabled,
            message: `The session '${label}' disables eBGP multihop, but Route Server sits in its own subnet and needs multihop (TTL 2 or more) on the NVA's side; set multihop: true.`,
            at: propertyRef(s, 'multihop'), target: s, data: { session: label }
        }));
    }
    // docs/semantics.md §1 (v2): between two NVAs the options apply to what either NVA sends, so peerAsn
    // is checked against both, in name order (the ends' order means nothing).
    const senders = [s.left, s.right].filter((e): e is Nva => e.kind === 'nva').sort((x, y) => x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
    const mismatched = s.peerAsnWritten ? senders.find(n => n.asn !== undefined && n.asn !== s.peerAsn) : undefined;
    if (mismatched) {
        findings.push(finding({
            code: IssueCodes.BgpPeerAsnMismatch,
            message: `The session '${label}' expects peer ASN ${s.peerAsn}, but NVA '${mismatched.name}' uses ASN ${mismatched.asn}: the session never comes up. Set peerAsn to ${mismatched.asn} or remove it.`,
            at: valueRef(s, 'peerAsn'), target: s
        }));
    }
    if (rs && s.instances === 1 && s.refs.instances) {
        // BGP-BOTH-INSTANCES: each NVA must peer with both Route Server instances.
        findings.push(finding({
            code: IssueCodes.BgpSingleInstance,
            message: `NVA '${nva.name}' peers with only one of the two instances of route server '${rs.name}', but both Route Server instances must be peered at all times, with the same routes: otherwise there is no redundancy, and VMs get inconsistent routes during maintenance. Peer with both instances (instances: 2).`,
            at: propertyRef(s, 'instances'), target: s
        }));
    }
}

/** An NVA or onprem end of the session that has no asn, if any. */
function withoutAsn(s: BgpSession): Nva | OnPremSite | undefined {
    for (const end of [s.left, s.right]) if ((end.kind === 'nva' || end.kind === 'onprem') && end.asn === undefined) return end;
    return undefined;
}

function invalidMessage(s: BgpSession): string {
    const label = sessionLabel(s);
    if (s.left === s.right) return `The session '${label}' peers ${kindName(s.left)} with itself; remove it.`;
    const silent = s.nva && s.peer ? withoutAsn(s) : undefined;
    if (silent) {
        return silent.kind === 'nva'
            ? `The session '${label}' needs BGP on NVA '${silent.name}', which has no asn: an NVA without asn takes part in no BGP session. Give '${silent.name}' an asn, or remove the session.`
            : `The session '${label}' needs BGP on site '${silent.name}', which has no asn (a static site). Give '${silent.name}' its asn, or remove the session.`;
    }
    if (s.nva && s.peer?.kind === 'gateway') {
        return `The session '${label}' peers NVA '${s.nva.name}' with gateway '${s.peer.name}', which takes no BGP peers of its own in azrs: peer the NVA with the route server of ${s.peer.vnet.name} and enable branchToBranch instead.`;
    }
    return `The session '${label}' joins ${kindName(s.left)} and ${kindName(s.right)}; one end of a bgp session must be an NVA, the other a route server, an on-premises site or another NVA. Gateways reach their sites through connections and their route server through branchToBranch.`;
}

function kindName(e: BgpEndpoint): string {
    const word = e.kind === 'nva' ? 'NVA' : e.kind === 'routeServer' ? 'route server' : e.kind === 'gateway' ? 'gateway' : 'on-premises site';
    return `${word} '${e.name}'`;
}
