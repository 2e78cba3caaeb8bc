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

    it('keeps the layered layout (sites, hubs, spokes, along the layout\'s direction: left to right) under the overlay', async () => {
        const nodes = nodeBoxes(await traceSvg(seed, 'app-vm', '10.2.13.10'));
        const right = (id: string) => nodes.get(id)!.x + nodes.get(id)!.width;
        const left = (id: string) => nodes.get(id)!.x;
        for (const hubDevice of ['nva:nva1', 'nva:nva2', 'gw:ergw1', 'gw:ergw2']) {
            expect(right('onprem:dc1')).toBeLessThan(left(hubDevice));
            expect(right(hubDevice)).toBeLessThan(left('vm:app-vm'));
        }
    });
});
