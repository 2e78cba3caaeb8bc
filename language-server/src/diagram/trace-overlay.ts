import type { FlowTrace } from '../routing/forwarding-types.js';
import type { DiagramModel, DiagramNode, DiagramTrace } from './diagram-types.js';

/**
 * Trace mode (issue 15): a traced flow laid over the topology diagram. Each hop's device becomes the
 * node of the same name (a bare address, the node of its VNet); the forward path and the reply are
 * node id lists, and the node where a path stops (or the device seen one way only) is marked.
 */
export function withTrace(model: DiagramModel, trace: FlowTrace): DiagramModel {
    const byName = new Map<string, DiagramNode>();
    for (const node of model.nodes) {
        const known = byName.get(node.name);
        // A VNet and a device may share a name: the device is the hop.
        if (!known || known.kind === 'vnet') byName.set(node.name, node);
    }
    const idOf = (device: { kind: string; name: string; vnet?: { name: string } }): string | undefined =>
        byName.get(device.kind === 'address' && device.vnet ? device.vnet.name : device.name)?.id;
    const ids = (hops: readonly { device: { kind: string; name: string } }[]) => {
        const out: string[] = [];
        for (const h of hops) {
            const id = idOf(h.device as { kind: string; name: string; vnet?: { name: string } });
            if (id && out[out.length - 1] !== id) out.push(id);
        }
        return out;
    };
    const forwardBranch = trace.forward.failing ?? trace.forward.branches[0];
    const replyBranch = trace.reply?.failing ?? trace.reply?.branches[0];
    const stopped = [forwardBranch, replyBranch].find(b => b && b.disposition !== 'delivered' && b.disposition !== 'exits-to-internet');
    const last = stopped?.hops[stopped.hops.length - 1];
    const blocking: string[] = [];
    if (last) {
        const id = idOf(last.device as { kind: string; name: string; vnet?: { name: string } });
        if (id) blocking.push(id);
    }
    for (const d of trace.asymmetric) {
        const id = byName.get(d.name)?.id;
        if (id && !blocking.includes(id)) blocking.push(id);
    }
    const overlay: DiagramTrace = {
        from: trace.from.name,
        to: [trace.destination >>> 24, (trace.destination >>> 16) & 255, (trace.destination >>> 8) & 255, trace.destination & 255].join('.'),
        disposition: trace.forward.disposition,
        returnDisposition: trace.reply?.disposition,
        forward: ids(forwardBranch.hops),
        reply: replyBranch ? ids(replyBranch.hops) : [],
        blocking,
        reason: trace.forward.failing?.reason ?? trace.reply?.failing?.reason
            ?? (trace.asymmetric.length ? `asymmetric: ${trace.asymmetric.map(d => d.name).join(', ')} see one direction only` : undefined)
    };
    return { ...model, trace: overlay };
}
