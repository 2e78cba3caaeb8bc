import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../helpers.js';

const DUAL_HOMED = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');
const BROKEN = readFileSync(new URL('../../samples/dual-homed-er-broken/dual-homed-er-broken.azrs', import.meta.url), 'utf8');

async function hoverAt(text: string, needle: string, occurrence = 0, shift = 1): Promise<string> {
    const { services, documents } = await buildWorkspace(text);
    const doc = documents[0];
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) offset = doc.textDocument.getText().indexOf(needle, offset + 1);
    expect(offset, `'${needle}' not found`).toBeGreaterThanOrEqual(0);
    const hover = await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, {
        textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset + shift)
    });
    const contents = hover?.contents as { value: string } | undefined;
    return contents?.value ?? '';
}

/** The table rows of a Markdown hover: `Source State Prefix Type IPs`. */
function rows(markdown: string): string[] {
    return markdown.split('\n').filter(l => /^\| (Default|User|VirtualNetworkGateway) \|/.test(l))
        .map(l => l.split('|').slice(1, -1).map(c => c.trim()).join(' '));
}

describe('hover', () => {
    it('shows a VM its effective routes like the portal: each data centre via its own hub NVA (T5)', async () => {
        const md = await hoverAt(DUAL_HOMED, '  vm app-vm', 0, 6);
        expect(md).toContain('**VM app-vm** · 10.200.0.10 · spoke/app');
        expect(md).toContain('| Source | State | Address prefixes | Next hop type | Next hop IP |');
        expect(rows(md)).toEqual([
            'Default Active 0.0.0.0/0 Internet -',
            'Default Active 10.0.0.0/8 None -',
            'VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10',
            'VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway 10.102.3.10',
            'Default Active 10.100.0.0/24 VnetLocal -',
            'Default Active 10.101.0.0/16 VNetGlobalPeering -',
            'Default Active 10.102.0.0/16 VNetPeering -',
            'Default Active 10.200.0.0/24 VnetLocal -',
            'Default Active 100.64.0.0/10 None -',
            'Default Active 172.16.0.0/12 None -',
            'Default Active 192.168.0.0/16 None -'
        ]);
    });

    it('shows the same kind of table on a subnet and on a VNet name', async () => {
        const subnet = await hoverAt(DUAL_HOMED, 'subnet app', 0, 8);
        expect(subnet).toContain('**Subnet app** of spoke · 10.200.0.0/24');
        expect(rows(subnet)).toContain('VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10');
        const vnet = await hoverAt(DUAL_HOMED, 'spoke spoke {', 0, 7);
        expect(vnet).toContain('**Spoke spoke** · 10.100.0.0/24, 10.200.0.0/24');
        expect(rows(vnet)).toContain('Default Active 10.102.0.0/16 VNetPeering -');
    });

    it('shows what a route server learned, dropped and why, and what it programs', async () => {
        const md = await hoverAt(BROKEN, 'routeServer rs0', 0, 13);
        expect(md).toContain('**Route server rs0** in spoke');
        expect(md).toMatch(/10\.2\.13\.0\/25 \[65001 65515 12076 65021\]: AS path contains 65515/);
        expect(md).toContain('Programs into spoke');
    });

    it('shows an NVA its sessions with AS paths', async () => {
        const md = await hoverAt(DUAL_HOMED, 'nva nva1', 0, 5);
        expect(md).toContain('**NVA nva1** · AS 65001 · 10.101.3.10');
        expect(md).toContain('**bgp nva1 <-> rs0** · up');
        expect(md).toMatch(/Advertises to rs0:\n(- .*\n)*- 10\.2\.13\.0\/25 \[65001 65001 12076 65021\]/);
        expect(md).toMatch(/Receives from rs1:\n(- .*\n)*- 10\.2\.13\.0\/25 \[65515 12076 65021\]/);
    });

    it('shows a bgp session the routes each way and the dropped ones with the reason', async () => {
        const md = await hoverAt(BROKEN, 'bgp nva1 <-> rs0', 0, 1);
        expect(md).toContain('**bgp nva1 <-> rs0**');
        expect(md).toMatch(/nva1 → rs0:\n(- .*\n)*- 10\.2\.13\.0\/25 \[65001 65515 12076 65021\] — dropped at rs0: AS path contains 65515/);
        expect(md).toMatch(/rs0 → nva1:\n(- .*\n)*- 10\.100\.0\.0\/24 \[65515\]/);
    });

    it('shows which objects contain or overlap a prefix literal', async () => {
        const md = await hoverAt(DUAL_HOMED, '10.200.0.10', 0, 2);
        expect(md).toContain('Inside: Spoke spoke (10.200.0.0/24), subnet spoke/app (10.200.0.0/24)');
    });

    it('keeps large tables readable with a "… N more" line', async () => {
        const prefixes = Array.from({ length: 120 }, (_, i) => `172.${16 + (i >> 4)}.${(i & 15) * 16}.0/20`).join(', ');
        const text = `onprem dc { asn: 65020, prefixes: [${prefixes}] }
hub h { addressSpace: [10.0.0.0/16]
  gateway gw { type: ExpressRoute, connections: [dc] }
  vm v { ip: 10.0.0.4 } }`;
        const md = await hoverAt(text, 'vm v', 0, 3);
        expect(rows(md)).toHaveLength(40);
        expect(md).toMatch(/… \d+ more \(run `azrs routes --subnet h\/default` for all\)/);
    });
});

describe('caching', () => {
    it('computes routes once per workspace build, never per hover', async () => {
        const { services, documents } = await buildWorkspace(DUAL_HOMED);
        const doc = documents[0];
        const analysis = services.Azrs.analysis.WorkspaceAnalysis;
        const before = analysis.get();
        const position = doc.textDocument.positionAt(doc.textDocument.getText().indexOf('  vm app-vm') + 6);
        for (let i = 0; i < 3; i++) {
            await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position });
        }
        expect(analysis.get()).toBe(before);
        // Any document update starts a new build, which computes a new analysis.
        await services.shared.workspace.DocumentBuilder.update([], []);
        expect(analysis.get()).not.toBe(before);
    });
});

describe('code lens', () => {
    it('summarises each VM: route count, default route, invalid rows', async () => {
        const text = readFileSync(new URL('../../samples/default-route-injection/default-route-injection.azrs', import.meta.url), 'utf8');
        const { services, documents } = await buildWorkspace(text);
        // The NVA, gateway and route server lenses (what their failure breaks) are tested in failover-lens.test.ts.
        const lenses = (await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } }))!
            .filter(l => l.command!.command === 'azrs.showEffectiveRoutes');
        // v2 (docs/semantics.md §4.1): the BGP 0/0 from fw1 leaves out the Default Internet row (v1: the
        // one invalid row) and the four None rows, so web1 and web2 have 3 rows (v1: 8).
        expect(lenses.map(l => l.command!.title)).toEqual([
            '3 routes · 0.0.0.0/0 via fw1',
            '3 routes · 0.0.0.0/0 via fw1',
            '7 routes · 0.0.0.0/0 via Internet'
        ]);
        expect(lenses![0].command).toMatchObject({ command: 'azrs.showEffectiveRoutes', arguments: ['web1'] });
    });
});
