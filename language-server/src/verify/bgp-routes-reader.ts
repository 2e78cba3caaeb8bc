import { isObject } from './effective-routes-reader.js';
import { parseJsonWithLines } from './json-lines.js';
import { readTextTable } from './text-table.js';
import { ActualInputError, type RawBgpRoute } from './types.js';

/**
 * Readers for BGP route lists:
 * - `az network routeserver peering list-learned-routes` / `list-advertised-routes -o json`:
 *   `{"RouteServiceRole_IN_0": [...], "RouteServiceRole_IN_1": [...], "value": null}`, one list per
 *   Route Server instance, entries `{localAddress, network, nextHop, sourcePeer, origin, asPath,
 *   weight}` with `asPath` hyphen-joined (`65002-65001`) (REST example VirtualRouterPeerListLearnedRoute);
 * - `az network vnet-gateway list-learned-routes -o json`: `{"value": [...]}` with the same entry
 *   keys, `origin` Network / EBgp / IBgp; or its `-o table` (columns Network, NextHop, Origin,
 *   SourcePeer, AsPath, Weight, LocalAddress).
 */

const INSTANCE_KEY = /^RouteServiceRole_IN_\d+$/i;

export function readRouteServerRoutes(file: string, text: string): RawBgpRoute[] {
    const json = parseJsonWithLines(file, text);
    const root = json.value;
    if (!isObject(root)) throw new ActualInputError(file, 1, 'expected the output of az network routeserver peering list-learned-routes (or list-advertised-routes) -o json: an object with RouteServiceRole_IN_0 and RouteServiceRole_IN_1');
    const routes: RawBgpRoute[] = [];
    let instances = 0;
    for (const [key, list] of Object.entries(root)) {
        if (key === 'value' && (list === null || (Array.isArray(list) && list.length === 0))) continue;
        if (!INSTANCE_KEY.test(key)) {
            throw new ActualInputError(file, json.lineOf([key]), `unexpected key "${key}" (expected RouteServiceRole_IN_0, RouteServiceRole_IN_1)`);
        }
        if (!Array.isArray(list)) throw new ActualInputError(file, json.lineOf([key]), `"${key}" is not a list`);
        instances++;
        list.forEach((entry, i) => routes.push(readEntry(file, entry, json.lineOf([key, i]), key)));
    }
    if (instances === 0) throw new ActualInputError(file, 1, 'no RouteServiceRole_IN_0 or RouteServiceRole_IN_1 list');
    return routes;
}

export function readGatewayRoutes(file: string, text: string, format: 'json' | 'table'): RawBgpRoute[] {
    if (format === 'table') {
        const rows = readTextTable(file, text, {
            network: 'network', nexthop: 'nextHop', origin: 'origin', sourcepeer: 'sourcePeer',
            aspath: 'asPath', weight: 'weight', localaddress: 'localAddress'
        }, ['network', 'origin'], 'Network, NextHop, Origin, SourcePeer, AsPath, Weight');
        return rows.map(r => readEntry(file, r.cells, r.line, undefined));
    }
    const json = parseJsonWithLines(file, text);
    const root = json.value;
    const entries = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.value) ? root.value : undefined;
    if (!entries) throw new ActualInputError(file, 1, 'expected the output of az network vnet-gateway list-learned-routes -o json: an object with a "value" array');
    const base: (string | number)[] = Array.isArray(root) ? [] : ['value'];
    return entries.map((entry: unknown, i: number) => readEntry(file, entry, json.lineOf([...base, i]), undefined));
}

function readEntry(file: string, entry: unknown, line: number, instance: string | undefined): RawBgpRoute {
    if (!isObject(entry)) throw new ActualInputError(file, line, 'a route entry is not an object');
    const text = (key: string, required: boolean): string => {
        const v = entry[key];
        if (v === undefined || v === null || v === '') {
            if (required) throw new ActualInputError(file, line, `the route entry has no "${key}"`);
            return '';
        }
        if (typeof v !== 'string') throw new ActualInputError(file, line, `"${key}" is not a string`);
        return v.trim();
    };
    const asPathText = text('asPath', false);
    const asPath = asPathText ? asPathText.split(/[-\s,]+/).filter(Boolean).map(part => {
        if (!/^\d+$/.test(part)) throw new ActualInputError(file, line, `the AS path '${asPathText}' holds '${part}', which is not an ASN`);
        return Number(part);
    }) : [];
    return {
        network: text('network', true),
        nextHop: text('nextHop', false),
        asPath,
        origin: text('origin', false),
        sourcePeer: text('sourcePeer', false),
        instance,
        line
    };
}
