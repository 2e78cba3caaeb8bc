import { readFileSync } from 'node:fs';
import { expectCompletion } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, codesAt, createTestServices } from '../helpers.js';

const DUAL_HOMED = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');
/** Data centre 1 on both circuits, nva2 prepending towards the spoke: everything to dc1 goes through nva1. */
const DC1_ON_BOTH = DUAL_HOMED.replace('connections: [dc2]', 'connections: [dc2, dc1]')
    .replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }');
const INTENT = '\nintent app-to-dc1 { from: app-vm, to: dc1, via: [nva1] }\n';

function line(text: string, needle: string): number {
    return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('intents (docs/semantics.md §6.8) over LSP', () => {
    it('an intent that holds draws nothing', async () => {
        const { diagnostics } = await buildWorkspace(DC1_ON_BOTH + INTENT);
        expect(diagnostics[0].filter(d => d.code === 'intent-violated')).toEqual([]);
    });

    it('breaking the return path: intent-violated on the intent\'s name, naming where the reply departs', async () => {
        const text = DC1_ON_BOTH.replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1') + INTENT;
        const { diagnostics } = await buildWorkspace(text);
        const found = diagnostics[0].filter(d => d.code === 'intent-violated');
        const at = line(text, 'intent app-to-dc1');
        expect(codesAt(found)).toEqual([`intent-violated@${at}:8-${at}:18`]);
        expect(found[0].severity).toBe(1);
        expect(found[0].message).toBe("Intent 'app-to-dc1' does not hold (it asks to reach through 'nva1' both ways): app-vm -> 10.2.13.1: the reply dc1 > ergw2 > nva2 > app-vm does not cross NVA 'nva1': at hop 2, ergw2 sends it to nva2 by 10.200.0.0/24 (learned from 'rs2' over branch-to-branch:rs2<->ergw2, AS path 65002 65002).");
        // The same break shows as an asymmetric path, on what taught dc1 the way back through hub2.
        expect(diagnostics[0].filter(d => d.code === 'asymmetric-path').map(d => d.message)[0]).toMatch(/^Asymmetric path for VM 'app-vm' -> 10\.2\.13\.1 \(site 'dc1' 10\.2\.13\.0\/25\): out app-vm > nva1 > ergw1 > dc1, back dc1 > ergw2 > nva2 > app-vm/);
    });

    it('a broken forward path names the hop and the disposition; reachable: false holds when nothing is delivered', async () => {
        const text = DUAL_HOMED.replace('peering spoke -> hub1 { allowForwardedTraffic: true }', 'peering spoke -> hub1')
            + '\nintent dc1-to-app { from: dc1, to: app-vm }\nintent not-dc1 { from: dc1, to: app-vm, reachable: false }\nintent no-internet { from: app-vm, to: 8.8.8.8, reachable: false }\n';
        const { diagnostics } = await buildWorkspace(text);
        const found = diagnostics[0].filter(d => d.code === 'intent-violated');
        expect(found.map(d => d.message)).toEqual([
            "Intent 'dc1-to-app' does not hold (it asks to reach both ways): dc1 -> 10.200.0.10: the path dc1 > ergw1 > nva1 ends forwarded-traffic-blocked at hop 3 (nva1): peering 'spoke -> hub1' lacks allowForwardedTraffic: true, so VNet 'spoke' drops what NVA 'nva1' forwards from 10.2.13.1 [PEER-FWD]."
        ]);
    });

    it('reachable: false breaks when the path is delivered', async () => {
        const { diagnostics } = await buildWorkspace(DUAL_HOMED + '\nintent isolated { from: app-vm, to: hub1-vm, reachable: false }\n');
        expect(diagnostics[0].filter(d => d.code === 'intent-violated').map(d => d.message)).toEqual([
            "Intent 'isolated' does not hold (it asks to stay unreachable): app-vm -> 10.101.3.20: it should not be reachable, but the path app-vm > hub1-vm delivers it."
        ]);
    });

    it('hover on an intent shows both paths of each flow', async () => {
        const text = DC1_ON_BOTH + INTENT;
        const { services, documents } = await buildWorkspace(text);
        const doc = documents[0];
        const offset = text.indexOf('app-to-dc1') + 2;
        const hover = await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset)
        });
        const md = (hover?.contents as { value: string }).value;
        expect(md).toContain('**Intent app-to-dc1** · VM app-vm → site dc1 via nva1 · must be reachable · holds');
        expect(md).toContain('**app-vm → 10.2.13.1**: delivered, reply delivered');
        expect(md).toContain([
            'forward',
            '  1  app-vm  10.2.13.0/25 VirtualNetworkGateway 10.101.3.10 -> nva1',
            '  2  nva1  10.2.13.0/25 VirtualNetworkGateway -> ergw1',
            '  3  ergw1  10.2.13.0/25 OnPremises -> dc1',
            '  4  dc1',
            'return',
            '  1  dc1  10.200.0.0/24 VirtualNetworkGateway -> ergw1',
            '  2  ergw1  10.200.0.0/24 VirtualAppliance 10.101.3.10 -> nva1',
            '  3  nva1  10.200.0.0/24 VNetGlobalPeering -> app-vm',
            '  4  app-vm'
        ].join('\n'));
    });

    it('completion offers VMs and sites after from:, NVAs and firewalls in via', async () => {
        const azrs = createTestServices().Azrs;
        await expectCompletion(azrs)({
            text: DUAL_HOMED + '\nintent i { from: <|> }', index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['app-vm', 'hub1-vm', 'dc1', 'nva1']));
                expect(labels).not.toContain('rs1');
            }
        });
        await expectCompletion(azrs)({
            text: DUAL_HOMED + '\nintent i { from: app-vm, to: dc1, via: [<|>] }', index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['nva1', 'nva2']));
                expect(labels).not.toContain('app-vm');
            }
        });
    });

    it('renaming an NVA renames it in an intent\'s via', async () => {
        const { services, documents } = await buildWorkspace(DUAL_HOMED + INTENT);
        const doc = documents[0];
        const text = doc.textDocument.getText();
        const edit = await services.Azrs.lsp.RenameProvider!.rename(doc, {
            textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(text.indexOf('nva nva1') + 5), newName: 'fw-hub1'
        });
        const edits = Object.values(edit!.changes!)[0];
        const viaAt = text.indexOf('via: [nva1]') + 6;
        expect(edits.map(e => doc.textDocument.offsetAt(e.range.start))).toContain(viaAt);
    });
});
