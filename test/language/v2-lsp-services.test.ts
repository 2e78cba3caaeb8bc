import { describe, expect, it } from 'vitest';
import { expectCompletion, expectFormatting, expectGoToDefinition } from 'langium/test';
import { buildWorkspace, createTestServices } from '../helpers.js';

/** Editor services on the v2 constructs (docs/language.md §2 "v2 additions", §4). */

const azrs = createTestServices().Azrs;

const V2 = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
onprem branch-static { prefixes: [172.20.0.0/16] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet workload { prefix: 10.1.3.0/24, routeTable: rt-app }
  subnet trust { prefix: 10.1.2.0/24 }
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [branch-static, vpngw2], nextHopIps: [10.1.255.4, 10.1.255.5], routeTable: rt-gw }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
  nva fw1 {
    nic untrust { ip: 10.1.1.4 }
    nic trust { ip: 10.1.2.4 }
  }
  vm app1 { ip: 10.1.3.10 }
}
vnet branch {
  addressSpace: [10.200.0.0/16]
  gateway vpngw2 { type: Vpn, asn: 65200, subnet: 10.200.255.0/27, connections: [vpngw1] }
  vm branch-vm { ip: 10.200.1.4 }
}
routeTable rt-app { route all { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw } }
routeTable rt-gw { route to-app { prefix: 10.1.3.0/24, nextHopType: VirtualAppliance, nextHop: fw1 } }
intent app-to-branch { from: hub1/workload, to: branch-vm, via: [azfw] }
`;

async function labelsAt(text: string): Promise<string[]> {
    let labels: string[] = [];
    await expectCompletion(azrs)({ text, index: 0, assert: list => { labels = list.items.map(i => i.label); } });
    return labels;
}

describe('completion of the v2 constructs', () => {
    it('offers the new property names', async () => {
        expect(await labelsAt('hub h { gateway g { <|> } }')).toEqual(expect.arrayContaining(['nextHopIps', 'routeTable', 'connections']));
        expect(await labelsAt('hub h { nva n { <|> } }')).toEqual(expect.arrayContaining(['nic', 'stateful', 'ip', 'asn']));
        expect(await labelsAt('hub h { nva n { nic a { <|> } } }')).toEqual(['ip']);
        expect(await labelsAt('hub h { firewall f { <|> } }')).toEqual(expect.arrayContaining(['subnet', 'ip']));
        expect(await labelsAt('hub h { <|> }')).toContain('firewall');
        expect(await labelsAt('intent i { <|> }')).toEqual(expect.arrayContaining(['from', 'to', 'via', 'reachable']));
        expect(await labelsAt('<|>')).toContain('intent');
    });

    it('offers the enum values of the new properties', async () => {
        expect(await labelsAt('hub h { nva n { stateful: <|> } }')).toEqual(expect.arrayContaining(['true', 'false']));
        expect(await labelsAt('intent i { reachable: <|> }')).toEqual(expect.arrayContaining(['true', 'false']));
    });

    it('offers gateways and sites in connections, firewalls as a next hop, intent ends of the right kinds', async () => {
        const connections = await labelsAt(V2 + 'vnet x { gateway gx { type: Vpn, connections: [<|>] } }');
        expect(connections).toEqual(expect.arrayContaining(['dc1', 'branch-static', 'vpngw1', 'vpngw2']));
        expect(connections).not.toContain('azfw');
        const nextHop = await labelsAt(V2 + 'routeTable r { route x { nextHop: <|> } }');
        expect(nextHop).toEqual(expect.arrayContaining(['azfw', 'fw1']));
        expect(nextHop).not.toContain('app1');
        const from = await labelsAt(V2 + 'intent i { from: <|> }');
        expect(from).toEqual(expect.arrayContaining(['app1', 'branch-vm', 'fw1', 'azfw', 'dc1', 'hub1/workload', 'hub1/trust']));
        expect(from).toContain('hub1');
        expect(from).not.toContain('rt-app');
        expect(from).not.toContain('vpngw1');
        const via = await labelsAt(V2 + 'intent i { via: [<|>] }');
        expect(via).toEqual(expect.arrayContaining(['azfw', 'fw1']));
        expect(via).not.toContain('app1');
        expect(await labelsAt(V2 + 'hub y { gateway gy { routeTable: <|> } }')).toEqual(expect.arrayContaining(['rt-app', 'rt-gw']));
    });

    it('completes a subnet written VNET/SUBNET after the slash, replacing the whole name', async () => {
        await expectCompletion(azrs)({
            text: V2 + 'intent i { from: hub1/w<|> }', index: 0,
            assert: list => {
                const item = list.items.find(i => i.label === 'hub1/workload');
                expect(item?.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined)
                    .toEqual({ start: { line: 22, character: 17 }, end: { line: 22, character: 23 } });
            }
        });
    });
});

async function hoverAt(text: string, needle: string, shift: number): Promise<string> {
    const { services, documents } = await buildWorkspace(text);
    const doc = documents[0];
    const offset = doc.textDocument.getText().indexOf(needle);
    expect(offset, needle).toBeGreaterThanOrEqual(0);
    const hover = await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, {
        textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset + shift)
    });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

const rows = (md: string) => md.split('\n').filter(l => /^\| (Default|User|VirtualNetworkGateway) \|/.test(l))
    .map(l => l.split('|').slice(1, -1).map(c => c.trim()).join(' '));

describe('hover on the v2 constructs', () => {
    it('a firewall shows its AzureFirewallSubnet\'s effective routes, like a VM', async () => {
        const md = await hoverAt(V2, 'firewall azfw', 10);
        expect(md).toContain('**Azure Firewall azfw** · 10.1.4.4 · hub1/AzureFirewallSubnet 10.1.4.0/26 · stateful, no BGP');
        expect(md).toContain('Effective routes (hub1/AzureFirewallSubnet)');
        expect(rows(md)).toContain('Default Active 10.1.0.0/16 VnetLocal -');
    });

    it('a NIC shows its own subnet\'s effective routes; the NVA lists its NICs', async () => {
        const trust = await hoverAt(V2, 'nic trust', 5);
        expect(trust).toContain('**NIC fw1/trust** · 10.1.2.4 · hub1/trust');
        expect(rows(trust)).toContain('Default Active 10.1.0.0/16 VnetLocal -');
        const untrust = await hoverAt(V2, 'nic untrust', 5);
        expect(untrust).toContain('**NIC fw1/untrust** (first NIC: BGP, default next hop) · 10.1.1.4 · hub1 (default subnet)');
        const nva = await hoverAt(V2, 'nva fw1', 5);
        expect(nva).toContain('**NVA fw1** · no BGP (no asn) · untrust 10.1.1.4, trust 10.1.2.4');
    });

    it('a gateway shows its next hops, VNet-to-VNet connections and its GatewaySubnet\'s routes', async () => {
        const md = await hoverAt(V2, 'gateway vpngw1', 9);
        expect(md).toContain('**VPN gateway vpngw1** in hub1 · AS 65515 · next hops 10.1.255.4, 10.1.255.5 · VNet-to-VNet: vpngw2 · GatewaySubnet route table rt-gw');
        expect(md).toContain('Effective routes (hub1/GatewaySubnet)');
        expect(rows(md)).toContain('User Active 10.1.3.0/24 VirtualAppliance 10.1.1.4');
    });

    it('an intent and a static site say what they are', async () => {
        expect(await hoverAt(V2, 'intent app-to-branch', 8))
            .toContain('**Intent app-to-branch** · subnet hub1/workload → VM branch-vm via azfw · must be reachable');
        expect(await hoverAt(V2, 'onprem branch-static', 8)).toContain('**Site branch-static** · static (no asn) · 172.20.0.0/16');
    });
});

describe('navigation and rename on the v2 references', () => {
    it('goes to a firewall from a UDR, a gateway from connections, a subnet from an intent', async () => {
        const text = `hub [[hub1]] {\n  subnet [[workload]] { prefix: 10.1.3.0/24 }\n  firewall [[azfw]] { subnet: 10.1.4.0/26, ip: 10.1.4.4 }\n  gateway [[g1]] { type: Vpn, connections: [g^2] }\n}\nvnet b { gateway [[g2]] { type: Vpn, connections: [g^1] } }\nrouteTable r { route x { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: az^fw } }\nintent i { from: hub1/work^load, to: 10.0.0.1, via: [a^zfw] }`;
        const go = expectGoToDefinition(createTestServices().Azrs);
        // Markers: index of ^ and the [[ ]] range it should reach.
        await go({ text, indexMarker: '^', rangeStartMarker: '[[', rangeEndMarker: ']]', index: 0, rangeIndex: 4 });
        await go({ text, indexMarker: '^', rangeStartMarker: '[[', rangeEndMarker: ']]', index: 1, rangeIndex: 3 });
        await go({ text, indexMarker: '^', rangeStartMarker: '[[', rangeEndMarker: ']]', index: 2, rangeIndex: 2 });
        await go({ text, indexMarker: '^', rangeStartMarker: '[[', rangeEndMarker: ']]', index: 3, rangeIndex: 1 });
        await go({ text, indexMarker: '^', rangeStartMarker: '[[', rangeEndMarker: ']]', index: 4, rangeIndex: 2 });
    });

    async function renamed(texts: string[], file: number, needle: string, shift: number, newName: string): Promise<string[]> {
        const { services, documents } = await buildWorkspace(texts);
        const doc = documents[file];
        const position = doc.textDocument.positionAt(doc.textDocument.getText().indexOf(needle) + shift);
        const edit = await services.Azrs.lsp.RenameProvider!.rename(doc, { textDocument: { uri: doc.uri.toString() }, position, newName });
        return documents.map(d => {
            const edits = edit?.changes?.[d.uri.toString()] ?? [];
            return TextDocumentEdits.apply(d.textDocument.getText(), edits.map(e => ({ start: d.textDocument.offsetAt(e.range.start), end: d.textDocument.offsetAt(e.range.end), text: e.newText })));
        });
    }

    const defs = 'hub hub1 {\n  subnet workload { prefix: 10.1.3.0/24 }\n  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }\n}\n';
    const uses = 'intent i { from: hub1/workload, to: 10.0.0.1, via: [azfw] }\nrouteTable r { route x { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw } }\n';

    it('renaming a subnet rewrites only the subnet part of VNET/SUBNET, across files', async () => {
        const [a, b] = await renamed([defs, uses], 0, 'subnet workload', 8, 'app');
        expect(a).toContain('subnet app { prefix');
        expect(b).toContain('from: hub1/app,');
    });

    it('renaming a subnet from its VNET/SUBNET reference does the same', async () => {
        const [a, b] = await renamed([defs, uses], 1, 'hub1/workload', 7, 'app');
        expect(a).toContain('subnet app { prefix');
        expect(b).toContain('from: hub1/app,');
    });

    it('renaming a VNet rewrites the VNet part of its subnets\' VNET/SUBNET references', async () => {
        const [a, b] = await renamed([defs, uses], 0, 'hub hub1', 5, 'hub-weu');
        expect(a).toContain('hub hub-weu {');
        expect(b).toContain('from: hub-weu/workload,');
    });

    it('renaming a firewall rewrites the UDR and the intent', async () => {
        const [a, b] = await renamed([defs, uses], 0, 'firewall azfw', 10, 'fw-hub');
        expect(a).toContain('firewall fw-hub {');
        expect(b).toContain('via: [fw-hub]');
        expect(b).toContain('nextHop: fw-hub }');
    });
});

/** Applies non-overlapping offset edits. */
const TextDocumentEdits = {
    apply(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
        return [...edits].sort((x, y) => y.start - x.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
    }
};

describe('outline, highlighting and formatting of the v2 constructs', () => {
    it('lists firewalls, NICs under their NVA, and intents in the outline', async () => {
        const { documents } = await buildWorkspace(V2);
        const symbols = await azrs.lsp.DocumentSymbolProvider!.getSymbols(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        expect(symbols.map(s => s.name)).toEqual(['dc1', 'branch-static', 'hub1', 'branch', 'rt-app', 'rt-gw', 'app-to-branch']);
        const hub = symbols.find(s => s.name === 'hub1')!;
        expect(hub.children!.map(s => s.name)).toEqual(['workload', 'trust', 'vpngw1', 'azfw', 'fw1', 'app1']);
        expect(hub.children!.find(s => s.name === 'fw1')!.children!.map(s => s.name)).toEqual(['untrust', 'trust']);
    });

    it('colours the new references and literals', async () => {
        const text = 'intent i { from: hub1/workload, to: 10.0.0.1, via: [azfw] }';
        const { services, documents } = await buildWorkspace(text);
        const tokens = await services.Azrs.lsp.SemanticTokenProvider!.semanticHighlight(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        // i (declaration), hub1/workload, 10.0.0.1, azfw.
        expect(tokens.data.length / 5).toBe(4);
    });

    it('formats the new blocks: nested NICs indented, VNET/SUBNET kept together', async () => {
        await expectFormatting(azrs)({
            before: 'hub h {\nnva fw1 {\nnic a {ip:10.1.1.4}\n   nic b { ip : 10.1.2.4 }\nstateful:false\n}\nfirewall azfw{subnet:10.1.4.0/26,ip:10.1.4.4}\ngateway g {nextHopIps:[10.1.255.4 ,10.1.255.5]}\n}\nintent i {\nfrom: h / s\nto:10.0.0.1\n  via:[azfw,fw1]\n}',
            after: 'hub h {\n    nva fw1 {\n        nic a { ip: 10.1.1.4 }\n        nic b { ip: 10.1.2.4 }\n        stateful: false\n    }\n    firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }\n    gateway g { nextHopIps: [10.1.255.4, 10.1.255.5] }\n}\nintent i {\n    from: h/s\n    to: 10.0.0.1\n    via: [azfw, fw1]\n}'
        });
    });
});

describe('code lens on the v2 interfaces', () => {
    it('puts a route lens over each firewall and NIC block, opening NAME or NVA/NIC', async () => {
        const { services, documents } = await buildWorkspace(V2);
        const lenses = await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        // The route lenses only: NVAs, gateways and route servers also get a failure lens (azrs.showFailover).
        const args = (lenses ?? []).filter(l => l.command?.command === 'azrs.showEffectiveRoutes').map(l => `${l.range.start.line}:${l.command?.arguments?.[0]}`);
        expect(args.sort()).toEqual(['10:fw1/trust', '12:app1', '17:branch-vm', '7:azfw', '9:fw1/untrust']);
        expect((lenses ?? []).find(l => l.command?.arguments?.[0] === 'azfw')?.command?.title).toMatch(/^\d+ routes/);
    });
});
