import type { SourceRange, SourceRef, VNetRole } from '../model/topology.js';
import type { RouteFlow, RouteFlowSource } from './flow-source.js';
import type { DiagramSeverity } from './severity.js';
import type { RoutingSessionKind } from '../routing/types.js';

/**
 * The diagram as plain, serialisable data: what the CLI renders to a file and what the language
 * server sends to the webview (`azrs/diagram`). It never refers to the AST or to the topology's
 * object graph. Ids are stable across edits that do not rename things: `vnet:hub1`, `nva:fw1`,
 * `peering:hub1--spoke1`; an edge drawn for a routing session carries that session's id and kind
 * (`bgp:fw1<->rs1`, `branch-to-branch:rs1<->ergw1`, `connection:ergw1<->dc1`: `routing/session-ids.ts`).
 */
export interface DiagramModel {
    readonly version: 1;
    /** Containers (VNets) before their children; siblings ordered by kind, then name. */
    readonly nodes: readonly DiagramNode[];
    readonly edges: readonly DiagramEdge[];
    /** Every diagnostic given, with the element it was attached to (if any). */
    readonly diagnostics: readonly DiagramDiagnostic[];
    /** The route flow of one prefix, when one is selected. */
    readonly flow?: DiagramFlow;
    /** (issue 15) A traced flow drawn over the topology (trace-overlay.ts). */
    readonly trace?: DiagramTrace;
}

/** A traced flow: node ids of the forward path and the reply, and the nodes to mark. */
export interface DiagramTrace {
    readonly from: string;
    readonly to: string;
    readonly disposition: string;
    readonly returnDisposition?: string;
    /** Node ids in hop order (consecutive repeats merged). */
    readonly forward: readonly string[];
    readonly reply: readonly string[];
    /** Where a path stops, and the stateful devices seen one way only. */
    readonly blocking: readonly string[];
    readonly reason?: string;
}

export type DiagramNodeKind = 'onprem' | 'vnet' | 'routeServer' | 'gateway' | 'nva' | 'vm' | 'firewall';
/** A VNet peering, or one of the route engine's session kinds (`RoutingSessionKind`). */
export type DiagramEdgeKind = 'peering' | RoutingSessionKind;

export interface DiagramSource {
    readonly uri: string;
    readonly range: SourceRange;
}

export interface DiagramMark {
    readonly code: string;
    readonly severity: DiagramSeverity;
    readonly message: string;
}

export interface DiagramNode {
    readonly id: string;
    readonly kind: DiagramNodeKind;
    readonly name: string;
    /** A short second line: the role and ranges of a VNet, an NVA's ASN and IP, a VM's IP... */
    readonly sublabel: string;
    /** Tooltip lines. */
    readonly details: readonly string[];
    /** The VNet that contains this node. */
    readonly parent?: string;
    readonly role?: VNetRole;
    readonly down?: boolean;
    readonly source?: DiagramSource;
    readonly marks: readonly DiagramMark[];
    /** Flow badges (origin, drop without a session, install), drawn inside the node. */
    readonly badges: readonly DiagramBadge[];
}

export interface DiagramBadge {
    readonly id: string;
    readonly kind: 'origin' | 'drop' | 'install';
    readonly text: string;
    readonly invalid?: boolean;
}

export interface DiagramEdge {
    readonly id: string;
    readonly kind: DiagramEdgeKind;
    /**
     * Peering: the two VNets in name order; bgp: the two ends in name order; connection: gateway ->
     * site, or (v2, VNet-to-VNet) the two gateways in name order; branch-to-branch: gateway -> route server.
     */
    readonly source: string;
    readonly target: string;
    readonly name: string;
    readonly details: readonly string[];
    readonly labels: readonly DiagramLabel[];
    /** Peering: Connected or Initiated. */
    readonly peeringState?: 'Connected' | 'Initiated';
    /** Peering: one entry per direction, source -> target first. */
    readonly directions?: readonly PeeringDirection[];
    /** BGP sessions: why the session is down. */
    readonly down?: string;
    readonly sourceRef?: DiagramSource;
    readonly marks: readonly DiagramMark[];
}

export interface DiagramLabel {
    readonly id: string;
    readonly kind: 'flags' | 'state' | 'advert' | 'drop';
    readonly text: string;
    /** Where along the edge: near the source end, the middle or the target end. */
    readonly placement: 'tail' | 'center' | 'head';
    readonly severity?: DiagramSeverity;
}

export interface PeeringDirection {
    readonly from: string;
    readonly to: string;
    readonly exists: boolean;
    readonly allowVirtualNetworkAccess: boolean;
    readonly allowForwardedTraffic: boolean;
    readonly allowGatewayTransit: boolean;
    readonly useRemoteGateways: boolean;
    readonly severity?: DiagramSeverity;
}

export interface DiagramDiagnostic extends DiagramMark {
    readonly targetId?: string;
}

export interface DiagramFlow {
    readonly prefix: string;
    /** Set when the requested prefix is not a valid IPv4 prefix. */
    readonly error?: string;
    readonly origins: readonly { readonly nodeId: string; readonly badgeId: string }[];
    readonly adverts: readonly DiagramAdvert[];
    readonly drops: readonly DiagramDrop[];
    readonly installs: readonly { readonly nodeId: string; readonly badgeId: string; readonly nextHops: readonly string[] }[];
}

export interface DiagramAdvert {
    readonly id: string;
    readonly from: string;
    readonly to: string;
    /** The edge it travels along; absent when no drawn edge joins the two speakers. */
    readonly edgeId?: string;
    readonly labelId?: string;
    readonly asPath: readonly number[];
    readonly text: string;
    readonly nextHop?: string;
}

export interface DiagramDrop {
    readonly id: string;
    /** The node that drops the route. */
    readonly nodeId: string;
    readonly fromNodeId?: string;
    readonly edgeId?: string;
    /** The edge label or node badge that shows it. */
    readonly labelId?: string;
    readonly badgeId?: string;
    readonly text: string;
}

/** A diagnostic as given to the diagram: a target id, a topology object (a `Finding`'s `target`), or a location. */
export interface DiagramDiagnosticInput {
    readonly code: string | number;
    readonly severity: DiagramSeverity | 'hint';
    readonly message: string;
    /** A node or edge id; a directional `peering:a->b` marks one direction of the pair. */
    readonly targetId?: string;
    readonly target?: object;
    readonly at?: SourceRef;
}

export interface BuildDiagramOptions {
    readonly diagnostics?: readonly DiagramDiagnosticInput[];
    /** Routing for down sessions and, with `prefix`, the flow. */
    readonly routing?: RouteFlowSource;
    /** The prefix whose flow is shown. */
    readonly prefix?: string;
    /** A flow computed elsewhere; wins over `routing.flow(prefix)`. */
    readonly flow?: RouteFlow;
}
