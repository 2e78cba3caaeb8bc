import { comparePrefixes } from '../model/prefix.js';
import type { Nva, Prefix, RouteServer, Topology } from '../model/topology.js';
import type { RoutingResult } from '../routing/index.js';
import { classifySessions, countedSessions, routeServerOf } from './bgp-checks.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { compareSource, valueRef } from './topology-queries.js';

/**
 * same-asn-nvas (docs/language.md §3 v2; B-SAME-NVA-ASN, MC-30): two NVAs with one ASN peer the same
 * route server, and a route is actually lost. Route Server reflects each NVA's routes to the other
 * NVAs with 65515 prepended (RT-REFLECT); an NVA drops a route whose AS path holds its own ASN
 * (B-LOOP). That costs nothing where the NVA has the prefix itself: an active/active pair that
 * originates the same prefixes (ECMP at the route server, RT-ECMP) loses nothing. It costs a route
 * where one NVA originates or relays a prefix alone and the other has no other path to it.
 *
 * Read from the route engine's RIBs: the routes an NVA received from the route server and dropped
 * for an AS-path loop on its own ASN, for prefixes it has no best route to. Reported once per later
 * NVA of a clashing pair (file order), on its `asn` value, naming the lost prefixes.
 */
export function checkSameAsnNvas(topology: Topology, routing: RoutingResult): Finding[] {
    const nvasByRs = new Map<RouteServer, Nva[]>();
    for (const s of countedSessions(topology, classifySessions(topology))) {
        const rs = routeServerOf(s);
        const nva = s.nva!;
        if (!rs || nva.asn === undefined) continue;
        const list = nvasByRs.get(rs) ?? [];
        if (!list.includes(nva)) list.push(nva);
        nvasByRs.set(rs, list);
    }
    const clashes = new Map<Nva, { first: Nva; routeServers: RouteServer[]; lost: Map<Nva, Map<string, Prefix>> }>();
    for (const [rs, nvas] of nvasByRs) {
        const sorted = [...nvas].sort((a, b) => compareSource(a.source, b.source));
        sorted.forEach((nva, i) => {
            const first = sorted.find((o, j) => j < i && o.asn === nva.asn);
            if (!first) return;
            const lostHere = new Map<Nva, Map<string, Prefix>>();
            for (const [loser, other] of [[nva, first], [first, nva]] as const) {
                const lost = lostFrom(routing, loser, other, rs);
                if (lost.size > 0) lostHere.set(loser, lost);
            }
            if (lostHere.size === 0) return;
            const clash = clashes.get(nva) ?? { first, routeServers: [] as RouteServer[], lost: new Map<Nva, Map<string, Prefix>>() };
            clash.routeServers.push(rs);
            for (const [loser, prefixes] of lostHere) {
                const into = clash.lost.get(loser) ?? new Map<string, Prefix>();
                for (const [k, p] of prefixes) into.set(k, p);
                clash.lost.set(loser, into);
            }
            clashes.set(nva, clash);
        });
    }
    const findings: Finding[] = [];
    for (const [nva, { first, routeServers, lost }] of [...clashes].sort((a, b) => compareSource(a[0].source, b[0].source))) {
        const names = routeServers.map(r => `'${r.name}'`).join(', ');
        const parts = [...lost].map(([loser, prefixes]) => {
            const list = [...prefixes.values()].sort(comparePrefixes);
            return `'${loser.name}' drops ${listPrefixes(list)}, which it has no other path to`;
        });
        findings.push(finding({
            code: IssueCodes.SameAsnNvas,
            message: `NVAs '${first.name}' and '${nva.name}' both use ASN ${nva.asn} and peer route server ${names}: Route Server reflects each NVA's routes to the other, and an NVA drops a route whose AS path holds its own ASN, so ${parts.join('; ')}. Give '${nva.name}' a different ASN (or allow its own AS in, allowas-in, on its sessions).`,
            at: valueRef(nva, 'asn'), target: nva,
            data: { lost: Object.fromEntries([...lost].map(([n, p]) => [n.name, [...p.keys()]])) }
        }));
    }
    return findings;
}

/** Prefixes `loser` received from `rs` with `other`'s routes in the path, dropped for its own ASN, and has no best route to. */
function lostFrom(routing: RoutingResult, loser: Nva, other: Nva, rs: RouteServer): Map<string, Prefix> {
    const rib = routing.rib(loser);
    const out = new Map<string, Prefix>();
    if (!rib || loser.asn === undefined) return out;
    const known = new Set(rib.best.map(b => b.prefix.text));
    for (const r of rib.received) {
        if (r.from !== rs || r.reason?.kind !== 'as-path-loop' || r.reason.asn !== loser.asn) continue;
        // The route came through the other NVA: it originated it, or it is the NVA after the route server.
        if (r.origin !== other && r.asPath[1] !== other.asn) continue;
        if (!known.has(r.prefix.text)) out.set(r.prefix.text, r.prefix);
    }
    return out;
}

/** "a, b, c, d, e and 3 more" */
function listPrefixes(prefixes: readonly Prefix[], shown = 5): string {
    const texts = prefixes.map(p => p.text);
    if (texts.length <= shown) return texts.join(', ');
    return `${texts.slice(0, shown).join(', ')} and ${texts.length - shown} more`;
}
