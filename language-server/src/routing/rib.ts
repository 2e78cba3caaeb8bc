import type { BgpEndpoint, BgpSession } from '../model/topology.js';
import { advertise } from './advertising.js';
import { notBestWhy } from './best-path.js';
import type { InRoute, OutRoute } from './bgp-route.js';
import { isUp, type PropagationInput, type PropagationState } from './bgp-propagation.js';
import type { Link, SessionEnd, SpeakerNode } from './speakers.js';
import type {
    Advertisement, BestRoute, ReceivedRoute, RouteDropReason, RouteLimitTeardown, RoutingSession, SessionDownReason, SpeakerRib
} from './types.js';
import { compareText } from '../model/compare.js';

/**
 * Turns the converged propagation state into the public RIBs and sessions of types.ts, adding for
 * each down session what its peer would have sent, so hovers can say what was lost and why.
 *
 * Only the sessions are built at once. A speaker's RIB, what a session carries and the public form
 * of a route are built when first asked for: diagnostics read the route servers' RIBs and the
 * programmed routes, hovers and the diagram one speaker or prefix at a time, and a landing zone's
 * full set of RIBs (tens of thousands of routes) would otherwise be rebuilt on every keystroke.
 */
export interface Ribs {
    readonly sessions: readonly RoutingSession[];
    readonly sessionOf: ReadonlyMap<Link, RoutingSession>;
    readonly sessionOfStatement: ReadonlyMap<BgpSession, RoutingSession>;
    /** Every speaker's RIB, in speaker order. */
    ribs(): readonly SpeakerRib[];
    ribOf(speaker: BgpEndpoint): SpeakerRib | undefined;
    readonly teardowns: readonly RouteLimitTeardown[];
    /** The public form of an internal route; the same object each time, and in its speaker's RIB. */
    publicOf(route: InRoute): ReceivedRoute;
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

export function buildRibs(input: PropagationInput, state: PropagationState): Ribs {
    const { graph } = input;
    const sessionOf = new Map<Link, RoutingSession>();
    const sessionOfStatement = new Map<BgpSession, RoutingSession>();
    const teardowns: RouteLimitTeardown[] = [];
    const sessions = graph.links.map(link => {
        const count = state.torn.get(link);
        const down: SessionDownReason | undefined = link.down
            ?? (count !== undefined ? { kind: 'route-limit', count, limit: input.routesPerPeer } : undefined);
        const up = isUp(link, state.torn);
        let aToB: Advertisement[] | undefined;
        let bToA: Advertisement[] | undefined;
        const session: RoutingSession = {
            id: link.id, kind: link.kind, a: link.a.element, b: link.b.element, statement: link.statement, static: link.static,
            up, down,
            get aToB() {
                return aToB ??= up ? advertisements(link.ends[0], state.out[link.ends[0].slot]) : [];
            },
            get bToA() {
                return bToA ??= up ? advertisements(link.ends[1], state.out[link.ends[1].slot]) : [];
            }
        };
        sessionOf.set(link, session);
        if (link.statement && !sessionOfStatement.has(link.statement)) sessionOfStatement.set(link.statement, session);
        if (count !== undefined) teardowns.push({ session, count, limit: input.routesPerPeer });
        return session;
    });

    const publicForm = new Map<InRoute, ReceivedRoute>();
    const publicOf = (r: InRoute): ReceivedRoute => {
        let pub = publicForm.get(r);
        if (!pub) {
            const sp = r.end.self;
            const b = state.best[sp.index].get(r.key);
            const accepted = !r.reject && b !== undefined && b.set.includes(r);
            const reason: RouteDropReason | undefined = accepted ? undefined
                : r.reject ?? { kind: 'not-best', why: b ? notBestWhy(sp, r, b) : 'own-origin' };
            pub = received(r, r.end, sessionOf.get(r.end.link)!, accepted, reason);
            publicForm.set(r, pub);
        }
        return pub;
    };

    const ribOfSpeaker = new Map<SpeakerNode, SpeakerRib>();
    const ribOf = (sp: SpeakerNode): SpeakerRib => {
        let rib = ribOfSpeaker.get(sp);
        if (!rib) {
            rib = speakerRib(input, state, sp, sessionOf, publicOf);
            ribOfSpeaker.set(sp, rib);
        }
        return rib;
    };
    let all: readonly SpeakerRib[] | undefined;
    return {
        sessions, sessionOf, sessionOfStatement, teardowns, publicOf,
        ribs: () => all ??= graph.speakers.map(ribOf),
        ribOf: speaker => {
            const sp = graph.byElement.get(speaker);
            return sp ? ribOf(sp) : undefined;
        }
    };
}

function speakerRib(
    input: PropagationInput, state: PropagationState, sp: SpeakerNode,
    sessionOf: ReadonlyMap<Link, RoutingSession>, publicOf: (r: InRoute) => ReceivedRoute
): SpeakerRib {
    const { graph } = input;
    const list: ReceivedRoute[] = [];
    for (const routes of state.ribIn[sp.index].values()) {
        for (const r of routes) list.push(publicOf(r));
    }
    // What each down session would have brought this speaker.
    for (const receiverEnd of sp.ends) {
        const link = receiverEnd.link;
        const session = sessionOf.get(link)!;
        if (session.up || !session.down || !wouldCarry(session.down)) continue;
        const end = link.ends[receiverEnd === link.ends[0] ? 1 : 0];
        if (end.self.asn === undefined && end.self.role === 'nva') continue;
        const reason: RouteDropReason = session.down.kind === 'route-limit'
            ? { kind: 'route-limit', count: session.down.count, limit: session.down.limit }
            : { kind: 'session-down', why: session.down };
        for (const b of state.best[end.self.index].values()) {
            const route = advertise(end, b);
            if (route) list.push(received(route, receiverEnd, session, false, reason));
        }
    }
    list.sort((x, y) =>
        x.prefix.network - y.prefix.network || x.prefix.length - y.prefix.length
        || compareText(keyOfElement(graph.byElement, x.from), keyOfElement(graph.byElement, y.from))
        || compareText(x.session.id, y.session.id));
    const best: BestRoute[] = [...state.best[sp.index].entries()].sort((x, y) => x[0] - y[0]).map(([, b]) => ({
        prefix: b.own ?? b.selected!.prefix,
        own: b.own !== undefined,
        routes: b.set.map(publicOf),
        selected: b.selected ? publicOf(b.selected) : undefined
    }));
    return {
        speaker: sp.element,
        asn: sp.asn,
        sessions: sp.ends.map(e => sessionOf.get(e.link)!),
        originated: [...state.originated[sp.index].entries()].sort((x, y) => x[0] - y[0]).map(e => e[1]),
        received: list,
        best
    };
}

/** Sessions that exist but are down show what would have crossed them; malformed or duplicate ones do not. */
function wouldCarry(down: SessionDownReason): boolean {
    return down.kind !== 'invalid-endpoints' && down.kind !== 'duplicate';
}

function advertisements(end: SessionEnd, out: ReadonlyMap<number, OutRoute>): Advertisement[] {
    return [...out.entries()].sort((x, y) => x[0] - y[0]).map(([, r]) => ({
        prefix: r.prefix, asPath: r.asPath, nextHop: r.nextHop, origin: r.origin.element, from: end.self.element, to: end.peer.element
    }));
}

function received(route: OutRoute, receiverEnd: SessionEnd, session: RoutingSession, accepted: boolean, reason: RouteDropReason | undefined): ReceivedRoute {
    const r: Mutable<ReceivedRoute> = {
        prefix: route.prefix, asPath: route.asPath, nextHop: route.nextHop, origin: route.origin.element,
        from: receiverEnd.peer.element, to: receiverEnd.self.element, session, accepted, reason
    };
    return r;
}

function keyOfElement(byElement: ReadonlyMap<BgpEndpoint, SpeakerNode>, el: BgpEndpoint): string {
    return byElement.get(el)!.key;
}
