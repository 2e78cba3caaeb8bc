import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ast from '../../language-server/src/generated/ast.js';
import { buildWorkspace, codes } from '../helpers.js';

const LANGUAGE_EXAMPLE = /```azrs\n([\s\S]*?)```/.exec(readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8'))?.[1];

describe('parsing', () => {
    it('parses the example of docs/language.md §2: no syntax or linking error, two true findings', async () => {
        expect(LANGUAGE_EXAMPLE).toBeDefined();
        const { documents, diagnostics } = await buildWorkspace(LANGUAGE_EXAMPLE!);
        // fw1 advertises 0.0.0.0/0 and its own subnet has no 0.0.0.0/0 -> Internet route; and (v2,
        // docs/language.md §3 bgp-route-bypasses-udr) rt-workload sends 0.0.0.0/0 to fw1 while ergw1
        // programs dc1's 192.168.0.0/16 into the workload subnet, so on-premises traffic skips fw1.
        expect(codes(diagnostics[0])).toEqual(['nva-default-route-loop', 'bgp-route-bypasses-udr']);
        const model = documents[0].parseResult.value;
        expect(model.name).toBe('dual-homed-er');
        expect(model.elements.map(e => e.$type)).toEqual(['OnPrem', 'VNet', 'VNet', 'Peering', 'Peering', 'BgpSession', 'RouteTable']);
        const hub = model.elements.find(ast.isVNet)!;
        expect(hub.role).toBe('hub');
        expect(hub.addressSpace).toEqual(['10.1.0.0/16']);
        expect(hub.region).toBe('westeurope');
        expect(hub.subnets.map(s => [s.name, s.prefix, s.routeTable?.ref?.name])).toEqual([
            ['nva-subnet', '10.1.2.0/24', undefined], ['workload', '10.1.3.0/24', 'rt-workload']]);
        expect(hub.routeServers[0]).toMatchObject({ name: 'rs1', subnet: '10.1.0.0/26', branchToBranch: true, hubRoutingPreference: 'ExpressRoute' });
        expect(hub.gateways[0]).toMatchObject({ name: 'ergw1', type: 'ExpressRoute', subnet: '10.1.1.0/27' });
        expect(hub.gateways[0].connections.map(c => c.ref?.name)).toEqual(['dc1']);
        expect(hub.nvas[0]).toMatchObject({ name: 'fw1', ip: '10.1.2.4', asn: 65001, advertises: ['0.0.0.0/0'], nextHop: '10.1.2.100', state: 'up' });
        const bgp = model.elements.find(ast.isBgpSession)!;
        expect(bgp).toMatchObject({ asOverride: true, asPathPrepend: 0, multihop: true, instances: 2, peerAsn: 65001 });
        expect([bgp.left.ref?.name, bgp.right.ref?.name]).toEqual(['fw1', 'rs1']);
        const rt = model.elements.find(ast.isRouteTable)!;
        expect(rt.disableBgpRoutePropagation).toBe(false);
        expect(rt.routes.map(r => [r.name, r.prefix, r.nextHopType, r.nextHop?.ref?.name])).toEqual([
            ['to-internet', '0.0.0.0/0', 'VirtualAppliance', 'fw1'], ['blackhole', '10.99.0.0/16', 'None', undefined]]);
    });

    it('accepts blocks left out, commas or newlines between properties, and trailing commas in lists', async () => {
        const { documents, diagnostics } = await buildWorkspace(`
            onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16, 172.16.0.0/12,], }
            hub hub1 { addressSpace: [10.1.0.0/16], nva fw1 { ip: 10.1.2.4, asn: 65001 }, routeServer rs1 { subnet: 10.1.0.0/26 } }
            spoke spoke1 { addressSpace: [10.10.0.0/16] }
            vnet plain
            peering spoke1 -> hub1
            peering hub1 -> spoke1 {}
            bgp fw1 <-> rs1
        `);
        expect(diagnostics[0].filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
        const model = documents[0].parseResult.value;
        expect(model.elements).toHaveLength(7);
        expect(model.elements.find(ast.isOnPrem)!.prefixes).toEqual(['192.168.0.0/16', '172.16.0.0/12']);
    });

    it('lets keywords serve as names', async () => {
        const { documents, diagnostics } = await buildWorkspace(`
            hub hub { addressSpace: [10.0.0.0/16]
              subnet nva { prefix: 10.0.1.0/24 }
              subnet route { prefix: 10.0.2.0/24 }
              nva gateway { ip: 10.0.1.4, asn: 65001 }
              routeServer bgp { subnet: 10.0.0.0/26 }
            }
            bgp gateway <-> bgp
            routeTable routeTable { route onprem { prefix: 0.0.0.0/0, nextHopType: Internet } }
        `);
        expect(diagnostics[0].filter(d => d.severity === 1)).toEqual([]);
        const hub = documents[0].parseResult.value.elements.find(ast.isVNet)!;
        expect(hub.name).toBe('hub');
        expect(hub.subnets.map(s => s.name)).toEqual(['nva', 'route']);
        const bgp = documents[0].parseResult.value.elements.find(ast.isBgpSession)!;
        expect([bgp.left.ref?.$type, bgp.right.ref?.$type]).toEqual(['Nva', 'RouteServer']);
    });

    it('reads hyphenated names, including one followed directly by an arrow', async () => {
        const { documents, diagnostics } = await buildWorkspace(`
            hub hub-weu { addressSpace: [10.0.0.0/16] }
            spoke spoke-a-1 { addressSpace: [10.1.0.0/16] }
            peering spoke-a-1->hub-weu
            peering hub-weu -> spoke-a-1
        `);
        expect(diagnostics[0]).toEqual([]);
        const peering = documents[0].parseResult.value.elements.find(ast.isPeering)!;
        expect([peering.from.ref?.name, peering.to.ref?.name]).toEqual(['spoke-a-1', 'hub-weu']);
    });

    it('keeps /** doc */ comments for hover', async () => {
        const { services, documents } = await buildWorkspace('/** The main data centre. */\nonprem dc1 { asn: 65020 }');
        const site = documents[0].parseResult.value.elements[0];
        expect(services.Azrs.documentation.DocumentationProvider.getDocumentation(site)).toContain('The main data centre.');
    });

    it('lexes malformed IPv4 literals so that the validator reports them', async () => {
        const { diagnostics } = await buildWorkspace('hub h { addressSpace: [10.300.0.0/16] }');
        expect(codes(diagnostics[0])).toEqual(['invalid-prefix']);
    });

    it('says which character the lexer skipped, with no offsets (a half-typed address, a stray accent, a control character)', async () => {
        const { diagnostics } = await buildWorkspace('hub h { addressSpace: [10.0.0.0/16] vm v { ip: 10.0.1. } }\nspoke s { addressSpace: [10.1.0.0/16] } é \u0007');
        const lexing = diagnostics[0].filter(d => (d.data as { code?: string } | undefined)?.code === 'lexing-error').map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
        expect(lexing).toEqual([
            "1:54 Unexpected character '.'. An address has four numbers (10.1.2.4), a prefix four numbers and a length (10.1.0.0/16).",
            "2:41 Unexpected character 'é'. Names are ASCII letters, digits, _ and -; comments start with // or /*.",
            "2:43 Unexpected character 'U+0007'. Names are ASCII letters, digits, _ and -; comments start with // or /*."
        ]);
    });

    it('rejects IPv6 with a clear message and nothing else', async () => {
        const { diagnostics } = await buildWorkspace('hub h { addressSpace: [2001:db8::/32] }\nspoke s { addressSpace: [10.0.0.0/16] vm v { ip: fe80::1 } }');
        expect(diagnostics[0]).toHaveLength(2);
        for (const d of diagnostics[0]) {
            expect(d.severity).toBe(1);
            expect(d.message).toMatch(/^IPv6 is not supported/);
        }
        expect(diagnostics[0][0].range.start).toEqual({ line: 0, character: 23 });
    });

    it('recovers from a typo: the rest of the file is still parsed and linked', async () => {
        const { documents, diagnostics } = await buildWorkspace(`
            hub hub1 { addressSpace: [10.1.0.0/16] nva fw1 { ip: 10.1.2.4 asn: 65001 } }
            spoke spoke1 { adressSpace: [10.10.0.0/16] }
            spoke spoke2 { addressSpace: [10.20.0.0/16] }
            peering spoke2 -> hub1
            peering hub1 -> spoke2
        `);
        const errors = diagnostics[0].filter(d => d.severity === 1);
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.length).toBeLessThanOrEqual(3);
        expect(errors.every(e => e.range.start.line === 2)).toBe(true);
        const names = documents[0].parseResult.value.elements.map(e => 'name' in e ? e.name : e.$type);
        expect(names).toContain('spoke2');
        expect(names.filter(n => n === 'Peering')).toHaveLength(2);
    });

    it('gives a short syntax message that does not list every keyword', async () => {
        const { diagnostics } = await buildWorkspace('hub h { addressSpace: [10.0.0.0/16] bogus: 1 }');
        const message = String(diagnostics[0][0].message);
        expect(message.length).toBeLessThan(200);
        expect(message).toContain("'bogus'");
    });

    it('survives random bytes, a half-typed line and deep nesting', async () => {
        const inputs = [
            '\u0000\u0001\u00ff{{{{]]]::: ->-> <-> 1.2.3',
            'hub h { addressSpace: [10.0.',
            'peering a -> ',
            '{'.repeat(2000) + '}'.repeat(2000),
            'bgp <-> {',
            'routeTable r { route x { nextHop: '
        ];
        for (const text of inputs) {
            const { diagnostics } = await buildWorkspace(text);
            expect(diagnostics[0].length).toBeGreaterThan(0);
        }
    });
});
