import { formatAddress } from '../model/prefix.js';
import type { SourceRef, Topology } from '../model/topology.js';
import type { Branch, FlowTrace, ForwardingDevice, Hop, HopRoute } from '../routing/forwarding.js';
import type { Forwarding } from '../routing/forwarding.js';
import { forEachSiteFlow, type SiteFlow } from '../routing/forwarding-flows.js';
import type { ReceivedRoute } from '../routing/index.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { itemRef, propertyRef } from './topology-queries.js';

/**
 * `forwarding-loop` and `asymmetric-path` (docs/language.md §3 v2): the flows of docs/semantics.md §6.9,
 * every VM to the first usable address of each on-premises prefix and back, walked by the
 * forwarding model. A finding sits on the route or advertisement to change, once per anchor; the
 * message names the first flow that shows it and how many more do.
 */
export function checkForwarding(topology: Topology, forwarding: Forwarding): Finding[] {
    const found = new Map<string, { first: Finding; more: number }>();
    const add = (f: Finding) => {
        const key = `${f.code}\u0000${f.at.uri}\u0000${f.at.range.start.line}:${f.at.range.start.character}`;
        const hit = found.get(key);
        if (hit) hit.more++;
        else found.set(key, { first: f, more: 0 });
    };
    forEachSiteFlow(topology, forwarding, flow => {
        for (const branch of loopingBranches(flow)) add(loopFinding(flow, branch));
        if (flow.trace.asymmetric.length > 0) add(asymmetryFinding(flow));
    });
    return [...found.values()].map(({ first, more }) => more === 0 ? first
        : { ...first, message: `${first.message} (${more} more flow${more === 1 ? '' : 's'} show the same.)` });
}

function loopingBranches(flow: SiteFlow): Branch[] {
    const all = [...flow.trace.forward.branches, ...(flow.trace.reply?.branches ?? []), ...(flow.inbound?.branches ?? [])];
    return all.filter(b => b.disposition === 'loop');
}

function flowName(flow: SiteFlow): string {
    return `VM '${flow.vm.name}' -> ${formatAddress(flow.target.address)} (site '${flow.target.site.name}' ${flow.target.prefix.text})`;
}

function devices(b: Branch | undefined): string {
    return b ? b.hops.map(h => h.device.name).join(' > ') : '';
}

function loopFinding(flow: SiteFlow, branch: Branch): Finding {
    const closing = branch.hops[branch.hops.length - 2];
    const what = flow.trace.forward.branches.includes(branch) ? `The path of ${flowName(flow)}`
        : flow.inbound?.branches.includes(branch) ? `The path from site '${flow.target.site.name}' to VM '${flow.vm.name}'`
            : `The reply of ${flowName(flow)}`;
    return finding({
        code: IssueCodes.ForwardingLoop,
        message: `${what} loops: ${devices(branch)}. ${branch.reason}.`,
        at: anchorOf(closing, flow), data: { flow: flowName(flow), hops: branch.hops.map(h => h.device.name) }
    });
}

/**
 * The reply's first hop whose next device differs from the forward path walked backwards: the
 * route that sends the reply elsewhere is what to change.
 */
function asymmetryFinding(flow: SiteFlow): Finding {
    const t: FlowTrace = flow.trace;
    const reply = t.reply!.branches[0];
    const back = reply.hops.map(h => h.device);
    const forwardBranch = t.forward.branches.find(b => b.disposition === 'delivered' && !sameDevices([...b.hops].reverse().map(h => h.device), back))
        ?? t.forward.branches[0];
    const expected = [...forwardBranch.hops].reverse().map(h => h.device);
    let k = 0;
    while (k + 1 < back.length && k + 1 < expected.length && back[k + 1] === expected[k + 1]) k++;
    const departing = reply.hops[Math.min(k, reply.hops.length - 1)];
    const onForward = new Set(t.forward.branches.flatMap(b => b.hops.map(h => h.device)));
    const who = t.asymmetric.map(n => `'${n.name}' sees only the ${onForward.has(n) ? 'forward path' : 'reply'}`).join(', ');
    return finding({
        code: IssueCodes.AsymmetricPath,
        message: `Asymmetric path for ${flowName(flow)}: out ${devices(forwardBranch)}, back ${devices(reply)}; stateful ${who}, and drops what it did not see leave. The reply departs at ${departing.device.name} by ${departing.route ? `${departing.route.addressPrefix} (${departing.why})` : 'no route'}.`,
        at: anchorOf(departing, flow), data: { flow: flowName(flow), asymmetric: t.asymmetric.map(n => n.name) }
    });
}

function sameDevices(a: readonly ForwardingDevice[], b: readonly ForwardingDevice[]): boolean {
    return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Where to change a hop's route: the user route, the peering, the session or advertisement behind a BGP route. */
function anchorOf(hop: Hop | undefined, flow: SiteFlow): SourceRef {
    if (!hop) return flow.vm.source;
    const route: HopRoute | undefined = hop.route;
    const p = route?.row?.provenance;
    if (p) {
        switch (p.kind) {
            case 'user': return p.route.source;
            case 'peering': return p.peering.source;
            case 'vnet-local': return p.vnet.source;
            case 'bgp': if (p.programmed.routes[0]) return learnedAnchor(p.programmed.routes[0]); return p.programmed.by.source;
            default: break;
        }
    }
    if (route?.learned) return learnedAnchor(route.learned);
    const d = hop.device;
    if (d.kind === 'address') return d.vnet.source;
    if (d.kind === 'gateway' && route?.source === 'Connection') {
        // Items as written: sites and (v2) VNet-to-VNet gateways share the list.
        const i = d.connectionsWritten.findIndex(s => s !== undefined && s.name === hop.nextHop?.name);
        return i >= 0 ? itemRef(d, 'connections', i) : d.source;
    }
    return d.source;
}

/**
 * A received route's anchor: the prefix in the originating NVA's `advertises` when the session
 * carried the NVA's own prefix, else the `bgp` statement, else the gateway's connection to the
 * site, else the route server's branchToBranch.
 */
function learnedAnchor(r: ReceivedRoute): SourceRef {
    if (r.origin === r.from && r.from.kind === 'nva') {
        const i = r.from.advertises.findIndex(x => x.text === r.prefix.text);
        if (i >= 0) return itemRef(r.from, 'advertises', i);
    }
    if (r.session.statement) return r.session.statement.source;
    const { a, b } = r.session;
    if (r.session.kind === 'connection' && a.kind === 'gateway') {
        const i = a.connectionsWritten.indexOf(b as typeof a.connectionsWritten[number]);
        return i >= 0 ? itemRef(a, 'connections', i) : a.source;
    }
    if (r.session.kind === 'branch-to-branch' && a.kind === 'routeServer') return propertyRef(a, 'branchToBranch');
    return r.from.source;
}
