import type { Subnet, Topology } from '../model/topology.js';
import type { RoutingResult } from '../routing/index.js';
import { explainMissing, explainRow } from './explain.js';
import { normaliseAzrs, normaliseAzure, type NormalRoute } from './normalise.js';
import {
    ActualInputError, type ActualFileName, type ComparedRow, type ElementVerification, type NotModelledRow,
    type RawEffectiveRouteTable, type VerifyDifference, type VerifyRouteSide
} from './types.js';

/** The NIC an effective-route file belongs to: its label (`vm1`, `fw1/trust`), subnet and element. */
export interface ResolvedNic {
    readonly label: string;
    readonly subnet: Subnet;
    readonly target: object;
}

/** Resolves `<vm>`, `<nva>` (its first NIC) or `<nva>.<nic>`. Throws ActualInputError naming the file. */
export function resolveNic(topology: Topology, name: ActualFileName, file: string): ResolvedNic {
    const el = topology.byName.get(name.element);
    if (el?.kind === 'vm' && name.sub === undefined) return { label: el.name, subnet: el.subnet, target: el };
    if (el?.kind === 'nva') {
        // (v2) An NVA written with `ip:` has one NIC named after it; the first NIC is the NVA's own.
        const nic = name.sub === undefined ? el.nics[0] : el.nics.find(n => n.name === name.sub);
        if (nic) return { label: name.sub === undefined ? el.name : `${el.name}/${nic.name}`, subnet: nic.subnet, target: nic.primary ? el : nic };
        throw new ActualInputError(file, undefined, `NVA '${el.name}' has no NIC '${name.sub}' (it has: ${el.nics.map(n => n.name).join(', ')})`);
    }
    const what = el ? `'${name.element}' is a ${el.kind}, not a VM or NVA` : `no VM or NVA named '${name.element}' in the topology`;
    throw new ActualInputError(file, undefined, what);
}

function side(r: NormalRoute): VerifyRouteSide {
    return { source: r.source, state: r.state, nextHopType: r.nextHopType, nextHopIpAddress: r.nextHopIps };
}

function sideText(s: VerifyRouteSide): string {
    const ips = s.nextHopIpAddress.length ? ` ${s.nextHopIpAddress.join(', ')}` : '';
    return `${s.source}, ${s.state}, next hop ${s.nextHopType}${ips}`;
}

/**
 * Compares one effective-route file with azrs's table for the same NIC. Rows pair up by prefix and
 * source; a pair that differs in state, next hop type or next hop IPs is `verify-route-different`.
 * BGP rows from a gateway without `nextHopIps` are compared without their next hop IPs (azrs
 * cannot know Azure's gateway and edge addresses).
 */
export function compareRouteTable(
    topology: Topology, routing: RoutingResult, name: ActualFileName, table: RawEffectiveRouteTable, strict: boolean
): ElementVerification {
    const nic = resolveNic(topology, name, table.file);
    const azrsRows = routing.effectiveRoutes(nic.subnet);
    const { rows: azure, setAside } = normaliseAzure(table, strict);
    const notModelled: NotModelledRow[] = setAside.map(s => ({
        file: table.file, line: s.line, element: nic.label, addressPrefix: s.prefix, side: 'azure', reason: s.reason
    }));
    let azrs = normaliseAzrs(azrsRows);
    // A table without a single None row was filtered (lab scripts query `nextHopType != 'None'`).
    if (!strict && !table.routes.some(r => r.nextHopType.toLowerCase() === 'none')) {
        for (const r of azrs.filter(r => r.nextHopType === 'None')) {
            notModelled.push({
                file: table.file, line: undefined, element: nic.label, addressPrefix: r.prefix.text, side: 'azrs',
                reason: 'Azure\'s file shows no None route at all (filtered by a --query): azrs\'s None routes are not compared'
            });
        }
        azrs = azrs.filter(r => r.nextHopType !== 'None');
    }
    const compareIps = (z: NormalRoute): boolean => {
        const p = z.row?.provenance;
        return !(p?.kind === 'bgp' && p.programmed.by.kind === 'gateway' && p.programmed.by.nextHopIps.length === 0);
    };
    const differs = (a: NormalRoute, z: NormalRoute): string[] => {
        const fields: string[] = [];
        if (a.state !== z.state) fields.push('state');
        if (a.nextHopType !== z.nextHopType) fields.push('nextHopType');
        if (compareIps(z) && a.nextHopIps.join(',') !== z.nextHopIps.join(',')) fields.push('nextHopIpAddress');
        return fields;
    };
    const groups = new Map<string, { azure: NormalRoute[]; azrs: NormalRoute[] }>();
    const group = (r: NormalRoute) => {
        const key = `${r.prefix.text}|${r.source}`;
        let g = groups.get(key);
        if (!g) groups.set(key, g = { azure: [], azrs: [] });
        return g;
    };
    for (const r of azure) group(r).azure.push(r);
    for (const r of azrs) group(r).azrs.push(r);

    const rows: ComparedRow[] = [];
    const differences: VerifyDifference[] = [];
    let matched = 0;
    const base = { file: table.file, element: nic.label };
    for (const g of groups.values()) {
        // Equal rows first, then the rest in order: a changed next hop is one difference, not two.
        const restA: NormalRoute[] = [];
        const restZ = [...g.azrs];
        for (const a of g.azure) {
            const i = restZ.findIndex(z => differs(a, z).length === 0);
            if (i >= 0) {
                const [z] = restZ.splice(i, 1);
                matched++;
                rows.push({ addressPrefix: a.prefix.text, azure: side(a), azrs: side(z), agrees: true });
            } else restA.push(a);
        }
        for (const a of restA) {
            const z = restZ.shift();
            const prefix = a.prefix.text;
            if (z) {
                const fields = differs(a, z);
                const explanation = explainRow(z.row!, azrsRows);
                rows.push({ addressPrefix: prefix, azure: side(a), azrs: side(z), agrees: false });
                differences.push({
                    ...base, code: 'verify-route-different', line: a.line, addressPrefix: prefix, azure: side(a), azrs: side(z), fields, explanation,
                    message: `${prefix} on ${nic.label} differs in ${fields.join(', ')}: Azure ${sideText(side(a))}; azrs ${sideText(side(z))} (azrs: ${explanation})`
                });
            } else {
                const explanation = explainMissing(a.prefix, a.source, nic.subnet, routing);
                rows.push({ addressPrefix: prefix, azure: side(a), azrs: null, agrees: false });
                differences.push({
                    ...base, code: 'verify-route-missing', line: a.line, addressPrefix: prefix, azure: side(a), azrs: null, explanation,
                    message: `Azure has ${prefix} (${sideText(side(a))}) on ${nic.label}, azrs does not: ${explanation}`
                });
            }
        }
        for (const z of restZ) {
            const prefix = z.prefix.text;
            const explanation = explainRow(z.row!, azrsRows);
            rows.push({ addressPrefix: prefix, azure: null, azrs: side(z), agrees: false });
            differences.push({
                ...base, code: 'verify-route-extra', line: undefined, addressPrefix: prefix, azure: null, azrs: side(z), explanation,
                message: `azrs has ${prefix} (${sideText(side(z))}) on ${nic.label}, Azure's table does not (azrs: ${explanation})`
            });
        }
    }
    return { file: table.file, kind: 'effective-routes', element: nic.label, target: nic.target, matched, rows, differences, notModelled };
}
