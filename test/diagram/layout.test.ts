import { describe, expect, test } from 'vitest';
import type { Box, DiagramLayout, DiagramModel } from '../../language-server/src/diagram/index.js';
import { buildDiagram, layoutDiagram } from '../../language-server/src/diagram/index.js';
import { TopologyBuilder, seedRouting, seedTopology } from './fixtures.js';

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(inner: Box, outer: Box): boolean {
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function expectTidy(model: DiagramModel, layout: DiagramLayout): void {
    for (const n of model.nodes) {
        const box = layout.nodes[n.id];
        expect(box, n.id).toBeDefined();
        expect(box.width).toBeGreaterThan(0);
        expect(box.height).toBeGreaterThan(0);
        if (n.parent) expect(inside(box, layout.nodes[n.parent]), `${n.id} inside ${n.parent}`).toBe(true);
        expect(inside(box, { x: 0, y: 0, width: layout.width, height: layout.height }), `${n.id} inside the drawing`).toBe(true);
    }
    const siblings = new Map<string, string[]>();
    for (const n of model.nodes) siblings.set(n.parent ?? '', [...(siblings.get(n.parent ?? '') ?? []), n.id]);
    for (const ids of siblings.values()) {
        for (let i = 0; i < ids.length; i++) {
            for (let j = i + 1; j < ids.length; j++) {
                expect(overlaps(layout.nodes[ids[i]], layout.nodes[ids[j]]), `${ids[i]} overlaps ${ids[j]}`).toBe(false);
            }
        }
    }
    for (const e of model.edges) expect(layout.edges[e.id]?.points.length, e.id).toBeGreaterThanOrEqual(2);
}

describe('layout', () => {
    test('no sibling nodes overlap; children lie inside their VNet; every edge is routed', async () => {
        const model = buildDiagram(seedTopology().topology);
        expectTidy(model, await layoutDiagram(model));
    });

    test('flow mode: labels get room and do not overlap each other or nodes', async () => {
        const model = buildDiagram(seedTopology().topology, { routing: seedRouting, prefix: '10.2.13.0/25' });
        const layout = await layoutDiagram(model);
        expectTidy(model, layout);
        const labels = model.edges.flatMap(e => e.labels.map(l => ({ id: l.id, box: layout.edges[e.id].labels[l.id] })));
        expect(labels.length).toBeGreaterThan(5);
        for (const l of labels) expect(l.box, l.id).toBeDefined();
        for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) {
                expect(overlaps(labels[i].box, labels[j].box), `${labels[i].id} overlaps ${labels[j].id}`).toBe(false);
            }
        }
        const leaves = model.nodes.filter(n => n.kind !== 'vnet');
        for (const l of labels) for (const n of leaves) expect(overlaps(l.box, layout.nodes[n.id]), `${l.id} over ${n.id}`).toBe(false);
    });

    test('on-premises on the left, hubs in the middle, spokes on the right', async () => {
        const model = buildDiagram(seedTopology().topology);
        const { nodes } = await layoutDiagram(model);
        const right = (id: string) => nodes[id].x + nodes[id].width;
        for (const site of ['onprem:dc1', 'onprem:dc2']) {
            for (const hub of ['vnet:h1', 'vnet:h2']) expect(right(site)).toBeLessThanOrEqual(nodes[hub].x);
        }
        for (const hub of ['vnet:h1', 'vnet:h2']) expect(right(hub)).toBeLessThanOrEqual(nodes['vnet:s'].x);
    });

    test('is deterministic, and an unrelated VM added to a spoke moves neither sites nor hubs', async () => {
        const build = (extraVm: boolean) => {
            const t = new TopologyBuilder();
            const dc = t.site('dc1', 65020, ['192.168.0.0/16']);
            const hub = t.vnet('hub', 'hub1', ['10.1.0.0/16'], v => {
                v.gateway('ergw1', [dc]);
                const rs = v.routeServer('rs1', true);
                t.bgp(v.nva('fw1', 65001, '10.1.2.4'), rs);
            });
            const spoke = t.vnet('spoke', 'spoke1', ['10.10.0.0/16'], v => {
                v.vm('web1', '10.10.1.4');
                if (extraVm) v.vm('web2', '10.10.1.5');
            });
            t.peering(hub, spoke, { allowGatewayTransit: true });
            t.peering(spoke, hub, { useRemoteGateways: true });
            return buildDiagram(t.build());
        };
        const a = await layoutDiagram(build(false));
        const again = await layoutDiagram(build(false));
        expect(again).toEqual(a);
        const b = await layoutDiagram(build(true));
        expectTidy(build(true), b);
        for (const id of ['onprem:dc1', 'vnet:hub1', 'gw:ergw1', 'rs:rs1', 'nva:fw1']) {
            expect(Math.abs(b.nodes[id].x - a.nodes[id].x), id).toBeLessThanOrEqual(1);
        }
    });

    test('spokes are stacked by the hub they peer with, then by name', async () => {
        const t = new TopologyBuilder();
        const hubs = [0, 1].map(i => t.vnet('hub', `hub${i}`, [`10.${i}.0.0/16`], v => { v.routeServer(`rs${i}`); }));
        for (const s of [5, 2, 7, 0, 3, 6, 1, 4]) {
            const spoke = t.vnet('spoke', `spoke${s}`, [`10.${100 + s}.0.0/16`], v => { v.vm(`vm${s}`, `10.${100 + s}.1.4`); });
            t.peering(spoke, hubs[s % 2], { useRemoteGateways: true });
            t.peering(hubs[s % 2], spoke, { allowGatewayTransit: true });
        }
        const { nodes } = await layoutDiagram(buildDiagram(t.build()));
        const order = Object.keys(nodes).filter(id => id.startsWith('vnet:spoke')).sort((a, b) => nodes[a].y - nodes[b].y);
        expect(order).toEqual(['spoke0', 'spoke2', 'spoke4', 'spoke6', 'spoke1', 'spoke3', 'spoke5', 'spoke7'].map(n => `vnet:${n}`));
    });

    test('an empty topology lays out to an empty drawing', async () => {
        const layout = await layoutDiagram(buildDiagram(new TopologyBuilder().build()));
        expect(layout.nodes).toEqual({});
        expect(layout.edges).toEqual({});
    });
});
