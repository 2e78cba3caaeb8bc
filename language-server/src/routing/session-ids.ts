import type { RoutingSessionKind } from './types.js';

/**
 * The stable id of a routing session, `<kind>:<a><-><b>` with the ends by name: `bgp:fw1<->rs1`
 * (left and right as written), `branch-to-branch:rs1<->ergw1` (route server, gateway),
 * `connection:ergw1<->dc1` (gateway, site; or the two gateways of a VNet-to-VNet connection in
 * name order). The route engine (`RoutingSession.id`) and the diagram's session edges both name
 * sessions with it, so one id means the same session in either. A repeated `bgp` statement gets
 * `#2`, `#3`, ... appended by the caller.
 */
export function sessionId(kind: RoutingSessionKind, a: string, b: string): string {
    return `${kind}:${a}<->${b}`;
}
