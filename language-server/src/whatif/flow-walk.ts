import type { OnPremSite, Subnet, Topology, Vm } from '../model/topology.js';
import { firstUsable, Forwarding, type FlowTrace, type ForwardingDevice } from '../routing/forwarding.js';
import type { EffectiveRoute, RoutingResult } from '../routing/index.js';
import type { DerivedTopology } from './derived-topology.js';
import type { AsymmetricFlow, FlowAnalyzer, FlowOutcome, LoopingFlow } from './flows.js';

/**
 * The forwarding walk (SEMANTICS.md §6, routing/forwarding.ts) behind the what-if analyses: the
 * flows `azrs check` examines (§6.9: every VM to each onprem site prefix, and back) and, once the
 * grammar has them, the intents.
 *
 * What is traced, so that 1000 spokes stay fast:
 * - one VM per subnet: the VMs of a subnet share its effective routes, its peerings and the
 *   routes toward it, so their flows go the same way (a user route to one VM's /32 would set
 *   it apart; the result is then reported for all VMs of the subnet);
 * - per subnet and site, one destination per distinct route the subnet uses for the site's
 *   prefixes (same source, next hop type and next hop IPs): prefixes that leave the VM by the same
 *   route were learned over the same sessions and take the same path;
 * - under a failure, only the flows whose path as written touches something the failure changed
 *   (the failed elements, a VNet whose programmed routes changed, a gateway, site or NVA whose best
 *   routes changed) are traced again; the others keep their result.
 */

/** One traced flow: a subnet's representative VM to one site destination. */
interface FlowRecord {
    readonly subnet: Subnet;
    readonly vm: Vm;
    /** The VMs it stands for: every VM of the subnet. */
    readonly vms: readonly Vm[];
    readonly site: OnPremSite;
    readonly destination: number;
    readonly destinationText: string;
    /** Names of the devices and VNets its forward and return hops cross (`kind:name`). */
    readonly touched: ReadonlySet<string>;
    /** Stateful devices seen one way only, sorted. */
    readonly asymmetric: readonly string[];
    /** The device visited twice, when a branch loops. */
    readonly loop: string | undefined;
}

/** A FlowOutcome that remembers its traced flows, for reuse under a failure. */
interface WalkOutcome extends FlowOutcome {
    readonly records: readonly FlowRecord[];
}

