import type { BgpEndpoint, BgpSession, Gateway, RouteServer, Topology } from '../model/topology.js';
import type { RoutingOptions, RoutingSessionKind, SessionDownReason } from './types.js';

/**
 * The BGP speakers of a topology and the sessions between them (docs/semantics.md §1), before any
 * route moves. Built once per computation; only route-limit teardowns are added later.
 */

import { AZURE_ASN, MAX_ROUTE_SERVER_PEERS, MSEE_ASN } from '../model/azure-constants.js';
import { compareText } from '../model/compare.js';
import { sessionId } from './session-ids.js';
export { AZURE_ASN, MSEE_ASN, MAX_ROUTE_SERVER_PEERS };
/**
 * The most copies of its ASN an NVA can prepend: one AS_SEQUENCE segment holds 255 ASNs. The path
 * is built as an array, so an unbounded `asPathPrepend` (any integer the file gives) crashed the
 * process with an out-of-memory array.
 */
export const MAX_AS_PATH_PREPEND = 255;

export type SpeakerRole = 'routeServer' | 'expressRouteGateway' | 'vpnGateway' | 'nva' | 'onprem';

export interface SpeakerNode {
    /** Position in name order. */
    readonly index: number;
    readonly element: BgpEndpoint;
    /** Sort key: name, then kind and VNet, so that order never depends on the file. */
    readonly key: string;
    readonly role: SpeakerRole;
    readonly asn: number | undefined;
    readonly ends: SessionEnd[];
}

export interface Link {
    readonly id: string;
    readonly kind: RoutingSessionKind;
    readonly a: SpeakerNode;
    readonly b: SpeakerNode;
    readonly statement: BgpSession | undefined;
    /** A route server and the gateways of its VNet act as one AS: no prepend, no loop check. */
    readonly sameAs: boolean;
    /**
     * (v2) A static connection, no BGP: a gateway and a site without `asn` (the site's prefixes
     * cross, nothing goes back), or two Vpn gateways with equal ASNs (their VNets' ranges cross).
     */
    readonly static: boolean;
    /** ends[0] is a's side (a sends to b), ends[1] is b's side. */
    readonly ends: readonly [SessionEnd, SessionEnd];
    /** Down before any route moves (route-limit teardowns are kept per run). */
    readonly down: SessionDownReason | undefined;
}

/** One side of a session: `self` sends over it to `peer`. */
export interface SessionEnd {
    readonly link: Link;
    readonly self: SpeakerNode;
    readonly peer: SpeakerNode;
    /** Index of this direction among all directions, for per-direction tables. */
    readonly slot: number;
    /**
     * B-ASOVERRIDE and asPathPrepend: the statement's options describe the NVA's side; between two
     * NVAs both sides (docs/semantics.md §1 v2: `<->` has no direction).
     */
    readonly asOverride: boolean;
    readonly prepend: number;
}

export interface SpeakerGraph {
    readonly speakers: readonly SpeakerNode[];
    readonly byElement: ReadonlyMap<BgpEndpoint, SpeakerNode>;
    /** Sorted by id. */
    readonly links: readonly Link[];
    readonly slots: number;
}

function roleOf(el: BgpEndpoint): SpeakerRole {
    switch (el.kind) {
        case 'routeServer': return 'routeServer';
        case 'gateway': return el.type === 'ExpressRoute' ? 'expressRouteGateway' : 'vpnGateway';
        case 'nva': return 'nva';
        case 'onprem': return 'onprem';
    }
}

function asnOf(el: BgpEndpoint): number | undefined {
    switch (el.kind) {
        case 'routeServer': return AZURE_ASN;
        case 'gateway': return el.type === 'ExpressRoute' ? AZURE_ASN : el.asn;
        case 'nva': return el.asn;
        case 'onprem': return el.asn;
    }
}

function keyOf(el: BgpEndpoint): string {
    const vnet = el.kind === 'onprem' ? '' : el.vnet.name;
    return `${el.name}\u0000${el.kind}\u0000${vnet}`;
}

