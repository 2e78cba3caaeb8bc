import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceOf } from '../../language-server/src/analysis/diagram-views.js';
import { buildDiagram, layoutDiagram, renderSvg, routeFlowSource } from '../../language-server/src/diagram/index.js';
import type { Box } from '../../language-server/src/diagram/layout.js';
import { boxesOverlap } from '../../language-server/src/diagram/trace-labels.js';
import { withTrace } from '../../language-server/src/diagram/trace-overlay.js';
import { buildWorkspace } from '../helpers.js';

const seed = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');
const returnBroken = seed
    .replace('connections: [dc2]', 'connections: [dc2, dc1]')
    .replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }')
    .replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1');

/** The SVG of a trace, as the webview and `azrs diagram --trace` draw it. */
async function traceSvg(text: string, from: string, to: string) {
    const { services } = await buildWorkspace(text);
    const analysis = services.Azrs.analysis.WorkspaceAnalysis.get();
    const { topology } = analysis.built;
    const model = withTrace(buildDiagram(topology, { routing: routeFlowSource(topology, analysis.routing), diagnostics: analysis.findings }), traceOf(analysis, from, to));
    return renderSvg(model, await layoutDiagram(model));
}

const num = (s: string) => Number(s);

/** The device boxes drawn (the node layer: VNets are containers, drawn below it), in SVG coordinates. */
function nodeBoxes(svg: string): Map<string, Box> {
    const layer = svg.slice(svg.indexOf('<g class="layer-nodes">'), svg.indexOf('<g class="layer-labels">'));
    const out = new Map<string, Box>();
    for (const m of layer.matchAll(/data-node-id="([^"]+)" transform="translate\(([-\d.]+),([-\d.]+)\)">[\s\S]*?<rect class="node-box" x="0" y="0" width="([\d.]+)" height="([\d.]+)"/g)) {
        out.set(m[1], { x: num(m[2]), y: num(m[3]), width: num(m[4]), height: num(m[5]) });
    }
    return out;
}

function hopLabels(svg: string): Array<{ text: string; box: Box }> {
    return [...svg.matchAll(/<g class="trace-label [^"]*"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*\/><text[^>]*>([^<]*)<\/text>/g)]
        .map(m => ({ text: m[5], box: { x: num(m[1]), y: num(m[2]), width: num(m[3]), height: num(m[4]) } }));
}

describe('trace overlay geometry', () => {
    for (const [name, text, from, to] of [
        ['the seed, app-vm to dc1', seed, 'app-vm', '10.2.13.10'],
        ['the broken return path, app-vm to dc1', returnBroken, 'app-vm', 'dc1'],
        ['the seed, dc2 to app-vm', seed, 'dc2', 'app-vm']
    ] as const) {
        it(`${name}: every hop is labelled, and no hop label's box overlaps a node's box or another label`, async () => {
            const svg = await traceSvg(text, from, to);
            const nodes = nodeBoxes(svg);
            expect(nodes.size).toBeGreaterThan(8);
            const labels = hopLabels(svg);
            const hops = [...svg.matchAll(/<path class="trace-(forward|return)"/g)].length;
            expect(hops).toBeGreaterThan(0);
            expect(labels).toHaveLength(hops);
            for (const label of labels) {
                for (const [id, box] of nodes) expect(boxesOverlap(label.box, box), `label ${label.text} over ${id}`).toBe(false);
                for (const other of labels) if (other !== label) expect(boxesOverlap(label.box, other.box), `label ${label.text} over label ${other.text}`).toBe(false);
            }
        });
    }

    for (const [name, text, from, to] of [
        ['the seed, app-vm to dc1', seed, 'app-vm', '10.2.13.10'],
        ['the broken return path, app-vm to dc1', returnBroken, 'app-vm', 'dc1'],
        ['the seed, dc2 to app-vm', seed, 'dc2', 'app-vm']
    ] as const) {
        it(`${name}: every hop's line runs around the devices between its two ends, in horizontal and vertical segments`, async () => {
            const svg = await traceSvg(text, from, to);
            const nodes = nodeBoxes(svg);
            const idOf = (device: string) => [...nodes.keys()].find(id => id.slice(id.indexOf(':') + 1) === device);
            const hops = [...svg.matchAll(/<path class="trace-(?:forward|return)" d="([^"]+)"[^>]*><title>[a-z]+ hop \d+: (\S+) -&gt; (\S+)<\/title>/g)];
            expect(hops.length).toBeGreaterThan(2);
            for (const [, d, a, b] of hops) {
                const points = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map(m => ({ x: num(m[1]), y: num(m[2]) }));
                const ends = new Set([idOf(a), idOf(b)]);
                for (let i = 1; i < points.length; i++) {
                    const p = points[i - 1], q = points[i];
                    expect(Math.abs(p.x - q.x) < 0.2 || Math.abs(p.y - q.y) < 0.2, `${a} -> ${b}: segment ${i} is neither horizontal nor vertical`).toBe(true);
                    const segment: Box = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.max(Math.abs(p.x - q.x), 0.1), height: Math.max(Math.abs(p.y - q.y), 0.1) };
                    for (const [id, box] of nodes) {
                        if (!ends.has(id)) expect(boxesOverlap(segment, box), `${a} -> ${b}: segment ${i} crosses ${id}`).toBe(false);
                    }
                }
            }
        });
    }

    it('keeps the layered layout (sites, hubs, spokes, top-down for a side panel) under the overlay', async () => {
        const nodes = nodeBoxes(await traceSvg(seed, 'app-vm', '10.2.13.10'));
        const bottom = (id: string) => nodes.get(id)!.y + nodes.get(id)!.height;
        const top = (id: string) => nodes.get(id)!.y;
        for (const hubDevice of ['nva:nva1', 'nva:nva2', 'gw:ergw1', 'gw:ergw2']) {
            expect(bottom('onprem:dc1')).toBeLessThan(top(hubDevice));
            expect(bottom(hubDevice)).toBeLessThan(top('vm:app-vm'));
        }
    });
});
