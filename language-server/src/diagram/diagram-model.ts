import { AZURE_ASN } from '../model/azure-constants.js';
import type {
    BgpEndpoint, BgpSession, Firewall, Gateway, Nva, OnPremSite, Peering, RouteServer, SourceRange, SourceRef, Topology, VNet, VNetRole, Vm
} from '../model/topology.js';
import type {
    BuildDiagramOptions, DiagramDiagnostic, DiagramEdgeKind, DiagramLabel, DiagramMark, DiagramModel, DiagramNodeKind, DiagramSource,
    PeeringDirection
} from './diagram-types.js';
import { DiagramFlowBuilder } from './diagram-flow.js';
import { freezeEdge, freezeNode, type MutableEdge, type MutableNode } from './diagram-mutable.js';
import type { DiagramSeverity } from './severity.js';
import { worst } from './severity.js';
import { sessionEffectOf, type SessionEffect } from '../validation/admission.js';
import { byName } from '../model/compare.js';
import { sessionId } from '../routing/session-ids.js';

export type * from './diagram-types.js';
export type { DiagramSeverity } from './severity.js';
export { worst, worstMark } from './severity.js';
export { diagramPrefixes, normalisePrefix } from './diagram-flow.js';

/**
 * Builds the diagram model (`diagram-types.ts`) from the topology: nodes with stable ids and
 * source locations, one edge per peering pair and per session, diagnostics attached to what they
 * target, and the route flow of one prefix as badges, edge labels and references (built by
 * `diagram-flow.ts` on the nodes and edges of `diagram-mutable.ts`).
 */

const KIND_PREFIX: Record<DiagramNodeKind, string> = {
    onprem: 'onprem', vnet: 'vnet', routeServer: 'rs', gateway: 'gw', nva: 'nva', vm: 'vm', firewall: 'fw'
};
const ROLE_ORDER: Record<VNetRole, number> = { hub: 0, spoke: 1, vnet: 2 };

type Named = OnPremSite | VNet | RouteServer | Gateway | Nva | Vm | Firewall;

/** Builds the diagram of a topology, its diagnostics and, optionally, the flow of one prefix. */
export function buildDiagram(topology: Topology, options: BuildDiagramOptions = {}): DiagramModel {
    return new DiagramBuilder(topology, options).build();
}

class DiagramBuilder {
    private readonly nodes: MutableNode[] = [];
    private readonly edges: MutableEdge[] = [];
    private readonly nodeById = new Map<string, MutableNode>();
    private readonly edgeById = new Map<string, MutableEdge>();
    /** Topology object -> diagram id (peerings map to their directional alias). */
    private readonly idOf = new Map<object, string>();
    /** Topology name -> node id (first declaration wins, as in `Topology.byName`). */
    private readonly nodeIdByName = new Map<string, string>();
    /** Located elements for diagnostics that only carry a range. */
    private readonly located: Array<{ id: string; ref: SourceRef }> = [];
    private readonly diagnostics: DiagramDiagnostic[] = [];

    constructor(private readonly topology: Topology, private readonly options: BuildDiagramOptions) { }

