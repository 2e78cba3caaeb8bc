import { parseJsonWithLines } from './json-lines.js';
import { readTextTable } from './text-table.js';
import { ActualInputError, type RawEffectiveRoute, type RawEffectiveRouteTable } from './types.js';

/**
 * Readers for `az network nic show-effective-route-table`:
 * - `-o json`: `{"nextLink": null, "value": [{source, state, addressPrefix: [...], nextHopType,
 *   nextHopIpAddress: [...], name, disableBgpRoutePropagation, ...}]}` (keys beyond these, such as
 *   `hasBgpOverride` and `tagMap`, are read past), or the `value` array alone (`--query value`);
 * - `-o table`: az's columns `Source State Address Prefix Next Hop Type Next Hop IP` (lists joined
 *   with spaces, azure-cli `network/_format.py`), or a `--query` projection naming the same fields
 *   (`Source Prefix State NextHopType NextHopIP`, as lab scripts print), in any order.
 */

const TABLE_COLUMNS: Record<string, string> = {
    source: 'source',
    state: 'state',
    addressprefix: 'addressPrefix', addressprefixes: 'addressPrefix', prefix: 'addressPrefix', prefixes: 'addressPrefix',
    nexthoptype: 'nextHopType',
    nexthopip: 'nextHopIpAddress', nexthopipaddress: 'nextHopIpAddress', nexthopips: 'nextHopIpAddress'
};
const TABLE_EXPECTED = 'Source, State, Address Prefix, Next Hop Type, Next Hop IP';

export function readEffectiveRoutes(file: string, text: string, format: 'json' | 'table'): RawEffectiveRouteTable {
    return { file, format, routes: format === 'json' ? readJson(file, text) : readTable(file, text) };
}

function readTable(file: string, text: string): RawEffectiveRoute[] {
    const rows = readTextTable(file, text, TABLE_COLUMNS, ['source', 'state', 'addressPrefix', 'nextHopType'], TABLE_EXPECTED);
    return rows.map(r => ({
        source: r.cells.source,
        state: r.cells.state,
        addressPrefix: splitList(r.cells.addressPrefix),
        nextHopType: r.cells.nextHopType,
        nextHopIpAddress: splitList(r.cells.nextHopIpAddress ?? ''),
        line: r.line
    })).map(r => {
        for (const key of ['source', 'state', 'nextHopType'] as const) {
            if (!r[key]) throw new ActualInputError(file, r.line, `the row has no ${key}`);
        }
        if (r.addressPrefix.length === 0) throw new ActualInputError(file, r.line, 'the row has no address prefix');
        return r;
    });
}

/** az joins lists with spaces; azrs's own table with `, ` and shows `-` for none. */
function splitList(cell: string): string[] {
    return cell.split(/[\s,]+/).filter(s => s && s !== '-');
}

function readJson(file: string, text: string): RawEffectiveRoute[] {
    const json = parseJsonWithLines(file, text);
    const root = json.value;
    const entries = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.value) ? root.value : undefined;
    if (!entries) {
        throw new ActualInputError(file, 1, 'expected the output of az network nic show-effective-route-table -o json: an object with a "value" array');
    }
    const base: (string | number)[] = Array.isArray(root) ? [] : ['value'];
    return entries.map((entry: unknown, i: number) => {
        const line = json.lineOf([...base, i]);
        if (!isObject(entry)) throw new ActualInputError(file, line, 'a route entry is not an object');
        const str = (key: string): string => {
            const v = entry[key];
            if (typeof v !== 'string' || !v) throw new ActualInputError(file, line, `the route entry has no "${key}" string`);
            return v;
        };
        const list = (key: string, required: boolean): string[] => {
            const v = entry[key];
            if (v === undefined || v === null) {
                if (required) throw new ActualInputError(file, line, `the route entry has no "${key}"`);
                return [];
            }
            if (typeof v === 'string') return [v];
            if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) throw new ActualInputError(file, line, `"${key}" is not a list of strings`);
            return v as string[];
        };
        const addressPrefix = list('addressPrefix', true);
        if (addressPrefix.length === 0) throw new ActualInputError(file, line, 'the route entry has an empty "addressPrefix"');
        return {
            source: str('source'),
            state: str('state'),
            addressPrefix,
            nextHopType: str('nextHopType'),
            nextHopIpAddress: list('nextHopIpAddress', false),
            line
        };
    });
}

export function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
