import type { Prefix, RouteServer } from '../model/topology.js';
import type { Best, InRoute } from './bgp-route.js';
import { isGatewayRole, type SpeakerNode } from './speakers.js';
import type { NotBestWhy } from './types.js';

/**
 * Best-path selection at every speaker (docs/semantics.md §2). The steps are applied in order, each
 * keeping the routes that rank lowest; the step at which a route falls out is the reason shown for
 * it, so selection and explanation cannot disagree.
 */

interface Step {
    readonly why: NotBestWhy;
    applies(sp: SpeakerNode): boolean;
    rank(sp: SpeakerNode, route: InRoute): number;
}

const STEPS: readonly Step[] = [
    {
        // A gateway relays between its connections and its route server; what its circuits or tunnels
        // send (static connections included) is what it programs and passes to the route server, as
        // eBGP beats iBGP.
        why: 'connection-preferred',
        applies: sp => isGatewayRole(sp.role),
        rank: (_, r) => r.end.link.kind === 'connection' ? 0 : 1
    },
    {
        // RT-ROUTING-PREF: with branch-to-branch, hubRoutingPreference ranks ExpressRoute against
        // Vpn and NVA routes before AS-path length; VPN and NVA routes are not ranked against each other.
        why: 'routing-preference',
        applies: sp => sp.role === 'routeServer' && (sp.element as RouteServer).branchToBranch,
        rank: (sp, r) => {
            const er = r.end.peer.role === 'expressRouteGateway';
            switch ((sp.element as RouteServer).hubRoutingPreference) {
                case 'ExpressRoute': return er ? 0 : 1;
                case 'VpnGateway': return er ? 1 : 0;
                case 'ASPath': return 0;
            }
        }
    },
    {
        why: 'longer-as-path',
        applies: () => true,
        rank: (_, r) => r.asPath.length
    }
];

/**
 * Of equally good routes a speaker advertises one: the one from the peer with the lowest ASN, then
 * the lowest name, so that the result never depends on the order of the file.
 */
function tieBreak(x: InRoute, y: InRoute): number {
    const ax = x.end.peer.asn ?? Number.MAX_SAFE_INTEGER;
    const ay = y.end.peer.asn ?? Number.MAX_SAFE_INTEGER;
    if (ax !== ay) return ax - ay;
    if (x.end.peer.key !== y.end.peer.key) return x.end.peer.key < y.end.peer.key ? -1 : 1;
    return x.end.slot - y.end.slot;
}

const NONE: readonly InRoute[] = [];

export function selectBest(sp: SpeakerNode, own: Prefix | undefined, received: readonly InRoute[] | undefined): Best | undefined {
    if (own) return { own, set: NONE, selected: undefined };
    if (!received || received.length === 0) return undefined;
    if (received.length === 1) {
        // Most prefixes reach a speaker over one session: nothing to compare.
        const only = received[0];
        return only.reject ? undefined : { own: undefined, set: [only], selected: only };
    }
    let pool = received.filter(r => !r.reject);
    if (pool.length === 0) return undefined;
    for (const step of STEPS) {
        if (pool.length === 1) break;
        if (!step.applies(sp)) continue;
        let min = Infinity;
        for (const r of pool) min = Math.min(min, step.rank(sp, r));
        pool = pool.filter(r => step.rank(sp, r) === min);
    }
    pool.sort(tieBreak);
    // RT-ECMP: a route server keeps every tied route and programs them together; any other speaker
    // keeps one.
    const set = sp.role === 'routeServer' ? pool : [pool[0]];
    return { own: undefined, set, selected: pool[0] };
}

/** Why an accepted route is not among the best. */
export function notBestWhy(sp: SpeakerNode, route: InRoute, best: Best): NotBestWhy {
    if (best.own || !best.selected) return 'own-origin';
    for (const step of STEPS) {
        if (step.applies(sp) && step.rank(sp, route) > step.rank(sp, best.selected)) return step.why;
    }
    return 'tie-break';
}