    build(): DiagramModel {
        this.addNodes();
        this.addEdges();
        this.attachDiagnostics();
        this.markDownSessions();
        const flow = new DiagramFlowBuilder(this.topology, this.options, this.edges, this.nodeById, this.nodeIdByName).build();
        return {
            version: 1,
            nodes: this.nodes.map(freezeNode),
            edges: [...this.edges].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0).map(freezeEdge),
            diagnostics: this.diagnostics,
            ...(flow ? { flow } : {})
        };
    }

    // ---- nodes -------------------------------------------------------------------------------

    private addNodes(): void {
        for (const site of [...this.topology.sites].sort(byName)) {
            this.node(site, 'onprem', `on-premises${site.asn !== undefined ? ` · AS ${site.asn}` : ''}`, [
                `On-premises site ${site.name}`,
                `ASN: ${site.asn ?? '(none)'}`,
                `Prefixes: ${site.prefixes.map(p => p.text).join(', ') || '(none)'}`
            ]);
        }
        // Spokes are grouped under the first hub (by name) they peer with, so that their lines cross little.
        const hubOf = new Map<VNet, string>();
        for (const p of this.topology.peerings) {
            for (const [spoke, hub] of [[p.from, p.to], [p.to, p.from]]) {
                if (spoke.role === 'hub' || hub.role !== 'hub') continue;
                const known = hubOf.get(spoke);
                if (known === undefined || hub.name < known) hubOf.set(spoke, hub.name);
            }
        }
        const group = (v: VNet) => v.role === 'hub' ? '' : hubOf.get(v) ?? '\uffff';
        const vnets = [...this.topology.vnets].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]
            || (group(a) < group(b) ? -1 : group(a) > group(b) ? 1 : 0) || byName(a, b));
        for (const vnet of vnets) {
            const ranges = vnet.addressSpace.map(p => p.text).join(', ');
            const vnetId = this.node(vnet, 'vnet', `${vnet.role} · ${ranges || 'no address space'}`, [
                `${capitalise(vnet.role)} VNet ${vnet.name}`,
                `Address space: ${ranges || '(none)'}`,
                ...(vnet.region ? [`Region: ${vnet.region}`] : []),
                ...vnet.subnets.map(s => `Subnet ${s.name}: ${s.prefix?.text ?? '?'}${s.routeTable ? ` (route table ${s.routeTable.name})` : ''}`)
            ], { role: vnet.role });
            for (const gw of [...vnet.gateways].sort(byName)) {
                this.node(gw, 'gateway', `${gw.type === 'Vpn' ? 'VPN' : 'ExpressRoute'} gateway`, [
                    `${gw.type} gateway ${gw.name}`,
                    `ASN: ${gw.asn}`,
                    ...(gw.subnet ? [`GatewaySubnet: ${gw.subnet.text}`] : []),
                    ...(gw.type === 'Vpn' ? [`Active-active: ${gw.activeActive}`] : []),
                    `Connections: ${[...gw.connections, ...gw.vnetConnections].map(c => c.name).join(', ') || '(none)'}`,
                    ...(gw.nextHopIpTexts.length ? [`Next hop IPs: ${gw.nextHopIpTexts.join(', ')}`] : []),
                    ...(gw.routeTable ? [`GatewaySubnet route table: ${gw.routeTable.name}`] : [])
                ], { parent: vnetId });
            }
            for (const rs of [...vnet.routeServers].sort(byName)) {
                this.node(rs, 'routeServer', `Route Server${rs.branchToBranch ? ' · b2b' : ''}`, [
                    `Route Server ${rs.name} (AS ${AZURE_ASN})`,
                    ...(rs.subnet ? [`RouteServerSubnet: ${rs.subnet.text}`] : []),
                    `Branch-to-branch: ${rs.branchToBranch}`,
                    `Hub routing preference: ${rs.hubRoutingPreference}`
                ], { parent: vnetId });
            }
            for (const fw of [...vnet.firewalls].sort(byName)) {
                this.node(fw, 'firewall', `Azure Firewall${fw.ipText ? ` · ${fw.ipText}` : ''}${fw.state === 'down' ? ' · down' : ''}`, [
                    `Azure Firewall ${fw.name} (stateful, no BGP)${fw.state === 'down' ? ' (down)' : ''}`,
                    `IP: ${fw.ipText ?? '(none)'}`,
                    `AzureFirewallSubnet: ${fw.subnet.prefix?.text ?? '(none)'}`
                ], { parent: vnetId, down: fw.state === 'down' });
            }
            for (const nva of [...vnet.nvas].sort(byName)) {
                const nextHop = nva.nextHopText && nva.nextHopText !== nva.ipText ? [`Next hop: ${nva.nextHopText}`] : [];
                // v2: an NVA with several NICs lists them all; the first one speaks BGP.
                const nics = nva.nics.length > 1
                    ? nva.nics.map((n, i) => `NIC ${n.name}: ${n.ipText ?? '(none)'} in subnet ${n.subnet.name}${i === 0 ? ' (BGP)' : ''}`)
                    : [`IP: ${nva.ipText ?? '(none)'} in subnet ${nva.subnet.name}`];
                const sublabelIp = nva.nics.length > 1 ? `${nva.nics.length} NICs` : nva.ipText ?? '';
                this.node(nva, 'nva', ['NVA', nva.asn !== undefined ? `AS ${nva.asn}` : '', sublabelIp, nva.state === 'down' ? 'down' : ''].filter(Boolean).join(' · '), [
                    `NVA ${nva.name}${nva.state === 'down' ? ' (down)' : ''}${nva.stateful ? '' : ' (stateless)'}`,
                    `ASN: ${nva.asn ?? '(none)'}`,
                    ...nics,
                    ...nextHop,
                    `Advertises: ${nva.advertises.map(p => p.text).join(', ') || '(nothing)'}`
                ], { parent: vnetId, down: nva.state === 'down' });
            }
            for (const vm of [...vnet.vms].sort(byName)) {
                this.node(vm, 'vm', `VM${vm.ipText ? ` · ${vm.ipText}` : ''}`, [
                    `VM ${vm.name}`,
                    `IP: ${vm.ipText ?? '(none)'} in subnet ${vm.subnet.name}`,
                    ...(vm.subnet.routeTable ? [`Route table: ${vm.subnet.routeTable.name}`] : [])
                ], { parent: vnetId });
            }
        }
    }

    private node(el: Named, kind: DiagramNodeKind, sublabel: string, details: string[],
        extra: { parent?: string; role?: VNetRole; down?: boolean } = {}): string {
        const id = this.uniqueId(`${KIND_PREFIX[kind]}:${el.name}`, this.nodeById);
        const node: MutableNode = {
            id, kind, name: el.name, sublabel, details,
            ...(extra.parent ? { parent: extra.parent } : {}),
            ...(extra.role ? { role: extra.role } : {}),
            ...(extra.down ? { down: true } : {}),
            source: plainSource(el.source), marks: [], badges: []
        };
        this.nodes.push(node);
        this.nodeById.set(id, node);
        this.idOf.set(el, id);
        if (!this.nodeIdByName.has(el.name)) this.nodeIdByName.set(el.name, id);
        this.located.push({ id, ref: el.source });
        return id;
    }

    private uniqueId(base: string, taken: ReadonlyMap<string, unknown>): string {
        if (!taken.has(base)) return base;
        let n = 2;
        while (taken.has(`${base}#${n}`)) n++;
        return `${base}#${n}`;
    }

    // ---- edges -------------------------------------------------------------------------------

    private addEdges(): void {
        this.addPeerings();
        for (const session of this.topology.sessions) this.addSession(session);
        for (const vnet of this.topology.vnets) {
            for (const gw of vnet.gateways) {
                for (const rs of vnet.routeServers.filter(r => r.branchToBranch)) {
                    // RT-B2B: a route server exchanges routes with the gateways of its VNet only with branch-to-branch.
                    this.edge('branch-to-branch', sessionId('branch-to-branch', rs.name, gw.name), gw, rs, `Branch-to-branch ${gw.name} ↔ ${rs.name}`,
                        [`Route Server ${rs.name} and gateway ${gw.name} exchange routes unchanged (branch-to-branch on)`]);
                }
                for (const site of gw.connections) {
                    this.edge('connection', sessionId('connection', gw.name, site.name), gw, site, `Connection ${gw.name} → ${site.name}`,
                        [`${gw.type} gateway ${gw.name} connects on-premises site ${site.name}${site.asn === undefined ? ' (static, no BGP)' : ''}`]);
                }
                this.addVnetConnections(gw);
            }
        }
    }

    /**
     * (v2) VNet-to-VNet connections: one edge per pair of gateways, whichever lists the other, in
     * name order; its details say whether both directions exist (the connection is up) or one.
     */
    private addVnetConnections(gw: Gateway): void {
        for (const other of gw.vnetConnections) {
            if (other === gw) continue;
            const [a, b] = [gw, other].sort(byName);
            const id = sessionId('connection', a.name, b.name);
            if (this.edgeById.has(id)) continue;
            const both = a.vnetConnections.includes(b) && b.vnetConnections.includes(a);
            this.edge('connection', id, a, b, `VNet-to-VNet ${a.name} ↔ ${b.name}`, [
                `VNet-to-VNet connection between ${a.type} gateway ${a.name} (${a.vnet.name}) and ${b.type} gateway ${b.name} (${b.vnet.name})`,
                both ? 'Both directions exist: the connection is up' : `Only ${gw.name} -> ${other.name} exists: the connection is down`
            ]);
        }
    }

    private addPeerings(): void {
        const pairs = new Map<string, Peering[]>();
        for (const p of this.topology.peerings) {
            if (p.from === p.to) continue;
            const [a, b] = [p.from.name, p.to.name].sort();
            const key = `${a}--${b}`;
            pairs.set(key, [...(pairs.get(key) ?? []), p]);
        }
        for (const [key, list] of pairs) {
            const first = list[0];
            const [a, b] = first.from.name < first.to.name ? [first.from, first.to] : [first.to, first.from];
            const forward = list.find(p => p.from === a);
            const backward = list.find(p => p.from === b);
            const connected = forward !== undefined && backward !== undefined;
            const direction = (from: VNet, to: VNet, p: Peering | undefined): PeeringDirection => ({
                from: from.name, to: to.name, exists: p !== undefined,
                allowVirtualNetworkAccess: p?.allowVirtualNetworkAccess ?? false,
                allowForwardedTraffic: p?.allowForwardedTraffic ?? false,
                allowGatewayTransit: p?.allowGatewayTransit ?? false,
                useRemoteGateways: p?.useRemoteGateways ?? false
            });
            const directions = [direction(a, b, forward), direction(b, a, backward)];
            const edge = this.edge('peering', `peering:${key}`, a, b, `Peering ${a.name} ↔ ${b.name}`, [
                `State: ${connected ? 'Connected' : 'Initiated'}`,
                ...directions.map(d => `${d.from} -> ${d.to}: ${d.exists ? flagDetails(d) : 'not declared'}`)
            ], list[0].source);
            edge.peeringState = connected ? 'Connected' : 'Initiated';
            edge.directions = directions;
            for (const p of list) {
                const alias = `peering:${p.from.name}->${p.to.name}`;
                this.idOf.set(p, alias);
                this.located.push({ id: alias, ref: p.source });
            }
        }
    }

    private addSession(session: BgpSession): void {
        const [a, b] = [session.left, session.right].sort(byName);
        const nva = session.nva;
        const details = [`Written as bgp ${session.left.name} <-> ${session.right.name}`];
        if (nva) {
            details.push(`NVA side (${nva.name}): asOverride ${session.asOverride}, asPathPrepend ${session.asPathPrepend}, multihop ${session.multihop}`);
            if (session.peer?.kind === 'routeServer') details.push(`Route Server instances peered: ${session.instances}, peerAsn ${session.peerAsn ?? '(none)'}`);
        }
        const edge = this.edge('bgp', sessionId('bgp', session.left.name, session.right.name), a, b, `BGP ${a.name} ↔ ${b.name}`, details, session.source);
        this.idOf.set(session, edge.id);
        this.located.push({ id: edge.id, ref: session.source });
    }

    private edge(kind: DiagramEdgeKind, baseId: string, from: BgpEndpoint | VNet, to: BgpEndpoint | VNet, name: string,
        details: string[], source?: SourceRef): MutableEdge {
        const id = this.uniqueId(baseId, this.edgeById);
        const edge: MutableEdge = {
            id, kind, source: this.idOf.get(from) ?? '', target: this.idOf.get(to) ?? '', name, details,
            labels: [], marks: [], ends: [from.name, to.name],
            ...(source ? { sourceRef: plainSource(source) } : {})
        };
        this.edges.push(edge);
        this.edgeById.set(id, edge);
        return edge;
    }

    // ---- diagnostics and state ---------------------------------------------------------------

    private attachDiagnostics(): void {
        for (const input of this.options.diagnostics ?? []) {
            const severity: DiagramSeverity = input.severity === 'hint' ? 'info' : input.severity;
            const mark: DiagramMark = { code: String(input.code), severity, message: input.message };
            let targetId = input.targetId ?? (input.target ? this.idOf.get(input.target) : undefined);
            if (targetId === undefined && input.at) targetId = this.locate(input.at);
            let direction: string | undefined;
            const alias = targetId !== undefined ? /^peering:(.+)->(.+)$/.exec(targetId) : null;
            if (alias) {
                direction = alias[1];
                targetId = `peering:${[alias[1], alias[2]].sort().join('--')}`;
            }
            const target = targetId !== undefined ? this.nodeById.get(targetId) ?? this.edgeById.get(targetId) : undefined;
            this.diagnostics.push({ ...mark, ...(target ? { targetId: target.id } : {}) });
            if (!target) continue;
            target.marks.push(mark);
            if ('directions' in target && target.directions) {
                target.directions = target.directions.map(d =>
                    (direction === undefined || d.from === direction) ? { ...d, severity: worst(d.severity, severity) } : d);
            }
        }
    }

    /** The innermost element whose source range contains the location. */
    private locate(at: SourceRef): string | undefined {
        let best: { id: string; size: number } | undefined;
        for (const { id, ref } of this.located) {
            if (ref.uri !== at.uri || !contains(ref.range, at.range)) continue;
            const size = rangeSize(ref.range);
            if (!best || size < best.size) best = { id, size };
        }
        return best?.id;
    }

    private markDownSessions(): void {
        const routing = this.options.routing;
        for (const edge of this.edges) {
            if (edge.kind === 'peering') {
                edge.labels.push(...peeringLabels(edge));
                continue;
            }
            if (edge.kind !== 'bgp') continue;
            const ends = [edge.source, edge.target].map(id => this.nodeById.get(id));
            let reason = routing?.sessionDown?.(edge.ends[0], edge.ends[1]);
            const downEnd = ends.find(n => n?.down);
            if (!reason && downEnd) reason = `${downEnd.name} has state: down`;
            // Without the engine's result, the codes that take sessions down (validation/admission.ts).
            const killer = edge.marks.find(m => m.severity === 'error' && isSessionEffect(m.code, 'session', 'engine'))
                ?? ends.flatMap(n => n?.kind === 'nva' ? n.marks : []).find(m => m.severity === 'error' && isSessionEffect(m.code, 'nva-sessions'));
            if (!reason && killer) reason = killer.code;
            if (reason) {
                edge.down = reason;
                edge.labels.push({ id: `${edge.id}/state`, kind: 'state', text: `down: ${reason}`, placement: 'center', severity: 'error' });
                edge.details = [...edge.details, `Down: ${reason}`];
            }
        }
    }
}

