import { describeDropReason, formatAsPath, speakerLabel } from '../analysis/route-text.js';
import { formatAddress, parsePrefix } from '../model/prefix.js';
import type { Topology } from '../model/topology.js';
import type { Advertisement, ReceivedRoute, RoutingResult, RoutingSession } from '../routing/index.js';
import {
    ActualInputError, type ActualFileName, type ComparedRow, type ElementVerification, type NotModelledRow,
    type RawBgpRoute, type VerifyBgpSide, type VerifyDifference
} from './types.js';

/**
 * Route server and gateway route lists against azrs's sessions (docs/verify.md, "BGP lists"):
 * - `<rs>.<nva>.learned-routes.json`: what the route server received from the NVA over their
 *   session (its Adj-RIB-In), keyed by prefix, AS path and next hop; routes azrs drops for an AS-path
 *   loop are not in Azure's list (B-LOOP: discarded on receipt) and are left out;
 * - `<rs>.<nva>.advertised-routes.json`: what it sent the NVA, keyed by prefix and AS path (Azure's
 *   next hop is the instance's own address, which a topology does not hold);
 * - `<gateway>.learned-routes.json`: `Network` rows against the prefixes it originates, `EBgp` rows
 *   against what its connections sent, by prefix only (the provider's AS path inside ExpressRoute is
 *   not modelled); `IBgp` rows (its other instance, the route server) are not modelled.
 * Both instances' lists (RouteServiceRole_IN_0 / _IN_1) are merged.
 */

interface Keyed { key: string; prefix: string; side: VerifyBgpSide; line?: number; explanation?: string }

function bgpSide(asPath: readonly number[], nextHop: string): VerifyBgpSide {
    return { asPath: asPath.join(' '), nextHop };
}

function sessionBetween(routing: RoutingResult, a: object, b: object): RoutingSession | undefined {
    return routing.sessions.find(s => s.kind === 'bgp' && ((s.a === a && s.b === b) || (s.a === b && s.b === a)));
}

function checkPrefix(file: string, r: RawBgpRoute): string | undefined {
    if (r.network.includes(':')) return undefined;
    const parsed = parsePrefix(r.network);
    if (!parsed.ok && parsed.reason === 'invalid') throw new ActualInputError(file, r.line, `'${r.network}' is not an address prefix`);
    return parsed.ok ? parsed.prefix.text : parsed.normalized.text;
}

export function compareBgpList(topology: Topology, routing: RoutingResult, name: ActualFileName, file: string, routes: readonly RawBgpRoute[], strict: boolean): ElementVerification {
    const notModelled: NotModelledRow[] = [];
    const azure: Keyed[] = [];
    let azrs: Keyed[];
    let element: string;
    let target: object;
    let keyOf: (prefix: string, asPath: readonly number[], nextHop: string) => string;
    let missingWhy: string | undefined;
    let absentWhy: (prefix: string) => string;
    let ibgpNotModelled = false;

    if (name.kind === 'gateway-learned') {
        const gw = topology.byName.get(name.element);
        if (gw?.kind !== 'gateway') throw new ActualInputError(file, undefined, gw ? `'${name.element}' is a ${gw.kind}, not a gateway` : `no gateway named '${name.element}' in the topology`);
        element = gw.name;
        target = gw;
        keyOf = prefix => prefix;
        ibgpNotModelled = !strict;
        const sites = gw.connections.map(c => c.name);
        absentWhy = prefix => sites.length
            ? `no site connected to ${gw.name} (${sites.join(', ')}) sends ${prefix}, and it is not a range of ${gw.vnet.name}'s domain`
            : `${gw.name} has no connections, and ${prefix} is not a range of ${gw.vnet.name}'s domain`;
        const rib = routing.rib(gw);
        azrs = [
            ...(rib?.originated ?? []).map(p => ({ key: p.text, prefix: p.text, side: bgpSide([], ''), explanation: `a range of ${gw.vnet.name}'s domain, originated by ${gw.name} (origin Network)` })),
            ...(rib?.received ?? []).filter(r => r.session.kind === 'connection' && r.session.up && r.reason?.kind !== 'as-path-loop')
                .map(r => ({ key: r.prefix.text, prefix: r.prefix.text, side: bgpSide(r.asPath, ''), explanation: receivedText(r) }))
        ];
    } else {
        const rs = topology.byName.get(name.element);
        const nva = topology.byName.get(name.sub!);
        if (rs?.kind !== 'routeServer') throw new ActualInputError(file, undefined, rs ? `'${name.element}' is a ${rs.kind}, not a route server` : `no route server named '${name.element}' in the topology`);
        if (nva?.kind !== 'nva') throw new ActualInputError(file, undefined, nva ? `'${name.sub}' is a ${nva.kind}, not an NVA` : `no NVA named '${name.sub}' in the topology`);
        const session = sessionBetween(routing, rs, nva);
        if (!session) throw new ActualInputError(file, undefined, `the topology has no bgp session between ${nva.name} and ${rs.name}`);
        element = `${rs.name}/${nva.name}`;
        target = session.statement ?? rs;
        absentWhy = prefix => {
            const dropped = (routing.rib(nva)?.received ?? []).find(r => r.prefix.text === prefix && !r.accepted);
            if (name.kind === 'rs-advertised') return `${speakerLabel(rs)} has no best route for ${prefix} to send ${nva.name}`;
            return dropped
                ? `${speakerLabel(nva)} received it from ${speakerLabel(dropped.from)} over ${dropped.session.id} and dropped it: ${dropped.reason ? describeDropReason(dropped.reason) : 'not used'}`
                : `${speakerLabel(nva)} neither advertises ${prefix} nor relays it from another session`;
        };
        if (name.kind === 'rs-learned') {
            keyOf = (prefix, asPath, nextHop) => `${prefix}|${asPath.join(' ')}|${nextHop}`;
            const heard = (routing.rib(rs)?.received ?? []).filter(r => r.session === session && r.reason?.kind !== 'as-path-loop');
            azrs = heard.map(r => {
                const hop = r.nextHop === undefined ? '' : formatAddress(r.nextHop);
                return { key: keyOf(r.prefix.text, r.asPath, hop), prefix: r.prefix.text, side: bgpSide(r.asPath, hop), explanation: receivedText(r) };
            });
        } else {
            keyOf = (prefix, asPath) => `${prefix}|${asPath.join(' ')}`;
            const sent: readonly Advertisement[] = session.a === rs ? session.aToB : session.bToA;
            azrs = sent.map(a => ({
                key: keyOf(a.prefix.text, a.asPath, ''), prefix: a.prefix.text, side: bgpSide(a.asPath, a.nextHop === undefined ? '' : formatAddress(a.nextHop)),
                explanation: `advertised by ${speakerLabel(rs)} to ${speakerLabel(nva)} over ${session.id}, originated by ${speakerLabel(a.origin)}`
            }));
        }
        if (!session.up) {
            // Every Azure row is missing in azrs, for one reason: the session.
            const why = session.down ? describeDropReason({ kind: 'session-down', why: session.down }) : 'session down';
            missingWhy = `in azrs the session ${session.id} is down (${why})`;
            azrs = [];
        }
    }
    for (const r of routes) {
        const prefix = checkPrefix(file, r);
        if (prefix === undefined) { notModelled.push(nm(file, r, element, 'an IPv6 route (azrs models IPv4)')); continue; }
        if (ibgpNotModelled && r.origin.toLowerCase() === 'ibgp') {
            notModelled.push(nm(file, r, element, 'an IBgp route (from the other gateway instance or a route server): not modelled'));
            continue;
        }
        azure.push({ key: keyOf(prefix, r.asPath, r.nextHop), prefix, side: bgpSide(r.asPath, r.nextHop), line: r.line });
    }
    return finish(file, name, element, target, azure, azrs, notModelled, missingWhy, absentWhy);
}

