import type { EffectiveRoute } from './types.js';

/** Effective routes as `az network nic show-effective-route-table` prints them (docs/language.md §5). */

export interface AzEffectiveRoute {
    source: EffectiveRoute['source'];
    state: EffectiveRoute['state'];
    addressPrefix: string[];
    nextHopType: EffectiveRoute['nextHopType'];
    nextHopIpAddress: string[];
    name: string | null;
    disableBgpRoutePropagation: boolean;
}

export interface AzEffectiveRouteTable {
    value: AzEffectiveRoute[];
}

/** The `-o json` object, keys in az's order; `JSON.stringify` it to print. */
export function toAzJson(rows: readonly EffectiveRoute[]): AzEffectiveRouteTable {
    return {
        value: rows.map(r => ({
            source: r.source,
            state: r.state,
            addressPrefix: [r.addressPrefix.text],
            nextHopType: r.nextHopType,
            nextHopIpAddress: [...r.nextHopIpAddress],
            name: r.name,
            disableBgpRoutePropagation: r.disableBgpRoutePropagation
        }))
    };
}

const HEADERS = ['Source', 'State', 'Address prefixes', 'Next hop type', 'Next hop IP'] as const;
/** The portal's last column (docs/language.md §5, v2): the user route's name, `-` for other rows. */
const NAME_HEADER = 'User defined route name';

function cells(r: EffectiveRoute): string[] {
    return [r.source, r.state, r.addressPrefix.text, r.nextHopType, r.nextHopIpAddress.join(', ') || '-'];
}

/**
 * The portal's Effective routes blade as text: `text` aligns columns for a terminal
 * (`azrs routes --format table`) and ends with the portal's "User defined route name" column;
 * `markdown` gives the five-column table of hovers (docs/language.md §4).
 */
export function formatRouteTable(rows: readonly EffectiveRoute[], style: 'text' | 'markdown' = 'text'): string {
    if (style === 'markdown') {
        const line = (c: readonly string[]) => `| ${c.join(' | ')} |`;
        return [line(HEADERS), line(HEADERS.map(() => '---')), ...rows.map(cells).map(line)].join('\n');
    }
    const headers = [...HEADERS, NAME_HEADER];
    const body = rows.map(r => [...cells(r), r.name ?? '-']);
    const widths = headers.map((h, i) => Math.max(h.length, ...body.map(c => c[i].length)));
    const line = (c: readonly string[]) => c.map((v, i) => i === c.length - 1 ? v : v.padEnd(widths[i])).join('  ');
    return [line(headers), line(widths.map(w => '-'.repeat(w))), ...body.map(line)].join('\n');
}
