import type { BgpSession, Firewall, Gateway, Nva, RouteServer, Topology, VNet } from '../model/topology.js';
import type { Failure } from './failures.js';

/**
 * A topology with one failure applied, as a copy: the user's topology (and the files behind it)
 * is never changed. The copy is made by a generic walk over the plain objects of `Topology`, so
 * elements a later grammar adds (firewalls, intents) are carried over without this file knowing
 * them; only immutable leaves (prefixes, source positions) are shared with the original.
 *
 * How a failure is applied, like `state: down` (docs/semantics.md §1, §6):
 * - an NVA gets `state: 'down'`: its sessions carry nothing and the forwarding walk stops at it
 *   (`nva-down`);
 * - a firewall gets `state: 'down'`: it keeps its address and the user routes to it, and the
 *   forwarding walk stops at it (`nva-down`), as a packet sent to a dead firewall is lost;
 * - a route server or gateway is taken out of its VNet, with the `bgp` sessions that name it:
 *   it programs nothing and exchanges nothing (a gateway takes its connections with it);
 * - a connection `gateway->site` is taken out of the gateway's `connections`.
 */
export interface DerivedTopology {
    readonly topology: Topology;
    /** Original object → its copy; removed elements map to nothing. */
    readonly copyOf: <T extends object>(original: T) => T | undefined;
}

/** Leaves that never refer to topology elements, shared between the original and the copy. */
function isSharedLeaf(value: object): boolean {
    const v = value as Record<string, unknown>;
    // Prefix: { text, network, length, first, last }; SourceRef: { uri, range }; a range or position.
    if (typeof v.text === 'string' && typeof v.network === 'number' && typeof v.length === 'number') return true;
    if (typeof v.uri === 'string' && v.range !== undefined) return true;
    if (v.start !== undefined && v.end !== undefined && !('kind' in v)) return true;
    return false;
}

/** Properties that hold only source positions: shared, never copied. */
const SHARED_KEYS: ReadonlySet<string> = new Set(['source', 'refs']);

/** Copies the object graph reachable from `root`; cycles and shared references keep their shape. */
function deepCopy(root: Topology): Map<object, object> {
    const copies = new Map<object, object>();
    const copy = (value: unknown): unknown => {
        if (value === null || typeof value !== 'object') return value;
        const original = value as object;
        const done = copies.get(original);
        if (done) return done;
        if (isSharedLeaf(original)) return original;
        if (Array.isArray(original)) {
            // Lists of prefixes, addresses or names (a site's thousand prefixes) hold no element.
            const first: unknown = original[0];
            if (original.length === 0 || first === null || typeof first !== 'object' || isSharedLeaf(first)) return original;
            const out: unknown[] = [];
            copies.set(original, out);
            for (const item of original) out.push(copy(item));
            return out;
        }
        if (original instanceof Map) {
            const out = new Map<unknown, unknown>();
            copies.set(original, out);
            for (const [k, v] of original) out.set(copy(k), copy(v));
            return out;
        }
        if (original instanceof Set) {
            const out = new Set<unknown>();
            copies.set(original, out);
            for (const v of original) out.add(copy(v));
            return out;
        }
        const proto = Object.getPrototypeOf(original);
        if (proto !== Object.prototype && proto !== null) return original;
        const out: Record<string, unknown> = {};
        copies.set(original, out);
        for (const key of Object.keys(original)) {
            const v = (original as Record<string, unknown>)[key];
            out[key] = SHARED_KEYS.has(key) ? v : copy(v);
        }
        return out;
    };
    copy(root);
    return copies;
}

/**
 * A copy of every element of the topology (prefixes and source positions shared), to be changed
 * without touching the original: `copyOf` maps an original element to its copy. Also used by the
 * quick fixes' what-if (validation/fix-check.ts), whose changes reach elements many others point at.
 */
export function copyTopology(topology: Topology): DerivedTopology {
    const copies = deepCopy(topology);
    const copyOf = <T extends object>(original: T) => copies.get(original) as T | undefined;
    return { topology: copyOf(topology)!, copyOf };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The topology with `failure` applied (see the module comment). Costs one copy of the topology. */
export function deriveTopology(topology: Topology, failure: Failure): DerivedTopology {
    const { topology: derived, copyOf } = copyTopology(topology);
    const removed = new Set<object>();

    for (const el of failure.elements) {
        const c = copyOf(el) as Writable<Nva> | Writable<RouteServer> | Writable<Gateway> | Writable<Firewall> | undefined;
        if (!c) continue;
        if (c.kind === 'nva') {
            c.state = 'down';
        } else if (c.kind === 'routeServer') {
            const vnet = c.vnet as Writable<VNet>;
            vnet.routeServers = vnet.routeServers.filter(rs => rs !== c);
            removed.add(c);
        } else if (c.kind === 'gateway') {
            const vnet = c.vnet as Writable<VNet>;
            vnet.gateways = vnet.gateways.filter(gw => gw !== c);
            removed.add(c);
        } else if (c.kind === 'firewall') {
            c.state = 'down';
        }
    }
    for (const conn of failure.connections) {
        const gw = copyOf(conn.gateway) as Writable<Gateway> | undefined;
        const site = copyOf(conn.site);
        if (gw) gw.connections = gw.connections.filter(s => s !== site);
    }
    if (removed.size > 0) {
        // A VNet-to-VNet connection to a removed gateway is down on the other side too.
        for (const vnet of derived.vnets) {
            for (const gw of vnet.gateways as Writable<Gateway>[]) {
                if (gw.vnetConnections?.some(g => removed.has(g))) gw.vnetConnections = gw.vnetConnections.filter(g => !removed.has(g));
            }
        }
        const t = derived as Writable<Topology>;
        t.sessions = t.sessions.filter((s: BgpSession) => !removed.has(s.left) && !removed.has(s.right));
        const byName = new Map(t.byName);
        for (const el of removed) {
            const name = (el as { name: string }).name;
            if (byName.get(name) === el) byName.delete(name);
        }
        t.byName = byName;
    }
    return {
        topology: derived,
        copyOf: <T extends object>(original: T) => {
            const c = copyOf(original);
            return c && removed.has(c) ? undefined : c;
        }
    };
}
