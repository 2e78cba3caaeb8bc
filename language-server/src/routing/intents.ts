import { formatAddress } from '../model/prefix.js';
import type { Firewall, Intent, IntentEnd, Nva, Topology } from '../model/topology.js';
import { siteTargets, type SiteTarget } from './forwarding-flows.js';
import { describe } from './forwarding-text.js';
import type { Branch, FlowTrace, Hop, TraceSource } from './forwarding-types.js';
import type { Forwarding } from './forwarding.js';

/**
 * Reachability intents (docs/semantics.md §6.8, docs/language.md §2 v2): every flow an intent names is
 * traced both ways and compared with what the intent asks.
 */

/** One flow of an intent and whether it holds. */
export interface IntentFlow {
    readonly trace: FlowTrace;
    /** Undefined when the flow holds; otherwise the first hop where the path departs from the intent, in words. */
    readonly departure: string | undefined;
}

export interface IntentResult {
    readonly intent: Intent;
    readonly flows: readonly IntentFlow[];
    readonly holds: boolean;
    /** The first failing flow's departure, prefixed by the flow; undefined when the intent holds or names nothing to trace. */
    readonly message: string | undefined;
}

/**
 * The sources an end stands for: a VM, NVA or firewall itself; a subnet's or VNet's VMs; a site
 * itself (docs/language.md §2: a VNet or subnet as an end means each of its VMs).
 */
function sources(end: IntentEnd | undefined): TraceSource[] {
    if (!end) return [];
    switch (end.kind) {
        case 'vm': case 'nva': case 'firewall': case 'onprem': return [end];
        case 'subnet': case 'vnet': return [...end.vms];
        case 'address': return [];
    }
}

/**
 * The destination addresses an end stands for: an address; a device's IP; a subnet's or VNet's VMs' IPs; a
 * site's prefixes' first usable addresses, one per class of prefixes that no other range tells
 * apart (`siteTargets`: they take the same paths, so a site of a thousand /27s is one flow).
 */
function destinations(end: IntentEnd | undefined, targets: readonly SiteTarget[]): number[] {
    if (!end) return [];
    switch (end.kind) {
        case 'address': return [end.address];
        case 'vm': case 'nva': case 'firewall': return end.ip === undefined ? [] : [end.ip];
        case 'subnet': case 'vnet': return end.vms.flatMap(vm => (vm.ip === undefined ? [] : [vm.ip]));
        case 'onprem': return targets.filter(t => t.site === end).map(t => t.address);
    }
}

/** Checks one intent over every flow it names (sources × destinations). */
export function evaluateIntent(intent: Intent, forwarding: Forwarding, targets: readonly SiteTarget[] = siteTargets(forwarding.topology)): IntentResult {
    const flows: IntentFlow[] = [];
    for (const from of sources(intent.from)) {
        if (from.kind !== 'onprem' && from.ip === undefined) continue;
        if (from.kind === 'onprem' && from.prefixes.length === 0) continue;
        for (const dst of destinations(intent.to, targets)) {
            const trace = forwarding.trace(from, dst);
            flows.push({ trace, departure: departure(intent, trace, forwarding.topology) });
        }
    }
    const failing = flows.find(f => f.departure !== undefined);
    return {
        intent, flows, holds: !failing,
        message: failing ? `${failing.trace.from.name} -> ${formatAddress(failing.trace.destination)}: ${failing.departure}` : undefined
    };
}

/** Every intent of the topology, in file order. */
export function evaluateIntents(topology: Topology, forwarding: Forwarding): IntentResult[] {
    if (topology.intents.length === 0) return [];
    const targets = siteTargets(topology);
    return topology.intents.map(i => evaluateIntent(i, forwarding, targets));
}

/** §6.8: why a flow breaks the intent, naming the first hop where the path departs; undefined when it holds. */
function departure(intent: Intent, t: FlowTrace, topology: Topology): string | undefined {
    if (!intent.reachable) {
        const delivered = t.forward.branches.find(b => b.disposition === 'delivered');
        if (!delivered) return undefined;
        return `it should not be reachable, but the path ${devices(delivered)} delivers it`;
    }
    for (const b of t.forward.branches) {
        if (b.disposition === 'delivered') continue;
        if (b.disposition === 'exits-to-internet' && outsideEveryRange(t.destination, topology)) continue;
        const last = b.hops[b.hops.length - 1];
        return `the path ${devices(b)} ends ${b.disposition} at hop ${last.hop} (${last.device.name}): ${b.reason}`;
    }
    for (const b of t.reply?.branches ?? []) {
        if (b.disposition === 'delivered') continue;
        const last = b.hops[b.hops.length - 1];
        return `the reply ${devices(b)} ends ${b.disposition} at hop ${last.hop} (${last.device.name}): ${b.reason}`;
    }
    if (intent.via.length > 0) {
        for (const b of t.forward.branches) {
            if (b.disposition !== 'delivered') continue;
            const miss = missingVia(b, intent.via);
            if (miss) return `the path ${devices(b)} ${miss}`;
        }
        for (const b of t.reply?.branches ?? []) {
            const miss = missingVia(b, [...intent.via].reverse());
            if (miss) return `the reply ${devices(b)} ${miss}`;
        }
    }
    return undefined;
}

/**
 * The `via` devices in order along a branch; when one is missing, the hop after the last one
 * matched (skipping a site's hop into Azure, which has no choice) names where it departs.
 */
function missingVia(b: Branch, via: readonly (Nva | Firewall)[]): string | undefined {
    let at = 0;
    let lastMatch = -1;
    for (const v of via) {
        const i = b.hops.findIndex((h, k) => k > lastMatch && h.device === v);
        if (i < 0) {
            let k = lastMatch + 1;
            while (k < b.hops.length - 1 && b.hops[k].device.kind === 'onprem') k++;
            const hop: Hop | undefined = b.hops[k];
            const where = hop?.route
                ? `: at hop ${hop.hop}, ${hop.device.name} sends it to ${hop.nextHop?.name ?? 'nowhere'} by ${hop.route.addressPrefix} (${hop.why})`
                : '';
            return `does not cross ${describe(v)}${at > 0 ? ` after ${via.slice(0, at).map(x => x.name).join(', ')}` : ''}${where}`;
        }
        lastMatch = i;
        at++;
    }
    return undefined;
}

function devices(b: Branch): string {
    return b.hops.map(h => h.device.name).join(' > ');
}

/** Whether an address lies outside every VNet range and site prefix (an internet address: no reply to expect). */
function outsideEveryRange(address: number, topology: Topology): boolean {
    const inside = (p: { first: number; last: number }) => address >= p.first && address <= p.last;
    return !topology.vnets.some(v => v.addressSpace.some(inside)) && !topology.sites.some(s => s.prefixes.some(inside));
}
