/**
 * Numbers Azure fixes for every deployment, read by the builder, the route engine, the checks and
 * the views alike (docs/azure-rules.md has the rule IDs).
 */

/** RS-ASN: a route server is always 65515; so is the Azure side of an ExpressRoute gateway. */
export const AZURE_ASN = 65515;
/** The Microsoft edge (MSEE) ASN that routes from an ExpressRoute circuit carry. */
export const MSEE_ASN = 12076;
/** LIM-PEERS: a route server takes at most eight BGP peers. */
export const MAX_ROUTE_SERVER_PEERS = 8;
