import type { Prefix, RouteServer } from '../model/topology.js';
import { advertise, originations } from './advertising.js';
import { selectBest } from './best-path.js';
import { sameOut, type Best, type InRoute, type OutRoute } from './bgp-route.js';
import type { Domains } from './domains.js';
import type { Link, SessionEnd, SpeakerGraph, SpeakerNode } from './speakers.js';
import type { RouteDropReason } from './types.js';

/**
 * BGP propagation to a fixed point (docs/semantics.md §2). Rounds are synchronous (v2): in each round
 * every speaker with a changed Adj-RIB-In recomputes the best path of the changed prefixes from what
 * it received in the previous rounds and sends only the differences, which arrive for the next
 * round. No speaker sees what another sent in the same round, so neither names nor file order can
 * choose between two stable states (a BGP wedgie): synchronous rounds from the empty start decide.
 * Prefixes never interact, so the order of prefixes is irrelevant.
 * Route-limit teardowns restart the run without the torn sessions until no session exceeds the limit.
 */

export interface PropagationState {
    readonly graph: SpeakerGraph;
    /** Per speaker index: prefixes it originates, by prefix number (see `originations`). */
    readonly originated: ReadonlyArray<ReadonlyMap<number, Prefix>>;
    /** Per speaker index: received routes by prefix number (see `originations`), one per session at most. */
    readonly ribIn: ReadonlyArray<ReadonlyMap<number, readonly InRoute[]>>;
    /** Per speaker index: best path by prefix number (see `originations`). */
    readonly best: ReadonlyArray<ReadonlyMap<number, Best>>;
    /** Per session direction (SessionEnd.slot): what it carries, by prefix number (see `originations`). */
    readonly out: ReadonlyArray<ReadonlyMap<number, OutRoute>>;
    /** Sessions torn down by the route limit, with the count that tore them. */
    readonly torn: ReadonlyMap<Link, number>;
    readonly converged: boolean;
    readonly rounds: number;
}

export interface PropagationInput {
    readonly graph: SpeakerGraph;
    readonly domains: Domains;
    readonly routesPerPeer: number;
    readonly maxRounds: number;
}

export function propagate(input: PropagationInput): PropagationState {
    const originated = originations(input.graph, input.domains);
    const torn = new Map<Link, number>();
    for (;;) {
        const state = run(input, originated, torn);
        if (!state.converged) return state;
        let tore = false;
        for (const link of input.graph.links) {
            if (!isUp(link, torn)) continue;
            for (const end of link.ends) {
                if (end.self.role !== 'nva' || end.peer.role !== 'routeServer') continue;
                // LIM-ROUTES-PER-PEER: more distinct prefixes than the limit and the route server
                // drops the session; it then carries nothing either way.
                const count = state.out[end.slot].size;
                if (count > input.routesPerPeer) {
                    torn.set(link, count);
                    tore = true;
                }
            }
        }
        if (!tore) return state;
    }
}

export function isUp(link: Link, torn: ReadonlyMap<Link, number>): boolean {
    return link.down === undefined && !torn.has(link);
}