function peeringLabels(edge: MutableEdge): DiagramLabel[] {
    const labels: DiagramLabel[] = [];
    if (edge.peeringState === 'Initiated') {
        labels.push({ id: `${edge.id}/state`, kind: 'state', text: 'Initiated', placement: 'center', severity: 'warning' });
    }
    for (const d of edge.directions ?? []) {
        labels.push({
            id: `${edge.id}/${d.from}->${d.to}`, kind: 'flags', placement: 'center',
            text: `${d.from} → ${d.to}: ${d.exists ? shortFlags(d) : 'missing'}`,
            ...(d.severity ? { severity: d.severity } : {})
        });
    }
    return labels;
}

function shortFlags(d: PeeringDirection): string {
    const flags = [
        d.allowVirtualNetworkAccess ? '' : 'no access',
        d.allowForwardedTraffic ? 'forwarded' : '',
        d.allowGatewayTransit ? 'gatewayTransit' : '',
        d.useRemoteGateways ? 'useRemoteGateways' : ''
    ].filter(Boolean);
    return flags.length ? flags.join(', ') : 'no flags';
}

function flagDetails(d: PeeringDirection): string {
    return `allowVirtualNetworkAccess ${d.allowVirtualNetworkAccess}, allowForwardedTraffic ${d.allowForwardedTraffic}, ` +
        `allowGatewayTransit ${d.allowGatewayTransit}, useRemoteGateways ${d.useRemoteGateways}`;
}

function plainSource(ref: SourceRef): DiagramSource {
    const { start, end } = ref.range;
    return { uri: ref.uri, range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: SourceRange, inner: SourceRange): boolean {
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function rangeSize(r: SourceRange): number {
    return (r.end.line - r.start.line) * 100_000 + (r.end.character - r.start.character);
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

function isSessionEffect(code: string, ...effects: SessionEffect[]): boolean {
    const effect = sessionEffectOf(code);
    return effect !== undefined && effects.includes(effect);
}