export function buildSpeakerGraph(topology: Topology, options: RoutingOptions): SpeakerGraph {
    const elements = new Set<BgpEndpoint>();
    for (const site of topology.sites) elements.add(site);
    for (const vnet of topology.vnets) {
        for (const rs of vnet.routeServers) elements.add(rs);
        for (const gw of vnet.gateways) {
            elements.add(gw);
            for (const site of gw.connections) elements.add(site);
            for (const other of gw.vnetConnections) elements.add(other);
        }
        for (const nva of vnet.nvas) elements.add(nva);
    }
    for (const s of topology.sessions) {
        elements.add(s.left);
        elements.add(s.right);
    }
    const sorted = [...elements].map(el => ({ el, key: keyOf(el) })).sort((x, y) => compareText(x.key, y.key));
    const speakers: SpeakerNode[] = sorted.map(({ el, key }, index) => ({
        index, element: el, key, role: roleOf(el), asn: asnOf(el), ends: []
    }));
    const byElement = new Map<BgpEndpoint, SpeakerNode>(speakers.map(s => [s.element, s]));

    const drafts: Array<Omit<Link, 'ends'> & { ends?: Link['ends'] }> = [];
    const statementsDown = bgpStatementsDown(topology, options);
    const seenIds = new Map<string, number>();
    for (const statement of [...topology.sessions].sort((x, y) => x.index - y.index)) {
        let id = sessionId('bgp', statement.left.name, statement.right.name);
        const seen = seenIds.get(id) ?? 0;
        seenIds.set(id, seen + 1);
        if (seen > 0) id = `${id}#${seen + 1}`;
        drafts.push({
            id, kind: 'bgp', a: byElement.get(statement.left)!, b: byElement.get(statement.right)!,
            statement, sameAs: false, static: false, down: statementsDown.get(statement)
        });
    }
    for (const vnet of topology.vnets) {
        for (const rs of vnet.routeServers) {
            // RT-B2B: without branch-to-branch, NVA routes never reach the gateways and the reverse.
            if (!rs.branchToBranch) continue;
            for (const gw of vnet.gateways) {
                drafts.push({
                    id: sessionId('branch-to-branch', rs.name, gw.name), kind: 'branch-to-branch',
                    a: byElement.get(rs)!, b: byElement.get(gw)!, statement: undefined, sameAs: true, static: false, down: undefined
                });
            }
        }
        for (const gw of vnet.gateways) {
            for (const site of new Set(gw.connections)) {
                // (v2) A site without asn is a static connection; ExpressRoute needs BGP
                // (`expressroute-requires-bgp`: Azure refuses it, so it does not exist here).
                const isStatic = site.asn === undefined;
                if (isStatic && gw.type === 'ExpressRoute') continue;
                drafts.push({
                    id: sessionId('connection', gw.name, site.name), kind: 'connection',
                    a: byElement.get(gw)!, b: byElement.get(site)!, statement: undefined, sameAs: false, static: isStatic, down: undefined
                });
            }
        }
    }
    for (const [a, b] of vnetToVnetConnections(topology)) {
        // docs/semantics.md §1 (v2): BGP between two Vpn gateways with different ASNs, a static exchange
        // of the two VNets' ranges with equal ones (both default to 65515).
        drafts.push({
            id: sessionId('connection', a.name, b.name), kind: 'connection',
            a: byElement.get(a)!, b: byElement.get(b)!, statement: undefined, sameAs: false, static: a.asn === b.asn, down: undefined
        });
    }
    drafts.sort((x, y) => compareText(x.id, y.id) || compareText(x.a.key, y.a.key) || compareText(x.b.key, y.b.key));
    let slot = 0;
    const links: Link[] = drafts.map(draft => {
        const link = draft as { -readonly [K in keyof Link]: Link[K] };
        const side = (self: SpeakerNode, peer: SpeakerNode): SessionEnd => {
            // docs/semantics.md §1 (v2): the options apply to what either NVA of the statement sends.
            const describes = link.statement !== undefined && self.role === 'nva';
            return {
                link, self, peer, slot: slot++,
                asOverride: describes && link.statement!.asOverride,
                prepend: describes ? Math.min(MAX_AS_PATH_PREPEND, Math.max(0, link.statement!.asPathPrepend)) : 0
            };
        };
        link.ends = [side(link.a, link.b), side(link.b, link.a)];
        link.a.ends.push(link.ends[0]);
        link.b.ends.push(link.ends[1]);
        return link;
    });
    return { speakers, byElement, links, slots: slot };
}

/**
 * The VNet-to-VNet connections that are up (docs/language.md §2 v2): two Vpn gateways in different VNets
 * that list each other (one direction only is `connection-not-reciprocal`, and down). Each pair
 * once, its ends in name order.
 */
function vnetToVnetConnections(topology: Topology): Array<[Gateway, Gateway]> {
    const pairs = new Map<string, [Gateway, Gateway]>();
    for (const vnet of topology.vnets) {
        for (const gw of vnet.gateways) {
            for (const other of gw.vnetConnections) {
                if (gw.type !== 'Vpn' || other.type !== 'Vpn' || other === gw || other.vnet === gw.vnet) continue;
                if (!other.vnetConnections.includes(gw)) continue;
                const [a, b] = compareText(keyOf(gw), keyOf(other)) <= 0 ? [gw, other] : [other, gw];
                pairs.set(`${keyOf(a)}\u0001${keyOf(b)}`, [a, b]);
            }
        }
    }
    return [...pairs.entries()].sort((x, y) => compareText(x[0], y[0])).map(e => e[1]);
}

