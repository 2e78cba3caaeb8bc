import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../language-server/src/diagram/index.js';
import { buildDiagram, layoutDiagram } from '../../language-server/src/diagram/index.js';
import type { BgpEndpoint, OnPremSite, VNet } from '../../language-server/src/model/topology.js';
import { TopologyBuilder } from './fixtures.js';

/**
 * The top-down layout (issue 15) on random topologies: hubs with or without a gateway, route
 * server, NVAs and VMs; spokes peered with one hub, two hubs or none, some with a route server
 * and sessions to hub NVAs; hub-to-hub peerings, adjacent or across other hubs; sessions between NVAs,
 * in one hub or two.
 */
const shape = fc.record({
    hubs: fc.array(fc.record({ gateway: fc.boolean(), routeServer: fc.boolean(), nvas: fc.integer({ min: 0, max: 3 }), vms: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 4 }),
    spokes: fc.array(fc.record({ hubs: fc.array(fc.nat(), { maxLength: 2 }), routeServer: fc.boolean(), vms: fc.integer({ min: 0, max: 4 }), oneWay: fc.boolean() }), { maxLength: 14 }),
    hubLinks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    /** BGP sessions between two NVAs, picked by index (the inter-region NVA pattern when they stand in different hubs). */
    nvaSessions: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 })
});

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function build(s: Shape) {
    const t = new TopologyBuilder();
    const hubs: VNet[] = [];
    const nvas: BgpEndpoint[] = [];
    s.hubs.forEach((h, i) => {
        const site: OnPremSite | undefined = h.gateway ? t.site(`dc${i}`, 65100 + i, [`172.${16 + i}.0.0/16`]) : undefined;
        hubs.push(t.vnet('hub', `hub${i}`, [`10.${i}.0.0/16`], v => {
            if (site) v.gateway(`gw${i}`, [site]);
            const rs = h.routeServer ? v.routeServer(`rs${i}`, true) : undefined;
            for (let k = 0; k < h.nvas; k++) {
                const nva = v.nva(`nva${i}${String.fromCharCode(97 + k)}`, 65001 + i, `10.${i}.2.${4 + k}`);
                nvas.push(nva);
                if (rs) t.bgp(nva, rs);
            }
            for (let k = 0; k < h.vms; k++) v.vm(`hvm${i}-${k}`, `10.${i}.3.${4 + k}`);
        }));
    });
    s.spokes.forEach((sp, i) => {
        const spoke = t.vnet('spoke', `spoke${i}`, [`10.${100 + i}.0.0/16`], v => {
            const rs = sp.routeServer ? v.routeServer(`srs${i}`) : undefined;
            if (rs && nvas.length) t.bgp(nvas[i % nvas.length], rs, { asOverride: true });
            for (let k = 0; k < sp.vms; k++) v.vm(`vm${i}-${k}`, `10.${100 + i}.1.${4 + k}`);
        });
        for (const h of new Set(sp.hubs.map(n => n % hubs.length))) {
            t.peering(spoke, hubs[h]);
            if (!sp.oneWay) t.peering(hubs[h], spoke);
        }
    });
    const paired = new Set<string>();
    for (const [a, b] of s.nvaSessions) {
        if (nvas.length < 2) break;
        const [x, y] = [a % nvas.length, b % nvas.length].sort((p, q) => p - q);
        if (x === y || paired.has(`${x}-${y}`)) continue;
        paired.add(`${x}-${y}`);
        t.bgp(nvas[x], nvas[y]);
    }
    const linked = new Set<string>();
    for (const [a, b] of s.hubLinks) {
        const [x, y] = [a % hubs.length, b % hubs.length].sort((p, q) => p - q);
        if (x === y || linked.has(`${x}-${y}`)) continue;
        linked.add(`${x}-${y}`);
        t.peering(hubs[x], hubs[y], { allowForwardedTraffic: true });
        t.peering(hubs[y], hubs[x], { allowForwardedTraffic: true });
    }
    return buildDiagram(t.build());
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.width <= b.x + b.width + 0.01 && a.y + a.height <= b.y + b.height + 0.01;

describe('top-down layout on random topologies', () => {
    it('places every node inside its VNet and the drawing, no two siblings overlap, every edge is routed, sites above one level hub row, each spoke below the hubs it has a line to, lines between hubs\' devices around the others, and no label of a peering lies on a device', async () => {
        await fc.assert(fc.asyncProperty(shape, async s => {
            const diagram = build(s);
            const layout = await layoutDiagram(diagram);
            const drawing = { x: 0, y: 0, width: layout.width, height: layout.height };
            for (const n of diagram.nodes) {
                const box = layout.nodes[n.id];
                expect(box, n.id).toBeDefined();
                expect(inside(box, drawing), `${n.id} inside the drawing`).toBe(true);
                if (n.parent) expect(inside(box, layout.nodes[n.parent]), `${n.id} inside ${n.parent}`).toBe(true);
            }
            const byParent = new Map<string, string[]>();
            for (const n of diagram.nodes) byParent.set(n.parent ?? '', [...(byParent.get(n.parent ?? '') ?? []), n.id]);
            for (const ids of byParent.values()) {
                for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
                    expect(overlaps(layout.nodes[ids[i]], layout.nodes[ids[j]]), `${ids[i]} overlaps ${ids[j]}`).toBe(false);
                }
            }
            for (const e of diagram.edges) {
                const points = layout.edges[e.id]?.points ?? [];
                expect(points.length, e.id).toBeGreaterThanOrEqual(2);
                for (const p of points) expect(Number.isFinite(p.x) && Number.isFinite(p.y) && p.x >= 0 && p.y >= 0, `${e.id} point in the drawing`).toBe(true);
            }
            const bottom = (id: string) => layout.nodes[id].y + layout.nodes[id].height;
            const sites = diagram.nodes.filter(n => n.kind === 'onprem').map(n => n.id);
            const hubs = diagram.nodes.filter(n => n.role === 'hub').map(n => n.id);
            const hubRow = hubs.filter(h => diagram.edges.some(e => e.source === h || e.target === h || diagram.nodes.some(c => c.parent === h && (e.source === c.id || e.target === c.id))));
            for (const site of sites) for (const hub of hubRow) expect(bottom(site), `${site} above ${hub}`).toBeLessThanOrEqual(layout.nodes[hub].y);
            // A spoke stands below each hub it has a line to (a peering, or a session with a device in it).
            const vnetOf = (id: string) => diagram.nodes.find(n => n.id === id)?.parent ?? id;
            const roleOf = (id: string) => diagram.nodes.find(n => n.id === id)?.role;
            for (const e of diagram.edges) {
                const [a, b] = [vnetOf(e.source), vnetOf(e.target)];
                const [hub, spoke] = roleOf(a) === 'hub' && roleOf(b) === 'spoke' ? [a, b] : roleOf(b) === 'hub' && roleOf(a) === 'spoke' ? [b, a] : [];
                if (hub && spoke) expect(bottom(hub), `${hub} above ${spoke} (${e.id})`).toBeLessThanOrEqual(layout.nodes[spoke].y);
            }
            // The hubs of the hub row stand level, whatever lines run between their devices.
            expect(new Set(hubRow.map(h => layout.nodes[h].y)).size, 'one hub row').toBeLessThanOrEqual(1);
            const devices = diagram.nodes.filter(n => n.kind !== 'vnet').map(n => layout.nodes[n.id]);
            // A line between two hubs' devices runs around every other device.
            for (const e of diagram.edges.filter(e => e.kind !== 'peering' && vnetOf(e.source) !== vnetOf(e.target) && roleOf(vnetOf(e.source)) === 'hub' && roleOf(vnetOf(e.target)) === 'hub')) {
                const points = layout.edges[e.id].points;
                const ends = [layout.nodes[e.source], layout.nodes[e.target]];
                for (let k = 1; k < points.length; k++) {
                    const p = points[k - 1], q = points[k];
                    const segment = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.max(Math.abs(p.x - q.x), 0.1), height: Math.max(Math.abs(p.y - q.y), 0.1) };
                    for (const d of devices) if (!ends.includes(d)) expect(overlaps(segment, d), `${e.id} segment ${k} crosses a device`).toBe(false);
                }
            }
            for (const e of diagram.edges.filter(e => e.kind === 'peering')) {
                for (const [id, label] of Object.entries(layout.edges[e.id].labels)) {
                    for (const d of devices) expect(overlaps(label, d), `${id} on a device`).toBe(false);
                }
            }
        }), { seed: 1515, numRuns: 100 });
    }, 120_000);
});
