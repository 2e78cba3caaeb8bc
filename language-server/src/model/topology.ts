/**
 * The resolved topology: plain data built once from the AST (see analysis/topology-builder.ts) and consumed
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
    /** (v2) Azure Firewalls, in file order (more than one is `multiple-firewalls`). */
    readonly firewalls: readonly Firewall[];
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

/**
 * (v2) A subnet Azure reserves for a service: the GatewaySubnet of a gateway, the
 * AzureFirewallSubnet of a firewall. Such a subnet is not in `VNet.subnets` (its prefix is
 * checked where it is written, on the gateway or firewall); it is reached through
 * `Gateway.gatewaySubnet` and `Firewall.subnet`, so that its effective routes can be computed.
 */
export type SpecialSubnetName = 'GatewaySubnet' | 'AzureFirewallSubnet';

export interface Subnet {
    readonly kind: 'subnet';
    /** Declared name, `default` for the implicit default subnet, or (v2) the special subnet's Azure name. */
    readonly name: string;
    readonly vnet: VNet;
    readonly prefix: Prefix | undefined;
    /** A declared subnet's `routeTable`; (v2) for a GatewaySubnet, the gateway's `routeTable`. */
    readonly routeTable: RouteTable | undefined;
    readonly implicit: boolean;
    /** (v2) Set on a GatewaySubnet or AzureFirewallSubnet, undefined on declared and default subnets. */
    readonly special: SpecialSubnetName | undefined;
    readonly vms: readonly Vm[];
    /** NVAs whose first NIC is in this subnet (`nva.subnet === this`). */
    readonly nvas: readonly Nva[];
    /** (v2) Every NVA NIC in this subnet, first NICs included, in file order. */
    readonly nics: readonly Nic[];
    /** (v2) The firewall of an AzureFirewallSubnet; empty elsewhere. */
    readonly firewalls: readonly Firewall[];
    /** A declared subnet's own; the gateway's or firewall's for a special subnet; the VNet's for the default subnet. */
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
    /** The onprem sites of `connections`, in the order written (a site without asn: a static connection). */
    readonly connections: readonly OnPremSite[];
    /**
     * (v2) The gateways of `connections` (VNet-to-VNet), in the order written, whatever their type
     * and even the gateway itself: the checks report those Azure would refuse. The connection is up
     * only when the other gateway lists this one back (`connection-not-reciprocal`).
     */
    readonly vnetConnections: readonly Gateway[];
    /** (v2) Each item of `connections` as written, resolved (undefined when the name is not): checks anchor on items by index. */
    readonly connectionsWritten: readonly (OnPremSite | Gateway | undefined)[];
    /** Vpn: its asn, default 65515. ExpressRoute: always 65515. */
    readonly asn: number;
    readonly activeActive: boolean;
    /**
     * (v2) `nextHopIps`: the next hop IPs Azure shows for routes this gateway learned from its
     * connections (Vpn: its instances; ExpressRoute: the Microsoft edge). Valid addresses only, in
     * the order written; default empty. `nextHopIpTexts` holds the same addresses as written.
     */
    readonly nextHopIps: readonly number[];
    readonly nextHopIpTexts: readonly string[];
    /** (v2) `routeTable`: the route table of the GatewaySubnet. */
    readonly routeTable: RouteTable | undefined;
    /**
     * (v2) The GatewaySubnet as a subnet (`special: 'GatewaySubnet'`, prefix `subnet`, route table
     * `routeTable`), so that its effective routes can be computed (`--subnet VNET/GatewaySubnet`).
     */
    readonly gatewaySubnet: Subnet;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

export interface Nva {
    readonly kind: 'nva';
    readonly name: string;
    readonly vnet: VNet;
    /** The first NIC's subnet. */
    readonly subnet: Subnet;
    /** The first NIC's IP (the BGP and default next-hop address). Undefined when missing or malformed. */
    readonly ip: number | undefined;
    readonly ipText: string | undefined;
    /**
     * (v2) Its NICs, never empty: an NVA written with `ip:` has one NIC named after the NVA; one
     * written with `nic` blocks has those, in order (with `ip:` as well, the `ip:` NIC comes first).
     * The first NIC speaks BGP and is the default next hop.
     */
    readonly nics: readonly Nic[];
    /** Undefined when the file gives none: (v2) the NVA then takes part in no BGP session. */
    readonly asn: number | undefined;
    readonly advertises: readonly Prefix[];
    /** The next hop it sets on what it advertises: `nextHop`, else `ip`. */
    readonly nextHop: number | undefined;
    readonly nextHopText: string | undefined;
    readonly state: 'up' | 'down';
    /** (v2) `stateful`, default true: it drops replies it did not see leave (docs/semantics.md §6.7). */
    readonly stateful: boolean;
    readonly source: SourceRef;
    /** Where each written property is, by property name. */
    readonly refs: PropertyRefs;
}

/**
 * (v2) One network interface of an NVA. Every NIC has an effective route table, its subnet's
 * (`azrs routes --vm NVA/NIC`).
 */
export interface Nic {
    readonly kind: 'nic';
    /** The `nic` block's name, or the NVA's name for an NVA written with `ip:`. */
    readonly name: string;
    readonly owner: Nva;
    readonly vnet: VNet;
    /** The declared subnet its IP falls in, else the VNet's implicit default subnet. */
    readonly subnet: Subnet;
    /** Undefined when missing or malformed. */
    readonly ip: number | undefined;
    readonly ipText: string | undefined;
    /** Whether it is the NVA's first NIC (BGP, default next hop). */
    readonly primary: boolean;
    /** The `nic` block, or the NVA for its `ip:` NIC. */
    readonly source: SourceRef;
    /** Where each written property is (`ip` for both forms). */
    readonly refs: PropertyRefs;
}

/**
 * (v2) An Azure Firewall in its VNet's AzureFirewallSubnet. No BGP; always stateful; a UDR's
 * `nextHop` may name it.
 */
export interface Firewall {
    readonly kind: 'firewall';
    readonly name: string;
    readonly vnet: VNet;
    /**
     * Its AzureFirewallSubnet (`special: 'AzureFirewallSubnet'`, prefix `subnet` as written, no
     * route table), holding this firewall in `firewalls`.
     */
    readonly subnet: Subnet;
    /** Its private IP; undefined when missing or malformed. */
    readonly ip: number | undefined;
    readonly ipText: string | undefined;
    readonly stateful: true;
    /**
     * Set by a what-if failure only (`azrs failover`, whatif/derived-topology.ts): the language
     * gives a firewall no `state`. A down firewall keeps its address and the routes to it; what it
     * is sent ends there (`nva-down`).
     */
    readonly state?: 'down';
    readonly source: SourceRef;
    /** Where each written property is, by property name (`subnet`, `ip`). */
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
    /** (v2) The firewall named as next hop, if any. */
    readonly nextHopFirewall: Firewall | undefined;
    /** The next hop address: the named NVA's ip (its first NIC's), the named firewall's ip, or the written address. */
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

/** (v2) An intent's end given as an address (`to: 172.20.0.10`). */
export interface IntentAddress {
    readonly kind: 'address';
    readonly address: number;
    readonly text: string;
}

/**
 * (v2) What an intent's `from` or `to` names: a VM, an NVA, a firewall, a VNet or a subnet (each
 * of its VMs), an onprem site (as `to`: the first usable address of each of its prefixes; as
 * `from`, the site itself), or, for `to` only, an address.
 */
export type IntentEnd = Vm | Nva | Firewall | Subnet | VNet | OnPremSite | IntentAddress;

/** (v2) A reachability intent (docs/semantics.md §6.8). */
export interface Intent {
    readonly kind: 'intent';
    readonly name: string;
    /** Undefined when missing or unresolved (the linker reports it). */
    readonly from: IntentEnd | undefined;
    readonly to: IntentEnd | undefined;
    /** Devices the path must cross, in order (the reply: in the reverse order). Default empty. */
    readonly via: readonly (Nva | Firewall)[];
    /** Default true; false: no path may exist. */
    readonly reachable: boolean;
    readonly source: SourceRef;
    /** Where each written property is, by property name (`from`, `to`, `via`, `reachable`). */
    readonly refs: PropertyRefs;
}

/** The elements whose names are unique across the workspace, by name. */
export type NamedTopologyElement = OnPremSite | VNet | RouteServer | Gateway | Nva | Vm | RouteTable | Firewall | Intent;

export interface Topology {
    readonly sites: readonly OnPremSite[];
    readonly vnets: readonly VNet[];
    readonly peerings: readonly Peering[];
    readonly sessions: readonly BgpSession[];
    readonly routeTables: readonly RouteTable[];
    /** (v2) Intents, in file order. */
    readonly intents: readonly Intent[];
    /** Every named element by name (first declaration wins on duplicates); (v2) firewalls and intents included, NICs and subnets not. */
    readonly byName: ReadonlyMap<string, NamedTopologyElement>;
}

export type TopologyElement = OnPremSite | VNet | Subnet | RouteServer | Gateway | Nva | Nic | Firewall | Vm | Peering | BgpSession | RouteTable | UserRoute | Intent;
