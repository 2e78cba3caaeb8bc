import { formatAddress, parsePrefix } from '../model/prefix.js';
import type { Topology } from '../model/topology.js';
import type { BuildDiagramOptions, DiagramAdvert, DiagramDrop, DiagramFlow } from './diagram-types.js';
import type { MutableEdge, MutableNode } from './diagram-mutable.js';
import type { RouteFlowSource } from './flow-source.js';

/**
 * The route flow of one prefix on the diagram: its origins, advertisements along the drawn
 * sessions, drops with their reason and installs with their next hops, as badges, edge labels and
 * references into the model that `diagram-model.ts` built; and the prefixes the picker offers.
 */

/** The prefixes offered by the prefix picker: the routing's, else every prefix written in the topology. */
export function diagramPrefixes(topology: Topology, routing?: RouteFlowSource): string[] {
    const texts = new Set<string>(routing?.prefixes() ?? []);
    if (!routing) {
        for (const site of topology.sites) for (const p of site.prefixes) texts.add(p.text);
        for (const vnet of topology.vnets) {
            for (const p of vnet.addressSpace) texts.add(p.text);
            for (const nva of vnet.nvas) for (const p of nva.advertises) texts.add(p.text);
        }
    }
    return [...texts].sort(comparePrefixTexts);
}

/** Canonical text of a prefix the user typed, or an error message. */
export function normalisePrefix(text: string): { prefix: string } | { error: string } {
    const parsed = parsePrefix(text.trim());
    if (parsed.ok) return { prefix: parsed.prefix.text };
    if (parsed.reason === 'host-bits') return { prefix: parsed.normalized.text };
    return { error: parsed.message };
}

function comparePrefixTexts(a: string, b: string): number {
    const pa = parsePrefix(a), pb = parsePrefix(b);
    if (pa.ok && pb.ok) return pa.prefix.network - pb.prefix.network || pa.prefix.length - pb.prefix.length;
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds the flow of `options.prefix` (or `options.flow`) to the nodes and edges of a built diagram. */
export class DiagramFlowBuilder {
    constructor(
        private readonly topology: Topology,
        private readonly options: BuildDiagramOptions,
        private readonly edges: readonly MutableEdge[],
        private readonly nodeById: ReadonlyMap<string, MutableNode>,
        private readonly nodeIdByName: ReadonlyMap<string, string>
    ) { }

    build(): DiagramFlow | undefined {
        const { routing, prefix } = this.options;
        let flow = this.options.flow;
        if (!flow && prefix === undefined) return undefined;
        if (!flow) {
            const normal = normalisePrefix(prefix ?? '');
            if ('error' in normal) return { prefix: prefix ?? '', error: normal.error, origins: [], adverts: [], drops: [], installs: [] };
            flow = (routing ?? { flow: (p: string) => ({ prefix: p, origins: [], advertisements: [], drops: [], installs: [] }) }).flow(normal.prefix);
        }
        const origins: Array<DiagramFlow['origins'][number]> = [];
        const adverts: DiagramAdvert[] = [];
        const drops: DiagramDrop[] = [];
        const installs: Array<DiagramFlow['installs'][number]> = [];

        for (const origin of flow.origins) {
            const node = this.nodeByName(origin.at);
            if (!node) continue;
            const badgeId = `${node.id}/origin`;
            if (node.badges.some(b => b.id === badgeId)) continue;
            node.badges.push({ id: badgeId, kind: 'origin', text: `originates ${flow.prefix}${origin.note ? ` (${origin.note})` : ''}` });
            origins.push({ nodeId: node.id, badgeId });
        }
        flow.advertisements.forEach((ad, i) => {
            const from = this.nodeByName(ad.from), to = this.nodeByName(ad.to);
            if (!from || !to) return;
            const edge = this.edgeBetween(from.id, to.id);
            const path = ad.asPath.length ? ad.asPath.join(' ') : '(empty)';
            const text = `→ ${to.name}: ${path}`;
            const id = `advert:${i + 1}`;
            let labelId: string | undefined;
            if (edge) {
                labelId = `${edge.id}/${id}`;
                edge.labels.push({ id: labelId, kind: 'advert', text, placement: 'center' });
            }
            adverts.push({
                id, from: from.id, to: to.id, asPath: [...ad.asPath], text,
                ...(edge ? { edgeId: edge.id, labelId } : {}), ...(ad.nextHop ? { nextHop: ad.nextHop } : {})
            });
        });
        flow.drops.forEach((drop, i) => {
            const at = this.nodeByName(drop.at);
            if (!at) return;
            const from = drop.from !== undefined ? this.nodeByName(drop.from) : undefined;
            const edge = from ? this.edgeBetween(from.id, at.id) : undefined;
            const id = `drop:${i + 1}`;
            const text = `${at.name}: ${drop.reason}`;
            const base = { id, nodeId: at.id, text, ...(from ? { fromNodeId: from.id } : {}) };
            if (edge) {
                const labelId = `${edge.id}/${id}`;
                edge.labels.push({ id: labelId, kind: 'drop', text, placement: edge.source === at.id ? 'tail' : 'head', severity: 'warning' });
                drops.push({ ...base, edgeId: edge.id, labelId });
            } else {
                const badgeId = `${at.id}/${id}`;
                at.badges.push({ id: badgeId, kind: 'drop', text: `✕ ${from ? `from ${from.name}: ` : ''}${drop.reason}` });
                drops.push({ ...base, badgeId });
            }
        });
        for (const install of flow.installs) {
            const node = this.nodeByName(install.vm);
            if (!node || node.kind !== 'vm') continue;
            const badgeId = `${node.id}/install`;
            const hops = install.nextHopIpAddress.map(ip => this.describeNextHop(ip));
            const via = hops.length ? hops.join(', ') : install.nextHopType;
            node.badges.push({
                id: badgeId, kind: 'install', text: `${flow.prefix} → ${via}${install.state === 'Invalid' ? ' (Invalid)' : ''}`,
                ...(install.state === 'Invalid' ? { invalid: true } : {})
            });
            installs.push({ nodeId: node.id, badgeId, nextHops: [...install.nextHopIpAddress] });
        }
        return { prefix: flow.prefix, origins, adverts, drops, installs };
    }

    private nodeByName(name: string): MutableNode | undefined {
        const id = this.nodeIdByName.get(name);
        return id !== undefined ? this.nodeById.get(id) : undefined;
    }

    /** The drawn session between two nodes: a BGP session first, then a branch-to-branch link or a connection. */
    private edgeBetween(a: string, b: string): MutableEdge | undefined {
        const joins = (e: MutableEdge) => (e.source === a && e.target === b) || (e.source === b && e.target === a);
        return this.edges.find(e => e.kind === 'bgp' && !e.down && joins(e))
            ?? this.edges.find(e => e.kind !== 'peering' && joins(e));
    }

    /** `fw1 10.1.2.4` when an NVA (or the load balancer in front of it) has that address. */
    private describeNextHop(ip: string): string {
        for (const vnet of this.topology.vnets) {
            for (const nva of vnet.nvas) {
                if (nva.nextHopText === ip || nva.ipText === ip || (nva.nextHop !== undefined && formatAddress(nva.nextHop) === ip)) {
                    return `${nva.name} ${ip}`;
                }
            }
        }
        return ip;
    }
}
