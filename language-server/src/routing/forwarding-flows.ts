import type { OnPremSite, Prefix, Topology, Vm } from '../model/topology.js';
import { firstUsable } from './forwarding-devices.js';
import type { Forwarding } from './forwarding.js';
import type { FlowTrace, PathTrace } from './forwarding-types.js';
import { partitionPoint } from '../model/search.js';

/**
 * The flows that `azrs check` and `azrs trace --all-sites` examine (docs/semantics.md §6.9): every VM to
 * the first usable address of each on-premises site prefix, and back.
 */

/**
 * One on-premises prefix as a destination, standing for the prefixes of the same site that no
 * other range of the topology tells apart (`prefixes`, see `siteTargets`).
 */
export interface SiteTarget {
    readonly site: OnPremSite;
    /** The first prefix of the class. */
    readonly prefix: Prefix;
    /** Every prefix of the site this target stands for, `prefix` first. */
    readonly prefixes: readonly Prefix[];
    /** The first prefix's first usable address. */
    readonly address: number;
}

/** One VM to one site prefix: the trace both ways and, when the forward path failed, the site's own path to the VM. */
export interface SiteFlow {
    readonly vm: Vm;
    readonly target: SiteTarget;
    readonly trace: FlowTrace;
    /** The site to the VM, walked on its own when the VM's packet was not delivered (so no reply was traced). */
    readonly inbound: PathTrace | undefined;
}

/**
 * Every site prefix, sites by name, prefixes in the order written; prefixes of one site are one
 * target when the same set of other ranges overlaps each of them (VNet ranges, subnets, user
 * routes, NVA advertisements, other sites' prefixes). A site's prefixes travel together through
 * BGP (same origin, same AS paths), so only such a range can route one of them apart from the
 * others; tracing one of them stands for all (a landing zone's site of a thousand /27s is one
 * flow per VM instead of a thousand).
 */
export function siteTargets(topology: Topology): readonly SiteTarget[] {
    let cached = targetCache.get(topology);
    if (!cached) targetCache.set(topology, cached = computeSiteTargets(topology));
    return cached;
}

/** One computation per topology: the checks, the intents and --all-sites share it. */
const targetCache = new WeakMap<Topology, readonly SiteTarget[]>();

function computeSiteTargets(topology: Topology): SiteTarget[] {
    const boundaries = boundaryRanges(topology);
    const out: SiteTarget[] = [];
    for (const site of [...topology.sites].sort(byName)) {
        const classes = new Map<string, Prefix[]>();
        for (const prefix of site.prefixes) {
            const key = boundaries.overlapping(prefix, site);
            const list = classes.get(key);
            if (list) list.push(prefix);
            else classes.set(key, [prefix]);
        }
        for (const prefixes of classes.values()) out.push({ site, prefix: prefixes[0], prefixes, address: firstUsable(prefixes[0]) });
    }
    return out;
}

interface Boundary { readonly prefix: Prefix; readonly id: number; readonly site: OnPremSite | undefined }

/**
 * The ranges that can route one site prefix apart from another: for a prefix, the key lists the
 * ranges that contain it or equal it (one lookup per distinct length) and those inside it
 * (a binary search over ranges sorted by address).
 */
function boundaryRanges(topology: Topology): { overlapping(prefix: Prefix, own: OnPremSite): string } {
    const byLength = new Map<number, Map<number, Boundary[]>>();
    const sorted: Boundary[] = [];
    let id = 0;
    const add = (prefix: Prefix | undefined, site?: OnPremSite) => {
        if (!prefix) return;
        const b = { prefix, id: id++, site };
        let level = byLength.get(prefix.length);
        if (!level) byLength.set(prefix.length, level = new Map());
        const list = level.get(prefix.network);
        if (list) list.push(b);
        else level.set(prefix.network, [b]);
        sorted.push(b);
    };
    for (const vnet of topology.vnets) {
        vnet.addressSpace.forEach(r => add(r));
        vnet.subnets.forEach(s => add(s.prefix));
        vnet.nvas.forEach(n => n.advertises.forEach(p => add(p)));
    }
    for (const table of topology.routeTables) table.routes.forEach(r => add(r.prefix));
    for (const site of topology.sites) site.prefixes.forEach(p => add(p, site));
    sorted.sort((a, b) => a.prefix.first - b.prefix.first);
    const lengths = [...byLength.keys()].sort((a, b) => a - b);
    return {
        overlapping(prefix, own) {
            const ids: number[] = [];
            for (const length of lengths) {
                if (length > prefix.length) break;
                const network = length === 0 ? 0 : ((prefix.network >>> (32 - length)) << (32 - length)) >>> 0;
                for (const b of byLength.get(length)!.get(network) ?? []) if (b.site !== own) ids.push(b.id);
            }
            const lo = partitionPoint(sorted.length, i => sorted[i].prefix.first < prefix.first);
            for (let i = lo; i < sorted.length && sorted[i].prefix.first <= prefix.last; i++) {
                const b = sorted[i];
                if (b.prefix.length > prefix.length && b.site !== own) ids.push(b.id);
            }
            return ids.sort((x, y) => x - y).join(',');
        }
    };
}

/** Every VM with an address, by name. */
export function tracedVms(topology: Topology): Vm[] {
    return topology.vnets.flatMap(v => v.vms).filter(vm => vm.ip !== undefined).sort(byName);
}

/** §6.9: every VM to every site target and back; VMs by name, then targets in `siteTargets` order. */
export function siteFlows(topology: Topology, forwarding: Forwarding): SiteFlow[] {
    const flows: SiteFlow[] = [];
    forEachSiteFlow(topology, forwarding, flow => flows.push(flow));
    return flows;
}

/** The same flows, one at a time, so that a check over a landing zone keeps none of them. */
export function forEachSiteFlow(topology: Topology, forwarding: Forwarding, visit: (flow: SiteFlow) => void): void {
    const targets = siteTargets(topology);
    for (const vm of tracedVms(topology)) {
        for (const target of targets) {
            const trace = forwarding.trace(vm, target.address);
            const inbound = trace.reply ? undefined : forwarding.walk(target.site, target.address, vm.ip!);
            visit({ vm, target, trace, inbound });
        }
    }
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
