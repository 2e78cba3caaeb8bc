import type { UserRoute } from './topology.js';

/**
 * What Azure would refuse in a user-defined route (docs/language.md §2: `nextHop` is required for
 * `VirtualAppliance` and forbidden otherwise; ER-UDR). A route with a problem does not exist in the
 * simulation; the check `invalid-route` reports it.
 */
export type UserRouteProblem = 'missing-prefix' | 'missing-next-hop-type' | 'missing-next-hop' | 'next-hop-not-allowed';

export function userRouteProblem(route: UserRoute): UserRouteProblem | undefined {
    // A malformed prefix or address is reported by invalid-prefix; only what is not written counts here.
    if (route.prefix === undefined && route.refs.prefix === undefined) return 'missing-prefix';
    if (!route.nextHopType) return 'missing-next-hop-type';
    const written = route.nextHopNva !== undefined || route.nextHopIp !== undefined
        || route.refs.nextHop !== undefined || route.refs.nextHopIp !== undefined;
    if (route.nextHopType === 'VirtualAppliance' && !written) return 'missing-next-hop';
    if (route.nextHopType !== 'VirtualAppliance' && written) return 'next-hop-not-allowed';
    return undefined;
}
