import type { Intent, IntentEnd, Topology } from '../model/topology.js';
import { firstUsable, Forwarding, type Branch, type FlowTrace, type TraceSource } from '../routing/forwarding.js';
import { formatAddress } from '../model/prefix.js';

/**
 * Whether each intent holds (SEMANTICS.md §6.8), over the forwarding walk, for the what-if
 * analyses: `reachable: true` holds when every forward branch is delivered (or exits to the
 * internet for an address outside every known range), the reply is delivered, and each `via`
 * device is crossed in order on every forward branch and in reverse order on every reply branch;
 * `reachable: false` holds when no forward branch is delivered. A VNet or subnet end stands for
 * each of its VMs, an onprem site as `to` for the first usable address of each of its prefixes.
 */

export interface IntentResult {
    readonly holds: boolean;
    /** Why not: the flow and the first place the path departs from the intent. */
    readonly reason: string | undefined;
}

function sourcesOf(end: IntentEnd | undefined): TraceSource[] | string {
    if (!end) return 'its `from` is missing';
    switch (end.kind) {
        case 'vm': case 'nva': case 'onprem': return [end];
        case 'subnet': return end.vms.length ? [...end.vms] : `subnet '${end.vnet.name}/${end.name}' has no VM`;
        default: return `a ${end.kind} as \`from\` is not traced`;
    }
}

function destinationsOf(end: IntentEnd | undefined): Array<{ address: number; text: string }> | string {
    if (!end) return 'its `to` is missing';
    const at = (address: number | undefined, name: string) => address === undefined ? [] : [{ address, text: `${name} (${formatAddress(address)})` }];
    switch (end.kind) {
        case 'address': return [{ address: end.address, text: end.text }];
        case 'vm': case 'nva': case 'firewall': return at(end.ip, end.name);
        case 'subnet': return end.vms.flatMap(vm => at(vm.ip, vm.name));
        case 'onprem': return end.prefixes.map(p => ({ address: firstUsable(p), text: `${end.name} (${formatAddress(firstUsable(p))})` }));
    }
}

/** Whether `names` holds `via` as a subsequence. */
function inOrder(names: readonly string[], via: readonly string[]): boolean {
    let i = 0;
    for (const n of names) if (i < via.length && n === via[i]) i++;
    return i === via.length;
}

function devicesOn(branch: Branch): string[] {
    return branch.hops.map(h => h.device.name);
}

function firstProblem(intent: Intent, trace: FlowTrace, to: string): string | undefined {
    const from = trace.from.name;
    const delivered = trace.forward.branches.filter(b => b.disposition === 'delivered' || b.disposition === 'exits-to-internet');
    if (!intent.reachable) {
        return delivered.some(b => b.disposition === 'delivered') ? `${from} -> ${to} is delivered, and the intent says it must not be` : undefined;
    }
    const failing = trace.forward.branches.find(b => b.disposition !== 'delivered' && b.disposition !== 'exits-to-internet');
    if (failing) return `${from} -> ${to}: ${failing.disposition}${failing.reason ? ` (${failing.reason})` : ''}`;
    if (trace.reply && trace.reply.disposition !== 'delivered') {
        const back = trace.reply.failing ?? trace.reply.branches[0];
        return `the reply ${to} -> ${from}: ${trace.reply.disposition}${back?.reason ? ` (${back.reason})` : ''}`;
    }
    const via = intent.via.map(v => v.name);
    if (via.length) {
        const off = trace.forward.branches.find(b => !inOrder(devicesOn(b), via));
        if (off) return `${from} -> ${to} goes ${devicesOn(off).join(' > ')}, not via ${via.join(', ')}`;
        const back = trace.reply?.branches.find(b => !inOrder(devicesOn(b), [...via].reverse()));
        if (back) return `the reply ${to} -> ${from} goes ${devicesOn(back).join(' > ')}, not via ${[...via].reverse().join(', ')}`;
    }
    return undefined;
}

/** Every intent of the topology by name, with whether it holds and why not. */
export function checkIntents(topology: Topology, forwarding: Forwarding): Map<string, IntentResult> {
    const out = new Map<string, IntentResult>();
    for (const intent of topology.intents) {
        const sources = sourcesOf(intent.from);
        const destinations = destinationsOf(intent.to);
        if (typeof sources === 'string' || typeof destinations === 'string') {
            out.set(intent.name, { holds: false, reason: typeof sources === 'string' ? sources : destinations as string });
            continue;
        }
        let reason: string | undefined;
        for (const source of sources) {
            for (const d of destinations) {
                let trace: FlowTrace;
                try {
                    trace = forwarding.trace(source, d.address);
                } catch (e) {
                    reason = e instanceof Error ? e.message : String(e);
                    break;
                }
                reason = firstProblem(intent, trace, d.text);
                if (reason) break;
            }
            if (reason) break;
        }
        out.set(intent.name, { holds: reason === undefined, reason });
    }
    return out;
}
