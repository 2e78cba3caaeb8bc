import { comparePrefixes, parseAddress, parsePrefix } from '../model/prefix.js';
import type { Prefix } from '../model/topology.js';
import type { EffectiveRoute } from '../routing/index.js';
import { ActualInputError, type RawEffectiveRouteTable } from './types.js';

/**
 * Both sides of an effective-route comparison as the same rows (docs/verify.md, "Normalisation"):
 * one row per prefix, spellings made canonical, ECMP as one row with its next hop IPs sorted.
 */
export interface NormalRoute {
    readonly source: string;
    readonly state: string;
    readonly prefix: Prefix;
    readonly nextHopType: string;
    /** Sorted numerically, without repeats. */
    readonly nextHopIps: readonly string[];
    /** Azure's row: its first line in the file. */
    readonly line?: number;
    /** azrs's row. */
    readonly row?: EffectiveRoute;
}

/** A row left out of the comparison, and why. */
export interface SetAside {
    readonly prefix: string;
    readonly line: number | undefined;
    readonly reason: string;
}

const NEXT_HOP_TYPES: Record<string, string> = {
    vnetlocal: 'VnetLocal',
    // Network Watcher and older outputs say VirtualNetworkPeering; the effective-route API VNetPeering.
    vnetpeering: 'VNetPeering', virtualnetworkpeering: 'VNetPeering',
    vnetglobalpeering: 'VNetGlobalPeering', globalvnetpeering: 'VNetGlobalPeering',
    virtualnetworkgateway: 'VirtualNetworkGateway',
    virtualappliance: 'VirtualAppliance',
    internet: 'Internet',
    none: 'None'
};

/** Next hop types azrs does not model: counted as not modelled (compared only with `--strict`). */
const NOT_MODELLED_TYPES: Record<string, string> = {
    interfaceendpoint: 'a private endpoint (InterfaceEndpoint) route',
    virtualnetworkserviceendpoint: 'a service endpoint (VirtualNetworkServiceEndpoint) route',
    connectedgroup: 'an Azure Virtual Network Manager (ConnectedGroup) route'
};

const SOURCES: Record<string, string> = { default: 'Default', user: 'User', virtualnetworkgateway: 'VirtualNetworkGateway', unknown: 'Unknown' };
const STATES: Record<string, string> = { active: 'Active', invalid: 'Invalid' };

/** ER-SYS-DEFAULT: the four `None` system routes azrs models (docs/semantics.md §4). */
const MODELLED_NONE = new Set(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']);

export function compareAddresses(a: string, b: string): number {
    const x = parseAddress(a), y = parseAddress(b);
    if (x.ok && y.ok) return x.address - y.address;
    return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(map: Record<string, string>, text: string): string | undefined {
    return map[text.toLowerCase()];
}

/**
 * Azure's rows: canonical spellings, one row per prefix, ECMP entries merged (one entry per next
 * hop, or one entry with several: both give one row). Rows of kinds azrs does not model go to
 * `setAside` unless `strict`. Throws ActualInputError for a prefix or IP that is not one.
 */
export function normaliseAzure(table: RawEffectiveRouteTable, strict: boolean): { rows: NormalRoute[]; setAside: SetAside[] } {
    const merged = new Map<string, { source: string; state: string; prefix: Prefix; nextHopType: string; ips: Set<string>; line: number }>();
    const setAside: SetAside[] = [];
    for (const entry of table.routes) {
        const source = canonical(SOURCES, entry.source);
        if (!source) throw new ActualInputError(table.file, entry.line, `unknown source '${entry.source}' (expected Default, User or VirtualNetworkGateway)`);
        const state = canonical(STATES, entry.state);
        if (!state) throw new ActualInputError(table.file, entry.line, `unknown state '${entry.state}' (expected Active or Invalid)`);
        const ips = entry.nextHopIpAddress.map(ip => {
            const parsed = parseAddress(ip);
            if (!parsed.ok) throw new ActualInputError(table.file, entry.line, `'${ip}' is not an IPv4 next hop address`);
            return ip;
        });
        for (const text of entry.addressPrefix) {
            const typeKey = entry.nextHopType.toLowerCase();
            const notModelled = NOT_MODELLED_TYPES[typeKey]
                ?? (canonical(NEXT_HOP_TYPES, entry.nextHopType) ? undefined : `next hop type '${entry.nextHopType}', which azrs does not know`);
            if (text.includes(':')) {
                setAside.push({ prefix: text, line: entry.line, reason: 'an IPv6 route (azrs models IPv4)' });
                continue;
            }
            const parsed = parsePrefix(text);
            if (!parsed.ok && parsed.reason === 'invalid') throw new ActualInputError(table.file, entry.line, `'${text}' is not an address prefix`);
            const prefix = parsed.ok ? parsed.prefix : parsed.normalized;
            const type = canonical(NEXT_HOP_TYPES, entry.nextHopType) ?? entry.nextHopType;
            const platformNone = source === 'Default' && type === 'None' && !MODELLED_NONE.has(prefix.text);
            if (!strict && (notModelled || platformNone)) {
                setAside.push({
                    prefix: prefix.text, line: entry.line,
                    reason: notModelled ?? 'a platform None route (127.0.0.0/8, 198.18.0.0/15, Microsoft-internal ranges): azrs models only the four private ranges'
                });
                continue;
            }
            const key = `${source}|${state}|${prefix.text}|${type}`;
            const row = merged.get(key);
            if (row) for (const ip of ips) row.ips.add(ip);
            else merged.set(key, { source, state, prefix, nextHopType: type, ips: new Set(ips), line: entry.line });
        }
    }
    const rows = [...merged.values()].map(r => ({
        source: r.source, state: r.state, prefix: r.prefix, nextHopType: r.nextHopType,
        nextHopIps: [...r.ips].sort(compareAddresses), line: r.line
    }));
    return { rows: rows.sort((a, b) => comparePrefixes(a.prefix, b.prefix)), setAside };
}

/** azrs's rows in the same shape. */
export function normaliseAzrs(rows: readonly EffectiveRoute[]): NormalRoute[] {
    return rows.map(row => ({
        source: row.source, state: row.state, prefix: row.addressPrefix, nextHopType: row.nextHopType,
        nextHopIps: [...new Set(row.nextHopIpAddress)].sort(compareAddresses), row
    }));
}