function run(input: PropagationInput, originated: ReadonlyArray<ReadonlyMap<number, Prefix>>, torn: ReadonlyMap<Link, number>): PropagationState {
    const { graph, maxRounds } = input;
    const speakers = graph.speakers;
    const ribIn = speakers.map(() => new Map<number, InRoute[]>());
    const best = speakers.map(() => new Map<number, Best>());
    const out: Array<Map<number, OutRoute>> = Array.from({ length: graph.slots }, () => new Map());
    const upEnds = speakers.map(sp => sp.ends.filter(e => isUp(e.link, torn)));
    let dirty: Array<Set<number> | undefined> = speakers.map((_, i) => originated[i].size > 0 ? new Set(originated[i].keys()) : undefined);
    let pending = dirty.filter(d => d !== undefined).length;
    /** What this round sent, delivered to the receivers' Adj-RIB-In when the round ends. */
    const arrivals: Array<{ receiverEnd: SessionEnd; key: number; route: OutRoute | undefined }> = [];

    let rounds = 0;
    while (pending > 0 && rounds < maxRounds) {
        rounds++;
        // docs/semantics.md §2 (v2): synchronous rounds. Every speaker decides from the previous round's
        // Adj-RIB-In; what it sends arrives for the next round, so the order speakers go in is moot.
        const next: Array<Set<number> | undefined> = new Array(speakers.length);
        let nextPending = 0;
        for (const sp of speakers) {
            const keys = dirty[sp.index];
            if (!keys) continue;
            for (const key of keys) {
                const b = selectBest(sp, originated[sp.index].get(key), ribIn[sp.index].get(key));
                if (b) best[sp.index].set(key, b);
                else best[sp.index].delete(key);
                for (const end of upEnds[sp.index]) {
                    const route = advertise(end, b);
                    if (sameOut(route, out[end.slot].get(key))) continue;
                    if (route) out[end.slot].set(key, route);
                    else out[end.slot].delete(key);
                    const receiverEnd = end.link.ends[end === end.link.ends[0] ? 1 : 0];
                    arrivals.push({ receiverEnd, key, route });
                    const receiver = receiverEnd.self.index;
                    let marks = next[receiver];
                    if (!marks) {
                        next[receiver] = marks = new Set();
                        nextPending++;
                    }
                    marks.add(key);
                }
            }
        }
        for (const { receiverEnd, key, route } of arrivals) {
            updateRibIn(ribIn[receiverEnd.self.index], key, receiverEnd, route ? receive(input, receiverEnd, key, route) : undefined);
        }
        arrivals.length = 0;
        dirty = next;
        pending = nextPending;
    }
    const converged = pending === 0;
    if (!converged) {
        // Cut off: re-select what is pending from what arrived, so the snapshot is self-consistent.
        for (const sp of speakers) {
            for (const key of dirty[sp.index] ?? []) {
                const b = selectBest(sp, originated[sp.index].get(key), ribIn[sp.index].get(key));
                if (b) best[sp.index].set(key, b);
                else best[sp.index].delete(key);
            }
        }
    }
    return { graph, originated, ribIn, best, out, torn, converged, rounds };
}

/** Replaces what one session carries for a prefix; a speaker has one route per session and prefix. */
function updateRibIn(rib: Map<number, InRoute[]>, key: number, end: SessionEnd, route: InRoute | undefined): void {
    const list = rib.get(key);
    if (!list) {
        if (route) rib.set(key, [route]);
        return;
    }
    const at = list.findIndex(r => r.end === end);
    if (route) {
        if (at >= 0) list[at] = route;
        else list.push(route);
    } else if (at >= 0) {
        if (list.length === 1) rib.delete(key);
        else list.splice(at, 1);
    }
}

/** The import checks a route passes, or not, on arrival. */
export function receive(input: PropagationInput, end: SessionEnd, key: number, route: OutRoute): InRoute {
    return {
        prefix: route.prefix, asPath: route.asPath, nextHop: route.nextHop, origin: route.origin,
        key, end, reject: importCheck(input, end.self, end.peer, end.link, route)
    };
}

function importCheck(input: PropagationInput, self: SpeakerNode, peer: SpeakerNode, link: Link, route: OutRoute): RouteDropReason | undefined {
    // B-LOOP: a speaker drops a route whose AS path holds its own ASN; a route server and its
    // gateways are one AS and skip it between themselves.
    if (!link.sameAs && self.asn !== undefined && route.asPath.includes(self.asn)) {
        return { kind: 'as-path-loop', asn: self.asn };
    }
    if (self.role === 'routeServer' && peer.role === 'nva') {
        // RT-NO-VNET-PREFIX: a route server ignores NVA routes equal to or more specific than a
        // range of its domain; a supernet is accepted.
        const hit = input.domains.rangesOf((self.element as RouteServer).vnet).index.covering(route.prefix);
        if (hit) return { kind: 'vnet-range', range: hit.prefix, vnet: hit.value };
    }
    return undefined;
}
