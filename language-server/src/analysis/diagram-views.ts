import { parseAddress } from '../model/prefix.js';
import type { Topology } from '../model/topology.js';
import { firstUsable, type TraceSource } from '../routing/forwarding.js';
import type { FlowTrace } from '../routing/forwarding-types.js';
import type { RoutingResult } from '../routing/types.js';
import { enumerateFailures, FailoverAnalysis } from '../whatif/index.js';
import type { Analysis } from './workspace-analysis.js';

/**
 * The diagram's two what-if views, shared by `azrs diagram --trace/--failure` and the editor's
 * `azrs/diagram` request: one traced flow (issue 15) and the topology under one failure (issue 16).
 * Bad input throws a `DiagramViewError` whose message names the option (`--from`, `--to`,
 * `--trace`, `--failure`); the CLI turns it into a usage error, the server into a request error.
 */
export class DiagramViewError extends Error {}

const KIND_WORDS: Record<string, string> = {
    vnet: 'a VNet', routeServer: 'a route server', gateway: 'a gateway', routeTable: 'a route table', vm: 'a VM', nva: 'an NVA', onprem: 'an onprem site', firewall: 'a firewall', intent: 'an intent'
};

/** Where a trace starts: a VM, NVA, firewall or onprem site by name. */
export function traceSourceOf(topology: Topology, name: string): TraceSource {
    const el = topology.byName.get(name);
    if (el?.kind === 'vm' || el?.kind === 'nva' || el?.kind === 'firewall' || el?.kind === 'onprem') return el;
    if (el) throw new DiagramViewError(`--from: '${name}' is ${KIND_WORDS[el.kind] ?? el.kind}, not a VM, NVA, firewall or onprem site`);
    throw new DiagramViewError(`--from: unknown VM, NVA, firewall or onprem site '${name}'`);
}

/**
 * Where a trace goes, as a 32-bit address: an IPv4 address, a VM's, NVA's or firewall's address, or
 * an onprem site's first usable address of its first prefix.
 */
export function traceDestinationOf(topology: Topology, spec: string): number {
    if (/^[0-9.]+$/.test(spec)) {
        const a = parseAddress(spec);
        if (!a.ok) throw new DiagramViewError(`--to: ${a.message}`);
        return a.address;
    }
    const el = topology.byName.get(spec);
    if (el?.kind === 'vm' || el?.kind === 'nva' || el?.kind === 'firewall') {
        if (el.ip === undefined) throw new DiagramViewError(`--to: ${el.kind === 'vm' ? 'VM' : el.kind === 'nva' ? 'NVA' : 'firewall'} '${spec}' has no valid ip`);
        return el.ip;
    }
    if (el?.kind === 'onprem') {
        if (el.prefixes.length === 0) throw new DiagramViewError(`--to: onprem site '${spec}' has no prefixes`);
        return firstUsable(el.prefixes[0]);
    }
    if (el) throw new DiagramViewError(`--to: '${spec}' is ${KIND_WORDS[el.kind] ?? el.kind}, not an address, VM, NVA or onprem site`);
    throw new DiagramViewError(`--to: unknown VM, NVA or onprem site '${spec}' (or give an IPv4 address)`);
}

/** `FROM:TO` (as `azrs diagram --trace` takes it) split in two; throws when it is not of that shape. */
export function parseTraceSpec(spec: string): { from: string; to: string } {
    const m = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*$/.exec(spec);
    if (!m) throw new DiagramViewError(`--trace expects FROM:TO, e.g. app-vm:10.2.13.10, not '${spec}'`);
    return { from: m[1], to: m[2] };
}

/** The traced flow from `from` to `to` over the analysis's forwarding model (docs/semantics.md §6). */
export function traceOf(analysis: Analysis, from: string, to: string): FlowTrace {
    const { topology } = analysis.built;
    const source = traceSourceOf(topology, from);
    const destination = traceDestinationOf(topology, to);
    try {
        return analysis.forwarding.trace(source, destination);
    } catch (e) {
        throw new DiagramViewError(e instanceof Error ? e.message : String(e));
    }
}

/** The names `azrs failover --all-components` tries, in its order: the failure picker's list. */
export function failureNames(topology: Topology): string[] {
    return enumerateFailures(topology, { allComponents: true }).map(f => f.name);
}

/**
 * The topology and routes under the failure named as `azrs failover` names it (an NVA, `gw->site`,
 * a hub, a route server or gateway): failed NVAs are down, failed route servers, gateways and
 * connections are gone. The topology file is never changed.
 */
export function failureView(analysis: Analysis, routesPerPeer: number, name: string): { topology: Topology; routing: RoutingResult } {
    const failures = enumerateFailures(analysis.built.topology, { allComponents: true });
    const failure = failures.find(f => f.name === name);
    if (!failure) throw new DiagramViewError(`--failure: no failure named '${name}' (azrs failover --all-components lists them: ${failures.map(f => f.name).join(', ') || 'none'})`);
    const { derived, routing } = new FailoverAnalysis({
        topology: analysis.built.topology, routing: analysis.routing, admission: analysis.admission, routesPerPeer
    }).simulate(failure);
    return { topology: derived.topology, routing };
}
