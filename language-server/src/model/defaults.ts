import { AZURE_ASN } from './azure-constants.js';

/**
 * The value each optional property takes when the file leaves it out (docs/language.md §2). The
 * topology builder applies them; the route engine's tests build topologies without the parser and
 * apply the same ones (test/routing/build.ts).
 */
export const DEFAULTS = {
    /** `routeServer { branchToBranch }`: allowBranchToBranchTraffic, off in Azure. */
    branchToBranch: false,
    /** `routeServer { hubRoutingPreference }` [RT-ROUTING-PREF]. */
    hubRoutingPreference: 'ExpressRoute',
    /** `gateway { type }`. */
    gatewayType: 'ExpressRoute',
    /** A Vpn gateway's `asn`; an ExpressRoute gateway is always 65515 [RS-ASN]. */
    gatewayAsn: AZURE_ASN,
    /** A Vpn gateway's `activeActive`; an ExpressRoute gateway is always active-active. */
    activeActive: true,
    /** `nva { state }`. */
    nvaState: 'up',
    /** (v2) `nva { stateful }`. */
    nvaStateful: true,
    /** Peering flags, as the portal defaults them. */
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: false,
    useRemoteGateways: false,
    allowGatewayTransit: false,
    /** `bgp { ... }` options. `peerAsn` defaults to the NVA's asn. */
    asOverride: false,
    asPathPrepend: 0,
    multihop: true,
    instances: 2,
    /** `routeTable { disableBgpRoutePropagation }`. */
    disableBgpRoutePropagation: false,
    /** (v2) `intent { reachable }`. */
    reachable: true
} as const;

