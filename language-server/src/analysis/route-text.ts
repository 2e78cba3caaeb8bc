import { formatAddress } from '../model/prefix.js';
import type { Advertisement, EffectiveRoute, ReceivedRoute, RouteDropReason, SessionDownReason, Speaker } from '../routing/index.js';

/**
 * How routes and the engine's reasons read in hovers, the diagram and the CLI: one wording for
 * every view.
 */

/** `65001 65515 12076 65021`, or `(empty)` for a route the speaker originates. */
export function formatAsPath(path: readonly number[]): string {
    return path.length ? path.join(' ') : '(empty)';
}

export function speakerLabel(s: Speaker): string {
    switch (s.kind) {
        case 'nva': return `NVA ${s.name}`;
        case 'routeServer': return `route server ${s.name}`;
        case 'gateway': return `${s.type === 'Vpn' ? 'VPN' : 'ExpressRoute'} gateway ${s.name}`;
        case 'onprem': return `site ${s.name}`;
    }
}

export function describeSessionDown(why: SessionDownReason): string {
    switch (why.kind) {
        case 'endpoint-down': return `${why.endpoint.name} has state: down`;
        case 'invalid-endpoints': return 'these ends cannot peer';
        case 'duplicate': return 'a duplicate of an earlier session';
        case 'flagged': return 'the session has an error';
        case 'too-many-peers': return `past the ${why.limit} peers of ${why.routeServer.name}`;
        case 'asn-undefined': return `${why.endpoint.name} has no asn`;
        case 'route-limit': return `torn down: ${why.count} routes sent, limit ${why.limit}`;
    }
}

/** Why a route was not used, e.g. `AS path contains 65515`. */
export function describeDropReason(reason: RouteDropReason): string {
    switch (reason.kind) {
        case 'as-path-loop': return `AS path contains ${reason.asn}`;
        case 'vnet-range': return `equal to or inside ${reason.range.text}, a range of ${reason.vnet.name} (Route Server ignores it)`;
        case 'session-down': return `session down: ${describeSessionDown(reason.why)}`;
        case 'route-limit': return `session torn down: ${reason.count} routes sent, limit ${reason.limit}`;
        case 'not-best':
            switch (reason.why) {
                case 'own-origin': return 'not best: originated locally';
                case 'connection-preferred': return 'not best: the connection\'s route is preferred';
                case 'routing-preference': return 'not best: hubRoutingPreference';
                case 'longer-as-path': return 'not best: longer AS path';
                case 'tie-break': return 'not best: equal path, lower peer ASN preferred';
            }
    }
}

export function nextHopText(a: Advertisement): string {
    return a.nextHop === undefined ? '' : formatAddress(a.nextHop);
}

export function receivedLine(r: ReceivedRoute): string {
    const via = r.nextHop === undefined ? '' : ` via ${formatAddress(r.nextHop)}`;
    const status = r.accepted ? '' : ` — dropped: ${r.reason ? describeDropReason(r.reason) : 'not used'}`;
    return `${r.prefix.text} [${formatAsPath(r.asPath)}]${via}${status}`;
}

/** `0.0.0.0/0 via fw1` for code lenses: the next hop by NVA name where known. */
export function routeSummary(row: EffectiveRoute): string {
    const via = row.provenance.kind === 'bgp' && row.provenance.programmed.nvas.length
        ? row.provenance.programmed.nvas.map(n => n.name).join(', ')
        : row.provenance.kind === 'user' && row.provenance.route.nextHopNva
            ? row.provenance.route.nextHopNva.name
            : row.nextHopIpAddress.join(', ') || row.nextHopType;
    return `${row.addressPrefix.text} via ${via}`;
}
