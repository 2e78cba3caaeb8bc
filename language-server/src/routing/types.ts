import type {
    BgpEndpoint, BgpSession, Gateway, Nva, OnPremSite, Peering, Prefix, RouteServer, Subnet, UserRoute, VNet
} from '../model/topology.js';

/**
 * The public shape of the route engine's result (docs/semantics.md). Everything a hover, a check, the
 * diagram or the CLI shows is here, already computed: callers never re-run any part of it. Lists
 * are sorted (prefix, then names) so that the same topology gives the same output whatever the
 * order of its elements.
 */

export type PeeringFlag = 'useRemoteGateways' | 'allowGatewayTransit' | 'allowForwardedTraffic';

export interface RoutingOptions {
    /** LIM-ROUTES-PER-PEER: distinct prefixes an NVA may send a route server. Default 1000. */
    routesPerPeer: number;
    /** Sessions the checks found broken (validation errors): treated as down. */
    downSessions?: ReadonlySet<BgpSession>;
    /**
     * Peering flags that drew an error diagnostic: they count as false. Only useRemoteGateways and
     * allowGatewayTransit change routes; allowForwardedTraffic creates none (PF-FWD).
     */
    ignoredFlags?: ReadonlyMap<Peering, ReadonlySet<PeeringFlag>>;
    /** Non-convergence cut-off, in propagation rounds. Default 300. */
    maxRounds?: number;
}

/** A BGP speaker: route server, gateway, NVA or on-premises site. */
export type Speaker = BgpEndpoint;

/** Who programs BGP routes into VNets (docs/semantics.md §3). */
export type Programmer = RouteServer | Gateway;

/** Why a session carries nothing. */
export type SessionDownReason =
    /** An end is an NVA with `state: down`. */
    | { readonly kind: 'endpoint-down'; readonly endpoint: Nva }
    /** Not NVA ↔ routeServer / onprem / NVA (`bgp-endpoint-invalid`); nothing is computed for it. */
    | { readonly kind: 'invalid-endpoints' }
    /** A second session between the same two ends: only the first counts. */
    | { readonly kind: 'duplicate'; readonly of: BgpSession }
    /** Given in `RoutingOptions.downSessions`: a check found the session broken. */
    | { readonly kind: 'flagged' }
    /** Past the route server's eighth peer, in file order (LIM-PEERS). */
    | { readonly kind: 'too-many-peers'; readonly routeServer: RouteServer; readonly limit: number }
    /** An end has no ASN (an NVA or on-premises site without `asn`). */
    | { readonly kind: 'asn-undefined'; readonly endpoint: Nva | OnPremSite }
    /** Torn down: the NVA sent the route server more distinct prefixes than the limit. */
    | { readonly kind: 'route-limit'; readonly count: number; readonly limit: number };

/** Why a route that reached (or would have reached) a speaker is not one of its best routes. */
export type RouteDropReason =
    /** B-LOOP: the AS path holds the receiver's own ASN. */
    | { readonly kind: 'as-path-loop'; readonly asn: number }
    /** RT-NO-VNET-PREFIX: equal to or more specific than a range of the route server's domain. */
    | { readonly kind: 'vnet-range'; readonly range: Prefix; readonly vnet: VNet }
    /** The session is down: the route shows what the peer would have sent. */
    | { readonly kind: 'session-down'; readonly why: SessionDownReason }
    /** LIM-ROUTES-PER-PEER: the session was torn down; the route shows what the peer would have sent. */
    | { readonly kind: 'route-limit'; readonly count: number; readonly limit: number }
    /** Accepted, but another route won the best-path selection. */
    | { readonly kind: 'not-best'; readonly why: NotBestWhy };

/**
 * The best-path step at which a route lost (docs/semantics.md §2): `own-origin` the speaker originates
 * the prefix itself; `connection-preferred` a gateway keeps what its connections send over what its
 * route server sends; `routing-preference` hubRoutingPreference at a route server with
 * branch-to-branch; `longer-as-path`; `tie-break` an equally good route won the lowest-ASN, lowest-name
 * tie-break (route servers keep ties as ECMP instead).
 */