/**
 * How the `bgp` statements stand by their ends alone (docs/semantics.md §1), the one classification the
 * engine and the checks (validation/bgp-checks.ts: bgp-endpoint-invalid, duplicate-bgp-session) share.
 */
export interface BgpStatementClasses {
    /** Not NVA ↔ routeServer / onprem / NVA, or an NVA with itself. */
    readonly invalid: ReadonlySet<BgpSession>;
    /** Each later statement between the same two ends (in either order), to the first in file order. */
    readonly duplicateOf: ReadonlyMap<BgpSession, BgpSession>;
}

/** Classifies every `bgp` statement of the topology, in file order (`BgpSession.index`). */
export function classifyBgpStatements(topology: Topology): BgpStatementClasses {
    const invalid = new Set<BgpSession>();
    const duplicateOf = new Map<BgpSession, BgpSession>();
    const firstOfPair = new Map<BgpEndpoint, Map<BgpEndpoint, BgpSession>>();
    for (const s of [...topology.sessions].sort((x, y) => x.index - y.index)) {
        if (!validEnds(s.left, s.right)) invalid.add(s);
        const [x, y] = [s.left, s.right].sort((p, q) => compareText(keyOf(p), keyOf(q)));
        const first = firstOfPair.get(x)?.get(y);
        if (first) {
            duplicateOf.set(s, first);
        } else {
            if (!firstOfPair.has(x)) firstOfPair.set(x, new Map());
            firstOfPair.get(x)!.set(y, s);
        }
    }
    return { invalid, duplicateOf };
}

/** Why each `bgp` statement is down before any route moves (docs/semantics.md §1). */
function bgpStatementsDown(topology: Topology, options: RoutingOptions): Map<BgpSession, SessionDownReason> {
    const down = new Map<BgpSession, SessionDownReason>();
    const classes = classifyBgpStatements(topology);
    const peersOf = new Map<RouteServer, number>();
    for (const s of [...topology.sessions].sort((x, y) => x.index - y.index)) {
        const reasons: SessionDownReason[] = [];
        const valid = !classes.invalid.has(s);
        if (!valid) reasons.push({ kind: 'invalid-endpoints' });
        for (const end of [s.left, s.right]) {
            // An NVA with `state: down` takes part in no session.
            if (end.kind === 'nva' && end.state === 'down') reasons.push({ kind: 'endpoint-down', endpoint: end });
        }
        const first = classes.duplicateOf.get(s);
        if (first) reasons.push({ kind: 'duplicate', of: first });
        if (options.downSessions?.has(s)) reasons.push({ kind: 'flagged' });
        // docs/semantics.md §1 (v2): every non-duplicate statement with valid ends takes one of the eight
        // places, up or not; an end without asn is `bgp-endpoint-invalid` (docs/language.md §2 v2) and takes none.
        const asnless = [s.left, s.right].some(e => (e.kind === 'nva' || e.kind === 'onprem') && e.asn === undefined);
        if (valid && !first && !asnless) {
            for (const end of [s.left, s.right]) {
                if (end.kind !== 'routeServer') continue;
                const count = (peersOf.get(end) ?? 0) + 1;
                peersOf.set(end, count);
                // LIM-PEERS: past the eighth peer, in file order, the route server takes no more.
                if (count > MAX_ROUTE_SERVER_PEERS) {
                    reasons.push({ kind: 'too-many-peers', routeServer: end, limit: MAX_ROUTE_SERVER_PEERS });
                }
            }
        }
        for (const end of [s.left, s.right]) {
            if ((end.kind === 'nva' || end.kind === 'onprem') && end.asn === undefined) {
                reasons.push({ kind: 'asn-undefined', endpoint: end });
            }
        }
        if (reasons.length > 0) down.set(s, reasons.sort((p, q) => DOWN_ORDER.indexOf(p.kind) - DOWN_ORDER.indexOf(q.kind))[0]);
    }
    return down;
}

/** When several reasons hold, the one reported: structure first, then the user's what-if switch. */
const DOWN_ORDER: ReadonlyArray<SessionDownReason['kind']> =
    ['invalid-endpoints', 'endpoint-down', 'duplicate', 'flagged', 'too-many-peers', 'asn-undefined', 'route-limit'];

/** One end an NVA, the other a route server, an onprem site or another NVA. */
function validEnds(left: BgpEndpoint, right: BgpEndpoint): boolean {
    if (left === right) return false;
    const other = (nva: BgpEndpoint, peer: BgpEndpoint) =>
        nva.kind === 'nva' && (peer.kind === 'routeServer' || peer.kind === 'onprem' || peer.kind === 'nva');
    return other(left, right) || other(right, left);
}

export function isGatewayRole(role: SpeakerRole): boolean {
    return role === 'expressRouteGateway' || role === 'vpnGateway';
}
