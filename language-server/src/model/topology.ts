/**
 * The resolved topology: plain data built once from the AST (see topology-builder.ts) and consumed
 * by the route engine, the checks, the hovers, the diagram and the CLI. Nothing here refers to
 * Langium or VS Code; a `SourceRef` says where an object was written so that findings can be
 * anchored on it.
 */

/** An IPv4 prefix, parsed once. Addresses are unsigned 32-bit integers. */
export interface Prefix {
    /** Canonical text, e.g. `10.1.0.0/16` (host bits cleared). */
    readonly text: string;
    /** Network address with host bits cleared. */
    readonly network: number;
    readonly length: number;
    /** First and last address of the range. */
    readonly first: number;
    readonly last: number;
}

/** Where an object or one of its properties was written: document URI and 0-based range. */
export interface SourceRef {
    readonly uri: string;
    readonly range: SourceRange;
}
export interface SourceRange {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
}

/** Where one property was written: its value, the whole `key: value`, and list items. */
export interface PropertyRef {
    readonly value: SourceRef;
    readonly whole: SourceRef;
    readonly items: readonly SourceRef[];
}
export type PropertyRefs = Readonly<Record<string, PropertyRef | undefined>>;

export type VNetRole = 'hub' | 'spoke' | 'vnet';
export type GatewayType = 'ExpressRoute' | 'Vpn';
export type HubRoutingPreference = 'ExpressRoute' | 'VpnGateway' | 'ASPath';
export type NextHopType = 'VirtualAppliance' | 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'None';

export interface OnPremSite {
    readonly kind: 'onprem';
    readonly name: string;
    /** Undefined when the file gives none. */
    readonly asn: number | undefined;
    /** Valid prefixes only; malformed literals are reported by validation and left out. */
    readonly prefixes: readonly Prefix[];
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface VNet {
    readonly kind: 'vnet';
    readonly name: string;
    readonly role: VNetRole;
    readonly addressSpace: readonly Prefix[];
    readonly region: string | undefined;
    /** Declared subnets, in file order. */
    readonly subnets: readonly Subnet[];
    /** The implicit default subnet: VMs and NVAs whose IP is in no declared subnet. No prefix, no route table. */
    readonly defaultSubnet: Subnet;
    readonly routeServers: readonly RouteServer[];
    readonly gateways: readonly Gateway[];
    readonly nvas: readonly Nva[];
    readonly vms: readonly Vm[];
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Subnet {
    readonly kind: 'subnet';
    /** Declared name, or `default` for the implicit default subnet. */
    readonly name: string;
    readonly vnet: VNet;
    readonly prefix: Prefix | undefined;
    readonly routeTable: RouteTable | undefined;
    readonly implicit: boolean;
    readonly vms: readonly Vm[];
    readonly nvas: readonly Nva[];
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface RouteServer {
    readonly kind: 'routeServer';
    readonly name: string;
    readonly vnet: VNet;
    /** The RouteServerSubnet prefix. */
    readonly subnet: Prefix | undefined;
    readonly branchToBranch: boolean;
    readonly hubRoutingPreference: HubRoutingPreference;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Gateway {
    readonly kind: 'gateway';
    readonly name: string;
    readonly vnet: VNet;
    readonly type: GatewayType;
    /** The GatewaySubnet prefix. */
    readonly subnet: Prefix | undefined;
    readonly connections: readonly OnPremSite[];
    /** Vpn: its asn, default 65515. ExpressRoute: always 65515. */
    readonly asn: number;
    readonly activeActive: boolean;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Nva {
    readonly kind: 'nva';
    readonly name: string;
    readonly vnet: VNet;
    readonly subnet: Subnet;
    /** Undefined when missing or malformed. */
    readonly ip: number | undefined;
    readonly ipText: string | undefined;
    readonly asn: number | undefined;
    readonly advertises: readonly Prefix[];
    /** The next hop it sets on what it advertises: `nextHop`, else `ip`. */
    readonly nextHop: number | undefined;
    readonly nextHopText: string | undefined;
    readonly state: 'up' | 'down';
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Vm {
    readonly kind: 'vm';
    readonly name: string;
    readonly vnet: VNet;
    readonly subnet: Subnet;
    readonly ip: number | undefined;
    readonly ipText: string | undefined;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Peering {
    readonly kind: 'peering';
    readonly from: VNet;
    readonly to: VNet;
    /** The flags as written, after defaults. */
    readonly allowVirtualNetworkAccess: boolean;
    readonly allowForwardedTraffic: boolean;
    readonly useRemoteGateways: boolean;
    readonly allowGatewayTransit: boolean;
    /** Connected when the reverse peering `to -> from` exists, otherwise Initiated. */
    readonly state: 'Connected' | 'Initiated';
    /** The reverse peering when Connected. */
    readonly reverse: Peering | undefined;
    /** Order of the peering across the workspace (file order). */
    readonly index: number;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export type BgpEndpoint = Nva | RouteServer | Gateway | OnPremSite;

export interface BgpSession {
    readonly kind: 'bgp';
    readonly left: BgpEndpoint;
    readonly right: BgpEndpoint;
    /** The NVA end (the options describe its side), when one end is an NVA. */
    readonly nva: Nva | undefined;
    /** The other end, when one end is an NVA. */
    readonly peer: BgpEndpoint | undefined;
    readonly asOverride: boolean;
    readonly asPathPrepend: number;
    readonly multihop: boolean;
    readonly instances: number;
    /** The ASN the Route Server's bgpConnection expects; default the NVA's asn. */
    readonly peerAsn: number | undefined;
    /** Whether `peerAsn` was written. */
    readonly peerAsnWritten: boolean;
    readonly index: number;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface UserRoute {
    readonly kind: 'route';
    readonly name: string;
    readonly table: RouteTable;
    readonly prefix: Prefix | undefined;
    readonly nextHopType: NextHopType | undefined;
    /** The NVA named as next hop, if any. */
    readonly nextHopNva: Nva | undefined;
    /** The next hop address: the named NVA's ip or the written address. */
    readonly nextHopIp: number | undefined;
    readonly nextHopIpText: string | undefined;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface RouteTable {
    readonly kind: 'routeTable';
    readonly name: string;
    readonly disableBgpRoutePropagation: boolean;
    readonly routes: readonly UserRoute[];
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Topology {
    readonly sites: readonly OnPremSite[];
    readonly vnets: readonly VNet[];
    readonly peerings: readonly Peering[];
    readonly sessions: readonly BgpSession[];
    readonly routeTables: readonly RouteTable[];
    /** Every named element by name (first declaration wins on duplicates). */
    readonly byName: ReadonlyMap<string, OnPremSite | VNet | RouteServer | Gateway | Nva | Vm | RouteTable>;
}

export type TopologyElement = OnPremSite | VNet | Subnet | RouteServer | Gateway | Nva | Vm | Peering | BgpSession | RouteTable | UserRoute;