export type NotBestWhy = 'own-origin' | 'connection-preferred' | 'routing-preference' | 'longer-as-path' | 'tie-break';

/** A route as sent over one session in one direction. */
export interface Advertisement {
    readonly prefix: Prefix;
    /** As the receiver gets it: the sender's ASN (or, over ExpressRoute, 12076) first. */
    readonly asPath: readonly number[];
    /** BGP next hop; undefined where Azure shows gateway or edge addresses a topology does not know. */
    readonly nextHop: number | undefined;
    /** The speaker that originated the prefix. */
    readonly origin: Speaker;
    readonly from: Speaker;
    readonly to: Speaker;
}

/** A route a speaker received (or, over a down session, would have received). */
export interface ReceivedRoute extends Advertisement {
    readonly session: RoutingSession;
    /** One of the speaker's best routes for the prefix (ECMP members included). */
    readonly accepted: boolean;
    /** Why not, when `accepted` is false. */
    readonly reason: RouteDropReason | undefined;
}

/** A speaker's best path for one prefix. */
export interface BestRoute {
    readonly prefix: Prefix;
    /** The speaker originates the prefix itself (it wins over anything received). */
    readonly own: boolean;
    /** The best received routes: several at a route server on an ECMP tie; empty when `own`. */
    readonly routes: readonly ReceivedRoute[];
    /** The one the speaker advertises onwards (lowest peer ASN, then name); undefined when `own`. */
    readonly selected: ReceivedRoute | undefined;
}

export interface SpeakerRib {
    readonly speaker: Speaker;
    readonly asn: number | undefined;
    /** Every session of the speaker, up or down, sorted by id. */
    readonly sessions: readonly RoutingSession[];
    /** Prefixes it originates: an NVA's `advertises`, a site's `prefixes`, a route server's or gateway's domain ranges. */
    readonly originated: readonly Prefix[];
    /** Everything received, per session, accepted or not; sorted by prefix, then peer. */
    readonly received: readonly ReceivedRoute[];
    /** Best paths, sorted by prefix. */
    readonly best: readonly BestRoute[];
}

export type RoutingSessionKind =
    /** A `bgp` statement. */
    | 'bgp'
    /** Route server ↔ gateway of its VNet, with branch-to-branch on (RT-B2B). */
    | 'branch-to-branch'
    /**
     * Gateway ↔ on-premises site in its `connections`, or (v2) Vpn gateway ↔ Vpn gateway over a
     * VNet-to-VNet connection both list; `static` tells a static one from BGP.
     */
    | 'connection';

export interface RoutingSession {
    /** Stable id: `bgp:fw1<->rs1`, `branch-to-branch:rs1<->ergw1`, `connection:ergw1<->dc1`. */
    readonly id: string;
    readonly kind: RoutingSessionKind;
    /**
     * `bgp`: left and right as written; branch-to-branch: route server, gateway; connection: gateway,
     * site, or (VNet-to-VNet) the two gateways in name order.
     */
    readonly a: Speaker;
    readonly b: Speaker;
    readonly statement: BgpSession | undefined;
    /**
     * (v2) A static connection, no BGP session (docs/semantics.md §1): a site without `asn` (its prefixes
     * are programmed, nothing is advertised to it), or two Vpn gateways with equal ASNs (their VNets'
     * ranges only).
     */
    readonly static: boolean;
    readonly up: boolean;
    readonly down: SessionDownReason | undefined;
    /** What `a` advertised to `b`, sorted by prefix (empty when down). */
    readonly aToB: readonly Advertisement[];
    /** What `b` advertised to `a`, sorted by prefix (empty when down). */
    readonly bToA: readonly Advertisement[];
}

