import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Box, DiagramLayout, DiagramModel } from '../../language-server/src/diagram/index.js';
import { buildDiagram, layoutDiagram } from '../../language-server/src/diagram/index.js';
import { headerWidth } from '../../language-server/src/diagram/layout-metrics.js';
import { TopologyBuilder, seedRouting, seedTopology } from './fixtures.js';
import { landingZone } from './landing-zone.js';
import { buildWorkspace } from '../helpers.js';

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

    test('top-down for a side panel: on-premises on top, hubs in the middle, spokes below', async () => {
        const model = buildDiagram(seedTopology().topology);
        const { nodes } = await layoutDiagram(model);
        const bottom = (id: string) => nodes[id].y + nodes[id].height;
        for (const site of ['onprem:dc1', 'onprem:dc2']) {
            for (const hub of ['vnet:h1', 'vnet:h2']) expect(bottom(site)).toBeLessThanOrEqual(nodes[hub].y);
        }
        for (const hub of ['vnet:h1', 'vnet:h2']) expect(bottom(hub)).toBeLessThanOrEqual(nodes['vnet:s'].y);
        // Inside a hub: the gateway above the route server, the route server above the NVA.
        expect(bottom('gw:er1')).toBeLessThanOrEqual(nodes['rs:rs1'].y);
        expect(bottom('rs:rs1')).toBeLessThanOrEqual(nodes['nva:nva1'].y);
    });

    test('the hubs of the hub row start at the same height, whatever they hold', async () => {
        const { services } = await buildWorkspace(readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8'));
        const model = buildDiagram(services.Azrs.analysis.WorkspaceAnalysis.get().built.topology);
        const { nodes } = await layoutDiagram(model);
        // hub1 holds a VM and hub2 none; without the alignment ELK put hub2 40 px lower.
        expect(nodes['vnet:hub2'].y).toBe(nodes['vnet:hub1'].y);
        const zone = await layoutDiagram(buildDiagram(landingZone(12, { hubs: 3, hubPeering: true })));
        expect(new Set(['vnet:hub1', 'vnet:hub2', 'vnet:hub3'].map(id => zone.nodes[id].y)).size).toBe(1);
    });

    test('two regions whose NVAs peer over BGP keep their hubs in one row, the session drawn across between them', async () => {
        // Microsoft's multi-region Route Server design (test/fixtures/field/multiregion-as-override, its SOURCE.md).
        const { services } = await buildWorkspace(readFileSync(new URL('../fixtures/field/multiregion-as-override/topology.azrs', import.meta.url), 'utf8'));
        const model = buildDiagram(services.Azrs.analysis.WorkspaceAnalysis.get().built.topology);
        const layout = await layoutDiagram(model);
        expectTidy(model, layout);
        const { nodes } = layout;
        expect(nodes['vnet:hub2'].y).toBe(nodes['vnet:hub1'].y);
        expect(nodes['vnet:hub1'].x + nodes['vnet:hub1'].width).toBeLessThanOrEqual(nodes['vnet:hub2'].x);
        const session = layout.edges['bgp:nva1<->nva2'].points;
        expect(session[0].x).toBe(nodes['nva:nva1'].x + nodes['nva:nva1'].width);
        expect(session[session.length - 1].x).toBe(nodes['nva:nva2'].x);
        for (const spoke of ['vnet:spoke1', 'vnet:spoke2']) {
            for (const hub of ['vnet:hub1', 'vnet:hub2']) expect(nodes[hub].y + nodes[hub].height, `${hub} above ${spoke}`).toBeLessThanOrEqual(nodes[spoke].y);
        }
    });

    test('a VNet is drawn at least as wide as its header, whatever ELK makes of minimum sizes', async () => {
        const model = buildDiagram(seedTopology().topology);
        const { nodes } = await layoutDiagram(model);
        for (const n of model.nodes.filter(n => n.kind === 'vnet')) expect(nodes[n.id].width, n.id).toBeGreaterThanOrEqual(headerWidth(n));
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

    test('spokes stand under the hub they peer with, in name order', async () => {
        const t = new TopologyBuilder();
        const hubs = [0, 1].map(i => t.vnet('hub', `hub${i}`, [`10.${i}.0.0/16`], v => { v.routeServer(`rs${i}`); }));
        for (const s of [5, 2, 7, 0, 3, 6, 1, 4]) {
            const spoke = t.vnet('spoke', `spoke${s}`, [`10.${100 + s}.0.0/16`], v => { v.vm(`vm${s}`, `10.${100 + s}.1.4`); });
            t.peering(spoke, hubs[s % 2], { useRemoteGateways: true });
            t.peering(hubs[s % 2], spoke, { allowGatewayTransit: true });
        }
        const { nodes } = await layoutDiagram(buildDiagram(t.build()));
        const spokes = Object.keys(nodes).filter(id => id.startsWith('vnet:spoke'));
        const right = (id: string) => nodes[id].x + nodes[id].width;
        // hub0's spokes (even) left of hub1's (odd), each group under its hub, read in name order.
        for (const even of spokes.filter(id => Number(id.slice(-1)) % 2 === 0)) {
            for (const odd of spokes.filter(id => Number(id.slice(-1)) % 2 === 1)) expect(right(even), `${even} left of ${odd}`).toBeLessThanOrEqual(nodes[odd].x);
        }
        for (const s of spokes) expect(nodes[s].y, s).toBeGreaterThanOrEqual(nodes[`vnet:hub${Number(s.slice(-1)) % 2}`].y + nodes[`vnet:hub${Number(s.slice(-1)) % 2}`].height);
        const reading = (hub: number) => spokes.filter(id => Number(id.slice(-1)) % 2 === hub).sort((a, b) => nodes[a].y - nodes[b].y || nodes[a].x - nodes[b].x);
        expect(reading(0)).toEqual(['spoke0', 'spoke2', 'spoke4', 'spoke6'].map(n => `vnet:${n}`));
        expect(reading(1)).toEqual(['spoke1', 'spoke3', 'spoke5', 'spoke7'].map(n => `vnet:${n}`));
    });

    test.each([40, 200])('%i spokes wrap into a drawing between 1:4 and 4:1, tidy, sites above hubs above spokes', async spokes => {
        const model = buildDiagram(landingZone(spokes));
        const started = performance.now();
        const layout = await layoutDiagram(model);
        const ms = performance.now() - started;
        expect(layout.width / layout.height).toBeGreaterThanOrEqual(1 / 4);
        expect(layout.width / layout.height).toBeLessThanOrEqual(4);
        expect(ms).toBeLessThan(10_000); // about 50 ms for 200 spokes (6.4 s before the blocks)
        expectTidy(model, layout);
        const { nodes } = layout;
        const bottom = (id: string) => nodes[id].y + nodes[id].height;
        const hubs = ['vnet:hub1', 'vnet:hub2'];
        for (const hub of hubs) expect(bottom('onprem:dc1')).toBeLessThanOrEqual(nodes[hub].y);
        const spokeIds = model.nodes.filter(n => n.role === 'spoke').map(n => n.id);
        for (const s of spokeIds) for (const hub of hubs) expect(bottom(hub), s).toBeLessThanOrEqual(nodes[s].y);
        // Several columns, and each peering line ends on its spoke's border.
        expect(new Set(spokeIds.map(id => nodes[id].x)).size).toBeGreaterThan(2);
        for (const e of model.edges.filter(e => e.kind === 'peering')) {
            const spoke = e.source.startsWith('vnet:spoke') ? e.source : e.target;
            const points = layout.edges[e.id].points;
            const end = e.source === spoke ? points[0] : points[points.length - 1];
            expect(end.y, e.id).toBe(nodes[spoke].y);
            for (let i = 1; i < points.length; i++) expect(points[i].x === points[i - 1].x || points[i].y === points[i - 1].y, e.id).toBe(true);
        }
    });

    test('peering labels of wrapped spokes overlap neither each other nor nodes', async () => {
        const model = buildDiagram(landingZone(24, { vmsPerSpoke: 2 }));
        const layout = await layoutDiagram(model);
        const labels = model.edges.flatMap(e => e.labels.map(l => ({ id: l.id, box: layout.edges[e.id].labels[l.id] })));
        expect(labels.length).toBe(48);
        for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i].box, labels[j].box), `${labels[i].id} overlaps ${labels[j].id}`).toBe(false);
        }
        for (const l of labels) for (const n of model.nodes) expect(overlaps(l.box, layout.nodes[n.id]), `${l.id} over ${n.id}`).toBe(false);
    });

    test('the children of a VNet fill rows in name order', async () => {
        const model = buildDiagram(landingZone(3, { vmsPerSpoke: 6 }));
        const { nodes } = await layoutDiagram(model);
        const vms = model.nodes.filter(n => n.parent === 'vnet:spoke000').map(n => n.id);
        expect(vms).toHaveLength(6);
        const rows = new Set(vms.map(id => nodes[id].y));
        expect(rows.size).toBeGreaterThan(1);
        expect(rows.size).toBeLessThan(6);
        const reading = [...vms].sort((a, b) => nodes[a].y - nodes[b].y || nodes[a].x - nodes[b].x);
        expect(reading).toEqual(vms);
    });

    test('NVAs of a hub line up in name order', async () => {
        const model = buildDiagram(landingZone(4, { hubs: 3 }));
        const { nodes } = await layoutDiagram(model);
        for (const h of [1, 2, 3]) {
            expect(nodes[`nva:fw${h}a`].y, `hub${h}`).toBe(nodes[`nva:fw${h}b`].y);
            expect(nodes[`nva:fw${h}a`].x + nodes[`nva:fw${h}a`].width, `hub${h}`).toBeLessThanOrEqual(nodes[`nva:fw${h}b`].x);
        }
    });

    test('peered hubs stand side by side, each peering on a lane of its own under them, its labels clear of every node', async () => {
        const model = buildDiagram(landingZone(12, { hubs: 3, hubPeering: true }));
        const layout = await layoutDiagram(model);
        expectTidy(model, layout);
        const { nodes } = layout;
        const hubs = ['vnet:hub1', 'vnet:hub2', 'vnet:hub3'].map(id => nodes[id]);
        for (let i = 1; i < hubs.length; i++) expect(hubs[i].x).toBeGreaterThanOrEqual(hubs[i - 1].x + hubs[i - 1].width);
        const links = model.edges.filter(e => e.source.startsWith('vnet:hub') && e.target.startsWith('vnet:hub'));
        expect(links.length).toBeGreaterThanOrEqual(2);
        const lanes = new Set<number>();
        for (const e of links) {
            const { points, labels } = layout.edges[e.id];
            const [a, b] = [nodes[e.source], nodes[e.target]];
            // From the bottom of one hub, down to its lane, across, and up into the other's bottom.
            expect(points[0].y, e.id).toBe(a.y + a.height);
            expect(points[points.length - 1].y, e.id).toBe(b.y + b.height);
            for (let i = 1; i < points.length; i++) expect(points[i].x === points[i - 1].x || points[i].y === points[i - 1].y, e.id).toBe(true);
            const lane = Math.max(...points.map(p => p.y));
            expect(lane, e.id).toBeGreaterThan(Math.max(a.y + a.height, b.y + b.height));
            lanes.add(lane);
            expect(Object.keys(labels)).toHaveLength(e.labels.length);
            for (const label of Object.values(labels)) {
                for (const n of model.nodes) expect(overlaps(label, nodes[n.id]), `${e.id} label over ${n.id}`).toBe(false);
            }
        }
        expect(lanes.size).toBe(links.length);
    });

    test('adding a spoke VM or a spoke moves neither sites nor hubs up or down', async () => {
        const a = await layoutDiagram(buildDiagram(landingZone(40)));
        const b = await layoutDiagram(buildDiagram(landingZone(40, { vmsPerSpoke: 2 })));
        const c = await layoutDiagram(buildDiagram(landingZone(41)));
        for (const id of ['onprem:dc1', 'onprem:dc2', 'vnet:hub1', 'vnet:hub2', 'nva:fw1a', 'rs:rs2']) {
            expect(b.nodes[id].y, id).toBe(a.nodes[id].y);
            expect(c.nodes[id].y, id).toBe(a.nodes[id].y);
        }
        expect(await layoutDiagram(buildDiagram(landingZone(40)))).toEqual(a);
    });

    test('hubs with no line to draw fill rows with the unpeered VNets instead of widening the hub row', async () => {
        const t = new TopologyBuilder();
        const hub = t.vnet('hub', 'hub0', ['10.0.0.0/16']);
        t.peering(t.vnet('spoke', 'spoke0', ['10.200.0.0/24']), hub);
        for (let i = 1; i <= 30; i++) t.vnet('hub', `hub${i}`, [`10.${i}.0.0/16`], v => { v.vm(`vm${i}`, `10.${i}.0.4`); });
        const model = buildDiagram(t.build());
        const layout = await layoutDiagram(model);
        expectTidy(model, layout);
        const lonely = Array.from({ length: 30 }, (_, i) => layout.nodes[`vnet:hub${i + 1}`]);
        expect(new Set(lonely.map(b => b.y)).size).toBeLessThan(15);
        expect(layout.width / layout.height).toBeGreaterThan(0.5);
    });

    test('an empty topology lays out to an empty drawing', async () => {
        const layout = await layoutDiagram(buildDiagram(new TopologyBuilder().build()));
        expect(layout.nodes).toEqual({});
        expect(layout.edges).toEqual({});
    });
});
