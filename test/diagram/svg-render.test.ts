import { describe, expect, test } from 'vitest';
import { buildDiagram, layoutDiagram, renderSvg, renderTopologySvg } from '../../language-server/src/diagram/index.js';
import { escapeXml } from '../../language-server/src/diagram/svg-render.js';
import { seedRouting, seedTopology } from './fixtures.js';

/** The opening tags of elements with a class, e.g. `<g class="flow-drop" ...>`. */
function withClass(svg: string, cls: string): string[] {
    return [...svg.matchAll(/<[a-z]+ [^>]*class="([^"]*)"[^>]*>/g)].filter(m => m[1].split(' ').includes(cls)).map(m => m[0]);
}

/** The text content of every `<text>` element. */
function texts(svg: string): string[] {
    return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(m => m[1]);
}

function group(svg: string, opening: string): string {
    // The element's markup up to the end of its line (the renderer writes one node or edge per line).
    const start = svg.indexOf(opening);
    const end = svg.indexOf('\n', start);
    return svg.slice(start, end < 0 ? undefined : end);
}

describe('SVG renderer', () => {
    test('VNet names and ranges are written again above the lines, on a plate, so a session into a spoke leaves its header readable', async () => {
        const model = buildDiagram(seedTopology().topology);
        const layout = await layoutDiagram(model);
        const svg = renderSvg(model, layout);
        const order = ['layer-containers', 'layer-edges', 'layer-vnet-headers', 'layer-nodes'].map(l => svg.indexOf(`<g class="${l}"`));
        expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `layers in order: ${order.join(', ')}`).toBe(true);
        const layer = svg.slice(order[2], order[3]);
        const vnets = model.nodes.filter(n => n.kind === 'vnet');
        expect([...layer.matchAll(/<text class="vnet-header-name"[^>]*>([^<]*)</g)].map(m => m[1])).toEqual(vnets.map(v => v.name));
        expect([...layer.matchAll(/<text class="vnet-header-sublabel"[^>]*>([^<]*)</g)].map(m => m[1])).toEqual(vnets.map(v => escapeXml(v.sublabel)));
        // Each plate sits inside its VNet's box, under the header text.
        const plates = [...layer.matchAll(/translate\(([\d.]+),([\d.]+)\)"><rect class="vnet-header-plate" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)];
        expect(plates).toHaveLength(vnets.length);
        for (const [i, m] of plates.entries()) {
            const box = layout.nodes[vnets[i].id];
            expect(Number(m[1])).toBeCloseTo(box.x, 0);
            expect(Number(m[3]) + Number(m[5])).toBeLessThanOrEqual(box.width);
        }
        expect(layer).toContain('aria-hidden="true"');
    });

    test('names every element and has one data-node-id per node and one data-edge-id per edge', async () => {
        const { topology } = seedTopology();
        const model = buildDiagram(topology);
        const svg = renderSvg(model, await layoutDiagram(model));
        const nodeIds = [...svg.matchAll(/data-node-id="([^"]+)"/g)].map(m => m[1]);
        expect(nodeIds.sort()).toEqual(model.nodes.map(n => n.id).sort());
        const edgeIds = [...svg.matchAll(/data-edge-id="([^"]+)"/g)].map(m => m[1]);
        expect(edgeIds.sort()).toEqual(model.edges.map(e => escapeXml(e.id)).sort());
        const shown = texts(svg);
        const names = [...topology.sites, ...topology.vnets, ...topology.vnets.flatMap(v => [...v.routeServers, ...v.gateways, ...v.nvas, ...v.vms])].map(e => e.name);
        expect(names).toHaveLength(14);
        for (const name of names) expect(shown, name).toContain(name);
        for (const edge of model.edges) expect(group(svg, `data-edge-id="${escapeXml(edge.id)}"`)).toContain(`<title>${edge.name.replace(/&/g, '&amp;')}`);
        expect(withClass(svg, 'kind-vnet')).toHaveLength(3);
        expect(withClass(svg, 'role-hub')).toHaveLength(2);
        expect(withClass(svg, 'kind-bgp')).toHaveLength(4);
        expect(withClass(svg, 'initiated')).toHaveLength(1);
    });

    test('the webview variant has no inline styles; the standalone one embeds a light stylesheet on VS Code variables', async () => {
        const model = buildDiagram(seedTopology().topology);
        const layout = await layoutDiagram(model);
        const inWebview = renderSvg(model, layout);
        expect(inWebview).not.toMatch(/<style|style="/);
        const standalone = renderSvg(model, layout, { standalone: true });
        expect(standalone).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect(standalone).toContain('<style>');
        expect(standalone).toContain('var(--vscode-editor-foreground, #333333)');
        expect(standalone).toContain('<rect class="background"');
        expect(standalone).not.toContain('style="');
        const pinned = renderSvg(model, layout, { standalone: true, variables: { '--vscode-editor-background': '#1e1e1e', '--bad': 'x;}' } });
        expect(pinned).toContain('.azrs-diagram { --vscode-editor-background: #1e1e1e; }');
        expect(pinned).not.toContain('--bad');
    });

    test('diagnostics mark nodes and edges and show in their tooltips, escaped', async () => {
        const { topology, sessions } = seedTopology();
        const model = buildDiagram(topology, {
            diagnostics: [
                { code: 'missing-as-override', severity: 'warning', message: 'Routes <65515> dropped', target: sessions['nva1-rs0'] },
                { code: 'reserved-asn', severity: 'error', message: 'ASN & co', targetId: 'nva:nva2' }
            ]
        });
        const svg = renderSvg(model, await layoutDiagram(model));
        expect(withClass(svg, 'has-warning').map(t => /data-edge-id="([^"]+)"/.exec(t)?.[1])).toEqual(['bgp:nva1&lt;-&gt;rs0']);
        expect(withClass(svg, 'has-error').map(t => /data-node-id="([^"]+)"/.exec(t)?.[1])).toEqual(['nva:nva2']);
        expect(svg).toContain('warning [missing-as-override]: Routes &lt;65515&gt; dropped');
        expect(svg).toContain('error [reserved-asn]: ASN &amp; co');
    });

    test('flow mode marks the origin, each advertisement with its AS path, each drop with its reason and each install', async () => {
        const model = buildDiagram(seedTopology().topology, { routing: seedRouting, prefix: '10.2.13.0/25' });
        const svg = renderSvg(model, await layoutDiagram(model));
        expect(svg).toMatch(/class="azrs-diagram flow-mode"/);
        expect(withClass(svg, 'flow-origin').map(t => /data-node-id="([^"]+)"/.exec(t)?.[1])).toEqual(['onprem:dc1']);
        const adverts = withClass(svg, 'flow-advert');
        expect(adverts).toHaveLength(4);
        for (const [from, path] of [['er1', '12076 65021'], ['rs1', '12076 65021'], ['nva1', '65515 12076 65021'], ['rs0', '65001 65515 12076 65021']]) {
            expect(texts(svg)).toContain(`→ ${from}: ${path}`);
        }
        const drops = withClass(svg, 'flow-drop');
        expect(drops).toHaveLength(1);
        const drop = group(svg, drops[0]);
        expect(drop).toContain('data-at="rs:rs0"');
        expect(drop).toContain('>rs0: AS path contains 65515</text>');
        expect(drop).toContain('class="flow-drop-marker"');
        const installs = withClass(svg, 'flow-install');
        expect(installs).toHaveLength(2);
        expect(texts(svg)).toContain('10.2.13.0/25 → nva1 10.101.2.4, nva2 10.102.2.4');
        expect(texts(svg)).toContain('10.2.13.0/25 → VirtualNetworkGateway');
        expect(texts(svg)).toContain('Route flow of 10.2.13.0/25');
        // Elements outside the flow are dimmed, those on it are not.
        expect(withClass(svg, 'in-flow').map(t => /data-(?:node|edge)-id="([^"]+)"/.exec(t)?.[1]).sort()).toEqual([
            'bgp:nva1&lt;-&gt;rs0', 'bgp:nva1&lt;-&gt;rs1', 'branch-to-branch:rs1&lt;-&gt;er1', 'connection:er1&lt;-&gt;dc1',
            'gw:er1', 'nva:nva1', 'onprem:dc1', 'rs:rs0', 'rs:rs1', 'vm:app1', 'vm:web1'
        ]);
    });

    test('an advertisement runs from its sender to its receiver, whatever the edge orientation', async () => {
        const model = buildDiagram(seedTopology().topology, { routing: seedRouting, prefix: '10.2.13.0/25' });
        const layout = await layoutDiagram(model);
        const svg = renderSvg(model, layout);
        // dc1 -> er1 travels against the connection edge (er1 -> dc1): the path must start at dc1.
        const advert = group(svg, withClass(svg, 'flow-advert')[0]);
        const d = /class="flow-advert-line" d="M([\d.]+),([\d.]+)/.exec(advert)!;
        const dc1 = layout.nodes['onprem:dc1'], er1 = layout.nodes['gw:er1'];
        // Top-down: dc1 stands above er1, and the line leaves dc1's bottom side.
        const y = Number(d[2]);
        expect(Math.abs(y - (dc1.y + dc1.height))).toBeLessThan(Math.abs(y - er1.y));
    });

    test('renderTopologySvg gives a standalone SVG and rejects an invalid prefix', async () => {
        const { topology } = seedTopology();
        const svg = await renderTopologySvg(topology, seedRouting, [], '10.2.13.0/25');
        expect(svg).toContain('<style>');
        expect(withClass(svg, 'flow-drop')).toHaveLength(1);
        const plain = await renderTopologySvg(topology);
        expect(plain).toContain('class="azrs-diagram"');
        await expect(renderTopologySvg(topology, seedRouting, [], '10.2.13.0/99')).rejects.toThrow(/prefix length/);
    });

    test('a prefix nobody originates says so', async () => {
        const svg = await renderTopologySvg(seedTopology().topology, seedRouting, [], '10.9.0.0/16');
        expect(svg).toContain('originated nowhere in this topology');
        expect(withClass(svg, 'flow-advert')).toHaveLength(0);
    });
});