function formatAddress(a: number): string {
    return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

function deviceKey(d: ForwardingDevice | { kind: string; name: string }): string {
    return `${d.kind}:${d.name}`;
}

function touchedBy(trace: FlowTrace): Set<string> {
    const out = new Set<string>();
    for (const path of [trace.forward, trace.reply]) {
        for (const branch of path?.branches ?? []) {
            for (const hop of branch.hops) {
                out.add(deviceKey(hop.device));
                if (hop.device.kind !== 'onprem') out.add(`vnet:${hop.device.vnet.name}`);
                if (hop.nextHop && hop.nextHop.kind === 'vnet') out.add(`vnet:${hop.nextHop.name}`);
            }
        }
    }
    return out;
}

function loopOf(trace: FlowTrace): string | undefined {
    for (const path of [trace.forward, trace.reply]) {
        for (const branch of path?.branches ?? []) {
            if (branch.disposition === 'loop') return branch.hops[branch.hops.length - 1]?.device.name;
        }
    }
    return undefined;
}

function rowKey(row: EffectiveRoute | undefined): string {
    return row ? `${row.source}\u0000${row.nextHopType}\u0000${row.nextHopIpAddress.join(',')}` : '-';
}

interface Planned {
    readonly subnet: Subnet;
    readonly vm: Vm;
    readonly site: OnPremSite;
    readonly destination: number;
}

/** The flows of §6.9 as written: one VM per subnet, one destination per site and route used. */
function plan(topology: Topology, routing: RoutingResult): Planned[] {
    const out: Planned[] = [];
    const subnets = new Set<Subnet>();
    for (const vnet of topology.vnets) for (const vm of vnet.vms) if (vm.ip !== undefined) subnets.add(vm.subnet);
    for (const subnet of subnets) {
        const vm = subnet.vms.find(v => v.ip !== undefined)!;
        for (const site of topology.sites) {
            const seen = new Set<string>();
            for (const prefix of site.prefixes) {
                const destination = firstUsable(prefix);
                const key = rowKey(routing.lookup(subnet, destination));
                if (seen.has(key)) continue;
                seen.add(key);
                out.push({ subnet, vm, site, destination });
            }
        }
    }
    return out;
}

function record(forwarding: Forwarding, p: Planned, vms: readonly Vm[]): FlowRecord {
    const trace = forwarding.trace(p.vm, p.destination);
    return {
        subnet: p.subnet, vm: p.vm, vms, site: p.site, destination: p.destination, destinationText: formatAddress(p.destination),
        touched: touchedBy(trace), asymmetric: trace.asymmetric.map(n => n.name).sort(), loop: loopOf(trace)
    };
}

function outcome(records: readonly FlowRecord[]): WalkOutcome {
    const asymmetric: AsymmetricFlow[] = [];
    const loops: LoopingFlow[] = [];
    for (const r of records) {
        for (const vm of r.vms) {
            if (r.asymmetric.length) asymmetric.push({ from: vm.name, to: r.destinationText, devices: r.asymmetric });
            if (r.loop) loops.push({ from: vm.name, to: r.destinationText, device: r.loop });
        }
    }
    return { intents: new Map(), intentReasons: new Map(), asymmetric, loops, records };
}

/** The signature of a speaker's best routes, to tell which gateways, sites and NVAs a failure changed. */
function bestSignature(routing: RoutingResult, speaker: Parameters<RoutingResult['rib']>[0]): string {
    const rib = routing.rib(speaker);
    if (!rib) return '';
    return rib.best.map(b => `${b.prefix.text}>${b.own ? '*' : b.routes.map(r => `${r.from.name}@${r.nextHop ?? ''}`).join('|')}`).join(',');
}

function programmedSignature(routing: RoutingResult, vnet: Parameters<RoutingResult['programmedInto']>[0]): string {
    return routing.programmedInto(vnet).map(r => `${r.prefix.text}>${r.by.name}:${r.nextHops.join('|')}`).join(',');
}

/** The flows of §6.9 over the forwarding walk, reused across failures (see the module comment). */
export class ForwardingFlows implements FlowAnalyzer {
    analyse(topology: Topology, routing: RoutingResult): FlowOutcome {
        const forwarding = new Forwarding(topology, routing);
        return outcome(plan(topology, routing).map(p => record(forwarding, p, p.subnet.vms.filter(v => v.ip !== undefined))));
    }

    /**
     * The flows under a failure, tracing again only those whose path as written touches what the
     * failure changed; `base` is `analyse`'s result over the original topology and `baseRouting`.
     */
    reanalyse(base: FlowOutcome, baseTopology: Topology, baseRouting: RoutingResult, derived: DerivedTopology,
        routing: RoutingResult, failed: ReadonlySet<string>): FlowOutcome {
        const records = (base as Partial<WalkOutcome>).records;
        if (!records) return this.analyse(derived.topology, routing);
        const changed = new Set<string>(failed);
        for (const vnet of baseTopology.vnets) {
            const after = derived.copyOf(vnet);
            if (!after || programmedSignature(baseRouting, vnet) !== programmedSignature(routing, after)) changed.add(`vnet:${vnet.name}`);
        }
        for (const rib of baseRouting.speakers) {
            const speaker = rib.speaker;
            // A route server forwards nothing: what it changes shows in the VNets it programs.
            if (speaker.kind === 'routeServer') continue;
            const after = derived.copyOf(speaker);
            if (!after || bestSignature(baseRouting, speaker) !== bestSignature(routing, after)) changed.add(deviceKey(speaker));
        }
        let forwarding: Forwarding | undefined;
        const next = records.map(r => {
            if (![...r.touched].some(t => changed.has(t))) return r;
            forwarding ??= new Forwarding(derived.topology, routing);
            const again = record(forwarding, {
                subnet: derived.copyOf(r.subnet)!, vm: derived.copyOf(r.vm)!, site: derived.copyOf(r.site)!, destination: r.destination
            }, r.vms);
            return { ...again, subnet: r.subnet, vm: r.vm, site: r.site };
        });
        return outcome(next);
    }
}

/** The forwarding walk behind failover and diff. */
export function forwardingWalk(): ForwardingFlows {
    return new ForwardingFlows();
}
