/**
 * Traces over `.azrs` texts built the way the server builds them, and the hop lists a user reads.
 */
import { parseAddress } from '../../language-server/src/model/prefix.js';
import type { Topology } from '../../language-server/src/model/topology.js';
import { Forwarding, routeText, type Branch, type FlowTrace, type TraceOptions, type TraceSource } from '../../language-server/src/routing/forwarding.js';
import type { RoutingResult } from '../../language-server/src/routing/index.js';
import { buildWorkspace } from '../helpers.js';

export interface Traced {
    topology: Topology;
    routing: RoutingResult;
    forwarding: Forwarding;
    trace(from: string, to: string): FlowTrace;
}

export async function traced(texts: string | string[], options: TraceOptions = {}): Promise<Traced> {
    const { services } = await buildWorkspace(texts);
    const { built, routing } = services.Azrs.analysis.WorkspaceAnalysis.get();
    const topology = built.topology;
    const forwarding = new Forwarding(topology, routing, options);
    return {
        topology, routing, forwarding,
        trace(from, to) {
            const source = topology.byName.get(from);
            if (source?.kind !== 'vm' && source?.kind !== 'nva' && source?.kind !== 'onprem') throw new Error(`no source ${from}`);
            const target = topology.byName.get(to);
            let dst: number;
            if (target?.kind === 'vm' || target?.kind === 'nva') dst = target.ip!;
            else {
                const a = parseAddress(to);
                if (!a.ok) throw new Error(a.message);
                dst = a.address;
            }
            return forwarding.trace(source as TraceSource, dst);
        }
    };
}

/** `device[nic] route -> next` per hop; the last hop is just the device. */
export function hops(branch: Branch | undefined): string[] {
    if (!branch) return [];
    return branch.hops.map(h => h.route || h.nextHop
        ? `${h.device.name} ${routeText(h.route)}${h.nextHop ? ` -> ${h.nextHop.name}` : ''}`
        : h.device.name);
}

/** The devices of a branch, in order. */
export function path(branch: Branch | undefined): string {
    return branch ? branch.hops.map(h => h.device.name).join(' > ') : '';
}