/** A BGP route that a route server or gateway programs into the subnets of its domain. */
export interface ProgrammedRoute {
    readonly prefix: Prefix;
    readonly by: Programmer;
    /**
     * The NVAs' next hops, sorted (ECMP); for a gateway's routes from its connections (static ones
     * too), its `nextHopIps` (v2), empty when it declares none.
     */
    readonly nextHops: readonly number[];
    /** The NVAs behind `nextHops` (route server routes), sorted by name. */
    readonly nvas: readonly Nva[];
    /** AS path of the first of `routes`. */
    readonly asPath: readonly number[];
    /** The best routes behind it, as received by `by`. */
    readonly routes: readonly ReceivedRoute[];
}

/** What one route server or gateway programs (PROP-1, RT-PROGRAM). */
export interface DomainProgram {
    readonly by: Programmer;
    /** Its VNet plus the VNets that use it through useRemoteGateways, sorted by name. */
    readonly domain: readonly VNet[];
    /** Sorted by prefix. */
    readonly routes: readonly ProgrammedRoute[];
}

export type EffectiveRouteSource = 'Default' | 'User' | 'VirtualNetworkGateway';
export type EffectiveRouteState = 'Active' | 'Invalid';
export type EffectiveNextHopType =
    'VnetLocal' | 'VNetPeering' | 'VNetGlobalPeering' | 'VirtualNetworkGateway' | 'VirtualAppliance' | 'Internet' | 'None';

/** Where an effective route comes from, for hovers and traces. */
export type RouteProvenance =
    | { readonly kind: 'vnet-local'; readonly vnet: VNet }
    | { readonly kind: 'peering'; readonly vnet: VNet; readonly peering: Peering }
    | { readonly kind: 'internet' }
    | { readonly kind: 'reserved' }
    | { readonly kind: 'bgp'; readonly programmed: ProgrammedRoute }
    | { readonly kind: 'user'; readonly route: UserRoute };

/** One row of a subnet's effective route table, as `az network nic show-effective-route-table` shows it. */
export interface EffectiveRoute {
    readonly source: EffectiveRouteSource;
    readonly state: EffectiveRouteState;
    readonly addressPrefix: Prefix;
    readonly nextHopType: EffectiveNextHopType;
    /** Sorted numerically; several on ECMP. */
    readonly nextHopIpAddress: readonly string[];
    /** The UDR's name for `User` rows, else null. */
    readonly name: string | null;
    readonly disableBgpRoutePropagation: boolean;
    readonly provenance: RouteProvenance;
}

export interface RouteLimitTeardown {
    readonly session: RoutingSession;
    readonly count: number;
    readonly limit: number;
}

export interface RoutingResult {
    /** False when propagation hit `maxRounds`: the routes are a snapshot, report an internal error. */
    readonly converged: boolean;
    /** Propagation rounds of the final run. */
    readonly rounds: number;
    readonly maxRounds: number;
    /** Every speaker, sorted by name. */
    readonly speakers: readonly SpeakerRib[];
    /** Every session (bgp statements, branch-to-branch, connections), sorted by id. */
    readonly sessions: readonly RoutingSession[];
    /** The sessions that are down, with `down` set, sorted by id. */
    readonly downSessions: readonly RoutingSession[];
    /** Sessions torn down by LIM-ROUTES-PER-PEER, sorted by id. */
    readonly routeLimitTeardowns: readonly RouteLimitTeardown[];
    /** What each route server and gateway programs, sorted by name. */
    readonly programs: readonly DomainProgram[];

    rib(speaker: Speaker): SpeakerRib | undefined;
    session(statement: BgpSession): RoutingSession | undefined;
    program(by: Programmer): DomainProgram | undefined;
    /** The BGP routes a VNet's subnets get (docs/semantics.md §3), after hubRoutingPreference; sorted by prefix. */
    programmedInto(vnet: VNet): readonly ProgrammedRoute[];
    /** A subnet's effective routes, docs/semantics.md §4 order. Memoized. */
    effectiveRoutes(subnet: Subnet): readonly EffectiveRoute[];
    /** Longest prefix match among the Active routes (docs/semantics.md §4.5). */
    lookup(subnet: Subnet, address: number): EffectiveRoute | undefined;
}
