/**
 * What an import found, in azrs's terms but not yet written: plain data between classification
 * (classify.ts) and writing (write-azrs.ts). Names are already valid, unique azrs names; `id` is
 * the Azure resource id each element came from.
 */
export interface ImportedModel {
    readonly vnets: ImportedVNet[];
    readonly sites: ImportedSite[];
    readonly peerings: ImportedPeering[];
    readonly sessions: ImportedSession[];
    readonly routeTables: ImportedRouteTable[];
}

export interface ImportedVNet {
    id: string;
    name: string;
    role: 'hub' | 'spoke' | 'vnet';
    region?: string;
    addressSpace: string[];
    subnets: Array<{ id: string; name: string; prefix: string; routeTable?: string }>;
    routeServer?: { id: string; name: string; subnet?: string; branchToBranch: boolean; hubRoutingPreference?: string };
    gateways: ImportedGateway[];
    firewalls: Array<{ id: string; name: string; subnet?: string; ip: string }>;
    nvas: ImportedNva[];
    vms: Array<{ id: string; name: string; ip: string }>;
}

export interface ImportedGateway {
    id: string;
    name: string;
    type: 'Vpn' | 'ExpressRoute';
    subnet?: string;
    asn?: number;
    activeActive?: boolean;
    /** Site names and, VNet-to-VNet (v2), other gateways' names. */
    connections: string[];
    nextHopIps: string[];
    routeTable?: string;
}

export interface ImportedNva {
    id: string;
    name: string;
    nics: Array<{ id: string; name: string; ip: string }>;
    asn?: number;
    advertises?: string[];
    nextHop?: string;
    state?: 'up' | 'down';
    /** Why no advertises are known (an import-gap), when BGP runs and nothing said. */
    gap?: string;
}

export interface ImportedSite {
    id: string;
    name: string;
    asn?: number;
    prefixes: string[];
    gap?: string;
}

export interface ImportedPeering {
    id: string;
    from: string;
    to: string;
    allowVirtualNetworkAccess: boolean;
    allowForwardedTraffic: boolean;
    allowGatewayTransit: boolean;
    useRemoteGateways: boolean;
}

export interface ImportedSession {
    id: string;
    nva: string;
    peer: string;
    asOverride?: boolean;
    asPathPrepend?: number;
    peerAsn?: number;
}

export interface ImportedRouteTable {
    id: string;
    name: string;
    disableBgpRoutePropagation: boolean;
    routes: Array<{ id: string; name: string; prefix: string; nextHopType: string; nextHop?: string }>;
}