function nm(file: string, r: RawBgpRoute, element: string, reason: string): NotModelledRow {
    return { file, line: r.line, element, addressPrefix: r.network, side: 'azure', reason };
}

function receivedText(r: ReceivedRoute): string {
    const status = r.accepted ? 'accepted' : `received, not used: ${r.reason ? describeDropReason(r.reason) : 'not used'}`;
    return `${status}, from ${speakerLabel(r.from)} over ${r.session.id}, AS path ${formatAsPath(r.asPath)}, originated by ${speakerLabel(r.origin)}`;
}

function sideText(s: VerifyBgpSide): string {
    return `AS path ${s.asPath || '(empty)'}${s.nextHop ? `, next hop ${s.nextHop}` : ''}`;
}

/** Pairs the two sides by key (both deduplicated: instances and ECMP peers repeat a route). */
function finish(
    file: string, name: ActualFileName, element: string, target: object, azure: Keyed[], azrs: Keyed[],
    notModelled: NotModelledRow[], missingWhy: string | undefined, absentWhy: (prefix: string) => string
): ElementVerification {
    const dedupe = (list: Keyed[]) => {
        // The first of repeated rows keeps its line.
        const byKey = new Map<string, Keyed>();
        for (const k of list) if (!byKey.has(k.key)) byKey.set(k.key, k);
        return [...byKey.values()];
    };
    const a = dedupe(azure), z = new Map(dedupe(azrs).map(k => [k.key, k] as const));
    const rows: ComparedRow[] = [];
    const differences: VerifyDifference[] = [];
    let matched = 0;
    const [first, second] = element.split('/');
    const listText = name.kind === 'rs-advertised' ? `${first} advertised to ${second}`
        : name.kind === 'rs-learned' ? `${first} learned from ${second}` : `${first} learned`;
    for (const k of a) {
        const mine = z.get(k.key);
        if (mine) {
            z.delete(k.key);
            matched++;
            rows.push({ addressPrefix: k.prefix, azure: k.side, azrs: mine.side, agrees: true });
            continue;
        }
        const other = [...z.values()].filter(m => m.prefix === k.prefix);
        const explanation = missingWhy ?? (other.length
            ? `azrs has ${k.prefix} with ${other.map(o => sideText(o.side)).join('; ')} (${other[0].explanation})`
            : absentWhy(k.prefix));
        rows.push({ addressPrefix: k.prefix, azure: k.side, azrs: null, agrees: false });
        differences.push({
            code: 'verify-learned-missing', file, line: k.line, element, addressPrefix: k.prefix, azure: k.side, azrs: null, explanation,
            message: `Azure: ${listText} ${k.prefix} (${sideText(k.side)}); azrs does not: ${explanation}`
        });
    }
    for (const k of z.values()) {
        rows.push({ addressPrefix: k.prefix, azure: null, azrs: k.side, agrees: false });
        differences.push({
            code: 'verify-learned-extra', file, line: undefined, element, addressPrefix: k.prefix, azure: null, azrs: k.side, explanation: k.explanation ?? '',
            message: `azrs: ${listText} ${k.prefix} (${sideText(k.side)}), Azure's list does not (azrs: ${k.explanation})`
        });
    }
    return { file, kind: name.kind, element, target, matched, rows, differences, notModelled };
}
