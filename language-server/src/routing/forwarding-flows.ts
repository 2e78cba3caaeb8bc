import type { OnPremSite, Prefix, Topology, Vm } from '../model/topology.js';
import { firstUsable } from './forwarding-devices.js';
import type { Forwarding } from './forwarding.js';
import type { FlowTrace, PathTrace } from './forwarding-types.js';

/**
 * The flows that `azrs check` and `azrs trace --all-sites` examine (SEMANTICS.md §6.9): every VM to
 * the first usable address of each on-premises site prefix, and back.
 */

/** One on-premises prefix as a destination. */
export interface SiteTarget {
    readonly site: OnPremSite;
    readonly prefix: Prefix;
    /** The prefix's first usable address. */
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

/** Every site prefix, sites by name, prefixes in the order written. */
export function siteTargets(topology: Topology): SiteTarget[] {
    return [...topology.sites].sort(byName)
        .flatMap(site => site.prefixes.map(prefix => ({ site, prefix, address: firstUsable(prefix) })));
}

/** Every VM with an address, by name. */
export function tracedVms(topology: Topology): Vm[] {
    return topology.vnets.flatMap(v => v.vms).filter(vm => vm.ip !== undefined).sort(byName);
}

/** §6.9: every VM to every site prefix and back; VMs by name, then sites by name. */
export function siteFlows(topology: Topology, forwarding: Forwarding): SiteFlow[] {
    const targets = siteTargets(topology);
    const flows: SiteFlow[] = [];
    for (const vm of tracedVms(topology)) {
        for (const target of targets) {
            const trace = forwarding.trace(vm, target.address);
            const inbound = trace.reply ? undefined : forwarding.walk(target.site, target.address, vm.ip!);
            flows.push({ vm, target, trace, inbound });
        }
    }
    return flows;
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
