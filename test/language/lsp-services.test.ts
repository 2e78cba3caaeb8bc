import { describe, expect, it, vi } from 'vitest';
import { expectCompletion, expectFormatting, expectGoToDefinition, expectHover } from 'langium/test';
import { buildWorkspace, createTestServices } from '../helpers.js';

const services = createTestServices();
const azrs = services.Azrs;

const TOPOLOGY = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
spoke spoke1 { addressSpace: [10.10.0.0/16] }
`;

describe('completion', () => {
    it('offers the properties of the element being written', async () => {
        await expectCompletion(azrs)({
            text: 'hub h { addressSpace: [10.0.0.0/16] nva n { <|> } }', index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['ip', 'asn', 'advertises', 'nextHop', 'state']));
                expect(labels).not.toContain('addressSpace');
            }
        });
    });

    it('offers enum values after a property', async () => {
        await expectCompletion(azrs)({
            text: 'hub h { gateway g { type: <|> } }', index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['ExpressRoute', 'Vpn']))
        });
        await expectCompletion(azrs)({
            text: 'hub h { routeServer rs { hubRoutingPreference: <|> } }', index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['ExpressRoute', 'VpnGateway', 'ASPath']))
        });
    });

    it('offers names of the right kind for references', async () => {
        await expectCompletion(azrs)({
            text: TOPOLOGY + 'peering spoke1 -> <|>', index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['hub1', 'spoke1']));
                expect(labels).not.toContain('fw1');
            }
        });
        await expectCompletion(azrs)({
            text: TOPOLOGY + 'bgp fw1 <-> <|>', index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['rs1', 'fw1']));
                expect(labels).not.toContain('hub1');
            }
        });
    });
});

describe('completion in a broken text', () => {
    it('offers VNet names after `peering` typed below an unclosed nva block, without logging an error', async () => {
        // The node at the cursor is the NVA that error recovery left open; Langium asked it for the
        // peering's `from` reference and logged "Property from of type Nva is not a reference".
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            await expectCompletion(azrs)({
                text: 'hub vnet2 {\n  nva csr2 { ip: 10.102.2.10, asn\npeering\n<|>\n :vnet0 }65002-> vnet1\nspoke vnet3 { addressSpace: [10.3.0.0/16] }\n', index: 0,
                assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['vnet2', 'vnet3']))
            });
            expect(errors).not.toHaveBeenCalled();
        } finally {
            errors.mockRestore();
        }
    });
});

describe('navigation', () => {
    it('goes to the definition of a nested NVA and route server', async () => {
        await expectGoToDefinition(createTestServices().Azrs)({
            text: `hub hub1 {\n  routeServer [[rs1]] { subnet: 10.1.0.0/26 }\n  nva [[fw1]] { ip: 10.1.2.4, asn: 65001 }\n}\nbgp f^w1 <-> r^s1`,
            indexMarker: '^', rangeStartMarker: '[[', rangeEndMarker: ']]',
            index: 0, rangeIndex: 1
        });
    });

    it('links, finds references and renames across two files', async () => {
        const { services: s, documents } = await buildWorkspace([TOPOLOGY, 'bgp fw1 <-> rs1\npeering spoke1 -> hub1\npeering hub1 -> spoke1\n']);
        const [defs, uses] = documents;
        expect(uses.diagnostics!.filter(d => d.severity === 1)).toEqual([]);
        const fw1Offset = defs.textDocument.getText().indexOf('fw1');
        const refs = await s.Azrs.lsp.ReferencesProvider!.findReferences(defs, {
            textDocument: { uri: defs.uri.toString() }, position: defs.textDocument.positionAt(fw1Offset), context: { includeDeclaration: true }
        });
        expect(refs.map(r => `${r.uri.endsWith('file0.azrs') ? 0 : 1}:${r.range.start.line}:${r.range.start.character}`).sort())
            .toEqual(['0:3:6', '1:0:4']);
        const edit = await s.Azrs.lsp.RenameProvider!.rename(uses, {
            textDocument: { uri: uses.uri.toString() }, position: { line: 1, character: 20 }, newName: 'hub-weu'
        });
        const changed = Object.entries(edit!.changes!).map(([uri, edits]) => [uri.replace(/.*\//, ''), edits.length]);
        expect(changed.sort()).toEqual([['file0.azrs', 1], ['file1.azrs', 2]]);
    });
});

describe('outline, folding, highlighting, hover', () => {
    it('lists VNets with their nested elements in the outline', async () => {
        const { documents } = await buildWorkspace(TOPOLOGY);
        const symbols = await azrs.lsp.DocumentSymbolProvider!.getSymbols(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        expect(symbols.map(s => s.name)).toEqual(['hub1', 'spoke1']);
        expect(symbols[0].children!.map(s => s.name)).toEqual(['rs1', 'fw1']);
    });

    it('folds multi-line blocks', async () => {
        const { documents } = await buildWorkspace(TOPOLOGY);
        const ranges = await azrs.lsp.FoldingRangeProvider!.getFoldingRanges(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        expect(ranges.map(r => [r.startLine, r.endLine])).toContainEqual([0, 3]);
    });

    it('classifies names, references and literals for semantic highlighting', async () => {
        const { services: s, documents } = await buildWorkspace(TOPOLOGY + 'bgp fw1 <-> rs1\n');
        const tokens = await s.Azrs.lsp.SemanticTokenProvider!.semanticHighlight(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        // 5 integers per token: 4 declarations (hub1, rs1, fw1, spoke1), 5 literals, 2 references.
        expect(tokens.data.length / 5).toBe(11);
    });

    it('shows /** doc */ comments on hover', async () => {
        await expectHover(azrs)({
            text: '/** The main data centre, reached over ExpressRoute. */\nonprem d<|>c1 { asn: 65020 }', index: 0,
            hover: /The main data centre, reached over ExpressRoute\./
        });
    });
});

describe('formatting', () => {
    it('indents blocks, spaces properties and keeps one-line blocks on one line', async () => {
        await expectFormatting(azrs)({
            before: 'hub   hub1{\naddressSpace:[10.1.0.0/16 ,10.2.0.0/16]\n   subnet  s {prefix:10.1.0.0/24}\nnva fw1 {\nip : 10.1.2.4\n  asn:65001\n}\n}\npeering hub1->spoke1\nbgp fw1<->rs1',
            after: 'hub hub1 {\n    addressSpace: [10.1.0.0/16, 10.2.0.0/16]\n    subnet s { prefix: 10.1.0.0/24 }\n    nva fw1 {\n        ip: 10.1.2.4\n        asn: 65001\n    }\n}\npeering hub1 -> spoke1\nbgp fw1 <-> rs1'
        });
    });
});
