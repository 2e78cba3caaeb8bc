import type { OnPremSite, Prefix, Subnet, Topology, VNet, Vm } from '../model/topology.js';
import { firstUsable, Forwarding, type FlowTrace, type ForwardingDevice } from '../routing/forwarding.js';
import type { EffectiveRoute, RoutingResult, SpeakerRib } from '../routing/index.js';
import type { DerivedTopology } from './derived-topology.js';
import type { AsymmetricFlow, FlowAnalyzer, FlowOutcome, LoopingFlow } from './flows.js';
import { evaluateIntents } from '../routing/intents.js';
import { partitionPoint } from '../model/search.js';

/**
 * The forwarding walk (docs/semantics.md §6, routing/forwarding.ts) behind the what-if analyses: the
 * flows `azrs check` examines (§6.9: every VM to each onprem site prefix, and back) and the
 * intents (routing/intents.ts).
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
    /** The VM's own route dropped it or sent it to the internet (one hop, no reply): that row, else undefined. */
    readonly endsAtSource: EffectiveRoute | undefined;
    readonly tableKey: string | undefined;
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

function endsAtSource(trace: FlowTrace): EffectiveRoute | undefined {
    const only = trace.forward.branches.length === 1 ? trace.forward.branches[0] : undefined;
    if (!only || only.hops.length !== 1 || trace.reply) return undefined;
    if (only.disposition !== 'dropped-none-route' && only.disposition !== 'exits-to-internet') return undefined;
    return only.hops[0].route?.row;
}

function rowKey(row: EffectiveRoute | undefined): string {
    return row ? `${row.source}\u0000${row.nextHopType}\u0000${row.nextHopIpAddress.join(',')}` : '-';
}

interface Planned {
    readonly subnet: Subnet;
    readonly vm: Vm;
    readonly site: OnPremSite;
    readonly destination: number;
    /** The subnet's route table and system rows over site prefixes: with the programmed routes, what decides its rows for them. */
    readonly tableKey?: string;
}

/**
 * The flows of §6.9 as written: one VM per subnet, one destination per site and route used.
 * Subnets with the same programmed routes, route table and system rows over site prefixes use the
 * same routes for them: their destinations are chosen once.
 */
function plan(topology: Topology, routing: RoutingResult): Planned[] {
    const out: Planned[] = [];
    const sitePrefixes = topology.sites.flatMap(s => s.prefixes).sort((a, b) => a.first - b.first);
    const maxLast: number[] = [];
    for (const p of sitePrefixes) maxLast.push(Math.max(p.last, maxLast[maxLast.length - 1] ?? -1));
    const peered = new Map<VNet, VNet[]>();
    for (const p of topology.peerings) if (p.state === 'Connected') peered.set(p.from, [...(peered.get(p.from) ?? []), p.to]);
    const systemKey = new Map<VNet, string>();
    const keyOf = (vnet: VNet) => {
        let key = systemKey.get(vnet);
        if (key === undefined) {
            key = [vnet, ...(peered.get(vnet) ?? [])].flatMap(v => v.addressSpace).filter(r => overlapsAny(sitePrefixes, maxLast, r)).map(r => r.text).sort().join(',');
            systemKey.set(vnet, key);
        }
        return key;
    };
    const chosen = new Map<string, Array<{ site: OnPremSite; destination: number }>>();
    const subnets = new Set<Subnet>();
    for (const vnet of topology.vnets) for (const vm of vnet.vms) if (vm.ip !== undefined) subnets.add(vm.subnet);
    for (const subnet of subnets) {
        const vm = subnet.vms.find(v => v.ip !== undefined)!;
        const classKey = `${idOf(routing.programmedInto(subnet.vnet))}:${subnet.routeTable?.name ?? ''}:${keyOf(subnet.vnet)}`;
        let destinations = chosen.get(classKey);
        if (!destinations) {
            destinations = [];
            for (const site of topology.sites) {
                const seen = new Set<string>();
                for (const prefix of site.prefixes) {
                    const destination = firstUsable(prefix);
                    const key = rowKey(routing.lookup(subnet, destination));
                    if (seen.has(key)) continue;
                    seen.add(key);
                    destinations.push({ site, destination });
                }
            }
            chosen.set(classKey, destinations);
        }
        const tableKey = `${subnet.routeTable?.name ?? ''}:${keyOf(subnet.vnet)}`;
        for (const d of destinations) out.push({ subnet, vm, ...d, tableKey });
    }
    return out;
}

function record(forwarding: Forwarding, p: Planned, vms: readonly Vm[]): FlowRecord {
    const trace = forwarding.trace(p.vm, p.destination);
    return {
        subnet: p.subnet, vm: p.vm, vms, site: p.site, destination: p.destination, destinationText: formatAddress(p.destination),
        touched: touchedBy(trace), asymmetric: trace.asymmetric.map(n => n.name).sort(), loop: loopOf(trace),
        endsAtSource: endsAtSource(trace), tableKey: p.tableKey
    };
}

/** An intent's outcome: whether it holds and, if not, the forwarding walk's message (routing/intents.ts). */
type IntentOutcome = ReadonlyMap<string, { holds: boolean; reason: string | undefined }>;

function intentsOf(topology: Topology, forwarding: Forwarding): IntentOutcome {
    return new Map(evaluateIntents(topology, forwarding).map(r => [r.intent.name, { holds: r.holds, reason: r.message }]));
}

