import * as fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ImportedModel, ImportedSession } from './imported-model.js';
import { ImportError, isObject } from './resources.js';

/**
 * The overlay: what no export holds (research/import-verify.md §1 "Not in any export"), keyed by
 * NVA or site name (the azrs name, the VM name or a NIC name), YAML or JSON:
 *
 * ```yaml
 * fw1: { asn: 65010, advertises: [0.0.0.0/0], asOverride: true, sessions: { rs0: { asPathPrepend: 1 } }, peers: [branch] }
 * dc1: { asn: 65021, prefixes: [10.2.13.0/25] }   # a site: its prefixes behind ExpressRoute
 * branch: { asn: 65005, prefixes: [10.5.1.0/24] } # a name no source has: a new on-premises site
 * ```
 * Entries may also be grouped under `nvas:` and `sites:`. An unknown property is bad input.
 */
export interface OverlayEntry {
    asn?: number;
    advertises?: string[];
    asOverride?: boolean;
    asPathPrepend?: number;
    nextHop?: string;
    state?: 'up' | 'down';
    sessions?: Record<string, { asOverride?: boolean; asPathPrepend?: number }>;
    peers?: string[];
    prefixes?: string[];
    /** The key as written. */
    name?: string;
}

const KEYS = new Set(['asn', 'advertises', 'asOverride', 'asPathPrepend', 'nextHop', 'state', 'sessions', 'peers', 'prefixes']);

export function readOverlay(file: string): Map<string, OverlayEntry> {
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); } catch (e) { throw new ImportError(file, '', `cannot read: ${(e as Error).message}`); }
    let doc: unknown;
    try { doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text); } catch (e) { throw new ImportError(file, '', `not ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`); }
    if (doc === null || doc === undefined) return new Map();
    if (!isObject(doc)) throw new ImportError(file, '$', 'an overlay is a map from NVA or site names to their properties');
    const out = new Map<string, OverlayEntry>();
    const add = (name: string, v: unknown, where: string) => {
        if (!isObject(v)) throw new ImportError(file, where, 'expected a map of properties');
        for (const k of Object.keys(v)) if (!KEYS.has(k)) throw new ImportError(file, `${where}.${k}`, `unknown overlay property (known: ${[...KEYS].join(', ')})`);
        const e = v as OverlayEntry;
        const checkList = (l: unknown, p: string) => { if (l !== undefined && !(Array.isArray(l) && l.every(x => typeof x === 'string'))) throw new ImportError(file, `${where}.${p}`, 'expected a list of prefixes'); };
        checkList(e.advertises, 'advertises');
        checkList(e.prefixes, 'prefixes');
        checkList(e.peers, 'peers');
        for (const p of ['asn', 'asPathPrepend'] as const) if (e[p] !== undefined && !Number.isInteger(e[p])) throw new ImportError(file, `${where}.${p}`, 'expected a whole number');
        out.set(name.toLowerCase(), { ...e, name });
    };
    for (const [k, v] of Object.entries(doc)) {
        if ((k === 'nvas' || k === 'sites') && isObject(v) && Object.values(v).every(isObject) && !Object.keys(v).some(x => KEYS.has(x))) {
            for (const [n, e] of Object.entries(v)) add(n, e, `$.${k}.${n}`);
        } else {
            add(k, v, `$.${k}`);
        }
    }
    return out;
}

/** Applies overlay entries to NVAs, sites and sessions; names no source has become on-premises sites. */
export function applyOverlay(model: ImportedModel, overlay: Map<string, OverlayEntry>, file: string): string[] {
    const used = new Set<string>();
    const notes: string[] = [];
    for (const vnet of model.vnets) for (const nva of vnet.nvas) {
        const keys = [nva.name, ...nva.nics.map(n => n.name), nva.id.split('/').pop() ?? ''].map(k => k.toLowerCase());
        const key = keys.find(k => overlay.has(k));
        if (!key) continue;
        used.add(key);
        const e = overlay.get(key)!;
        if (e.asn !== undefined) nva.asn = e.asn;
        if (e.advertises) { nva.advertises = e.advertises; nva.gap = undefined; }
        if (e.nextHop) nva.nextHop = e.nextHop;
        if (e.state) nva.state = e.state;
        for (const s of model.sessions.filter(s => s.nva === nva.name)) {
            if (e.asOverride !== undefined) s.asOverride = e.asOverride;
            if (e.asPathPrepend !== undefined) s.asPathPrepend = e.asPathPrepend;
            const per = e.sessions?.[s.peer];
            if (per?.asOverride !== undefined) s.asOverride = per.asOverride;
            if (per?.asPathPrepend !== undefined) s.asPathPrepend = per.asPathPrepend;
        }
        for (const peer of e.peers ?? []) {
            const session: ImportedSession = { id: `overlay:${file}`, nva: nva.name, peer };
            const per = e.sessions?.[peer];
            if (per?.asOverride !== undefined) session.asOverride = per.asOverride;
            if (per?.asPathPrepend !== undefined) session.asPathPrepend = per.asPathPrepend;
            model.sessions.push(session);
        }
    }
    for (const site of model.sites) {
        const key = [site.name, site.id.split('/').pop() ?? ''].map(k => k.toLowerCase()).find(k => overlay.has(k));
        if (!key) continue;
        used.add(key);
        const e = overlay.get(key)!;
        if (e.asn !== undefined) site.asn = e.asn;
        if (e.prefixes) { site.prefixes = e.prefixes; site.gap = undefined; }
    }
    for (const [key, e] of overlay) {
        if (used.has(key)) continue;
        if (e.prefixes === undefined && e.asn === undefined) { notes.push(`overlay entry '${key}' matches no NVA or site and declares no site (no prefixes or asn)`); continue; }
        model.sites.push({ id: `overlay:${file}`, name: e.name ?? key, asn: e.asn, prefixes: e.prefixes ?? [] });
        notes.push(`on-premises site '${e.name ?? key}' comes from the overlay only`);
    }
    return notes;
}
