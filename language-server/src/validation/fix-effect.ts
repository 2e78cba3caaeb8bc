import type { BgpSession, Peering } from '../model/topology.js';

/** The flags of a `bgp` session a quick fix sets. */
export type SessionFlags = Partial<Pick<BgpSession, 'asOverride' | 'multihop'>>;

/** The flags of a `peering` a quick fix sets (ARM's names, virtualNetworkPeerings properties). */
export type PeeringFlags = Partial<Pick<Peering, 'useRemoteGateways' | 'allowGatewayTransit'>>;

/**
 * What a code's quick fix does to the topology, as the rule catalogue (issue-codes.ts, `RuleInfo.fix`)
 * states it per code. The code action (lsp/azrs-code-actions.ts) writes the change into the text;
 * fix-check.ts makes the same change to the topology to try the fix before it is offered (issue 17).
 * The finding's `target` is the element the fix changes:
 * - `session`: the finding's BGP session, with `set` applied (`{ asOverride: true }`).
 * - `peering`: the finding's peering, with `set` applied (`{ useRemoteGateways: false }`).
 * - `reverse-peering`: the reverse of the finding's peering (`b -> a` for `a -> b`), with `set`
 *   applied; when the peering has no reverse, `otherwise` (PF-URG (a): transit is set on the hub's
 *   side when it exists).
 * - `add-reverse-peering`: `peering b -> a` with every flag at its default, written after `a -> b`,
 *   which makes both Connected (peering-not-connected).
 * - `remove-route-table` (v2): the finding's subnet loses its `routeTable`
 *   (route-table-on-route-server-subnet: Azure takes no route table on the RouteServerSubnet).
 * - `add-reverse-connection` (v2): the gateway the finding's `data.gateway` names lists the finding's
 *   gateway back, after its other connections: a VNet-to-VNet connection (`Gateway.vnetConnections`,
 *   not a site's `connections`), which brings the connection up (connection-not-reciprocal).
 * - `set-firewall-subnet` (v2): the finding's firewall's AzureFirewallSubnet gets the prefix the
 *   finding's `data.normalized` holds, the one the fix writes (firewall-subnet-too-small: the /26
 *   that contains the written prefix).
 * - `untried`: a fix the what-if does not model; it is offered without being tried, and `why` says
 *   why that is safe or what is missing.
 */
export type FixEffect =
    | { readonly kind: 'session'; readonly set: SessionFlags }
    | { readonly kind: 'peering'; readonly set: PeeringFlags }
    | { readonly kind: 'reverse-peering'; readonly set: PeeringFlags; readonly otherwise?: FixEffect }
    | { readonly kind: 'add-reverse-peering' }
    | { readonly kind: 'remove-route-table' }
    | { readonly kind: 'add-reverse-connection' }
    | { readonly kind: 'set-firewall-subnet' }
    | { readonly kind: 'untried'; readonly why: string };