function outcome(records: readonly FlowRecord[], intents: IntentOutcome): WalkOutcome {
    const asymmetric: AsymmetricFlow[] = [];
    const loops: LoopingFlow[] = [];
    for (const r of records) {
        for (const vm of r.vms) {
            if (r.asymmetric.length) asymmetric.push({ from: vm.name, to: r.destinationText, devices: r.asymmetric });
            if (r.loop) loops.push({ from: vm.name, to: r.destinationText, device: r.loop });
        }
    }
    return {
        intents: new Map([...intents].map(([name, r]) => [name, r.holds])),
        intentReasons: new Map([...intents].filter(([, r]) => r.reason).map(([name, r]) => [name, r.reason!])),
        asymmetric, loops, records
    };
}

/** Whether two speakers' best routes are the same (prefix, own, and each route's sender and next hop), to tell which gateways, sites and NVAs a failure changed. */
function sameBest(a: SpeakerRib | undefined, b: SpeakerRib | undefined): boolean {
    if (!a || !b) return a === b;
    if (a.best.length !== b.best.length) return false;
    for (let i = 0; i < a.best.length; i++) {
        const x = a.best[i];
        const y = b.best[i];
        if (x.prefix.network !== y.prefix.network || x.prefix.length !== y.prefix.length || x.own !== y.own || x.routes.length !== y.routes.length) return false;
        for (let j = 0; j < x.routes.length; j++) {
            if (x.routes[j].from.name !== y.routes[j].from.name || x.routes[j].nextHop !== y.routes[j].nextHop) return false;
        }
    }
    return true;
}

/** Signatures of programmed-route lists, by list: VNets of one domain share one list. */
const programmedSignatures = new WeakMap<object, string>();

function programmedSignature(routing: RoutingResult, vnet: Parameters<RoutingResult['programmedInto']>[0]): string {
    const list = routing.programmedInto(vnet);
    let sig = programmedSignatures.get(list);
    if (sig === undefined) {
        sig = list.map(r => `${r.prefix.text}>${r.by.name}:${r.nextHops.join('|')}`).join(',');
        programmedSignatures.set(list, sig);
    }
    return sig;
}

/** Object identities as small numbers, for class keys. */
const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
    // The engine returns a fresh empty list for a VNet outside every domain: all empty lists are one.
    if (Array.isArray(o) && o.length === 0) return 0;
    let id = ids.get(o);
    if (id === undefined) ids.set(o, id = nextId++);
    return id;
}

/** Whether a range overlaps any of the sorted prefixes (`maxLast[i]`: the largest last address of the first i + 1). */
function overlapsAny(sorted: readonly Prefix[], maxLast: readonly number[], r: Prefix): boolean {
    // The prefixes that start at or before r's last address; one of them overlaps iff it ends at or after r's first.
    const n = partitionPoint(sorted.length, i => sorted[i].first <= r.last);
    return n > 0 && maxLast[n - 1] >= r.first;
}

/** The flows of §6.9 over the forwarding walk, reused across failures (see the module comment). */
export class ForwardingFlows implements FlowAnalyzer {
    analyse(topology: Topology, routing: RoutingResult): FlowOutcome {
        const forwarding = new Forwarding(topology, routing);
        const records = plan(topology, routing).map(p => record(forwarding, p, p.subnet.vms.filter(v => v.ip !== undefined)));
        return outcome(records, intentsOf(topology, forwarding));
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
            if (!after || !sameBest(rib, routing.rib(after))) changed.add(deviceKey(speaker));
        }
        // Intents are few: each is traced again in full.
        let forwarding: Forwarding | undefined = derived.topology.intents.length ? new Forwarding(derived.topology, routing) : undefined;
        const sameRowAt = new Map<string, boolean>();
        const next = records.map(r => {
            let hit = false;
            for (const t of r.touched) if (changed.has(t)) { hit = true; break; }
            if (!hit) return r;
            const subnetAfter = derived.copyOf(r.subnet)!;
            if (r.endsAtSource) {
                // Dropped or sent to the internet by the VM's own route, which the failure left as it was.
                // Subnets with the same programmed routes and table key have the same row: looked up once.
                const key = r.tableKey === undefined ? undefined : `${idOf(routing.programmedInto(subnetAfter.vnet))}:${r.tableKey}:${r.destination}`;
                let same = key === undefined ? undefined : sameRowAt.get(key);
                if (same === undefined) {
                    const row = routing.lookup(subnetAfter, r.destination);
                    same = row !== undefined && rowKey(row) === rowKey(r.endsAtSource) && row.addressPrefix.text === r.endsAtSource.addressPrefix.text;
                    if (key !== undefined) sameRowAt.set(key, same);
                }
                if (same) return r;
            }
            forwarding ??= new Forwarding(derived.topology, routing);
            const again = record(forwarding, {
                subnet: subnetAfter, vm: derived.copyOf(r.vm)!, site: derived.copyOf(r.site)!, destination: r.destination
            }, r.vms);
            return { ...again, subnet: r.subnet, vm: r.vm, site: r.site, tableKey: r.tableKey };
        });
        return outcome(next, forwarding ? intentsOf(derived.topology, forwarding) : new Map());
    }
}

/** The forwarding walk behind failover and diff. */
export function forwardingWalk(): ForwardingFlows {
    return new ForwardingFlows();
}
