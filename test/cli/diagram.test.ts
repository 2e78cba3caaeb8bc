import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azrs, ROOT } from './cli-run.js';

const BROKEN = readFileSync(join(ROOT, 'samples/dual-homed-er-broken/dual-homed-er-broken.azrs'), 'utf8');

function diagram(text: string, prefix?: string): { code: number | null; svg: string; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), 'azrs-diagram-'));
    mkdirSync(join(dir, 'ws'));
    writeFileSync(join(dir, 'ws', 'topology.azrs'), text);
    const out = join(dir, 'out.svg');
    const r = azrs(['diagram', join(dir, 'ws'), '-o', out, ...(prefix ? ['--prefix', prefix] : [])]);
    return { code: r.code, svg: r.code === 2 ? '' : readFileSync(out, 'utf8'), stderr: r.stderr };
}

describe('azrs diagram', () => {
    it('draws every element of the topology', () => {
        const { svg } = diagram(BROKEN);
        expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
        for (const id of ['onprem:dc1', 'onprem:dc2', 'vnet:hub1', 'vnet:hub2', 'vnet:spoke', 'rs:rs0', 'rs:rs1', 'rs:rs2',
            'gw:ergw1', 'gw:ergw2', 'nva:nva1', 'nva:nva2', 'vm:app-vm', 'vm:hub1-vm']) {
            expect(svg).toContain(`data-node-id="${id}"`);
        }
        expect(svg).toContain('data-edge-id="bgp:nva1&lt;-&gt;rs0"');
    });

    it('shows the first data centre\'s prefix dropped at the spoke Route Server, then installed after the quick fix', () => {
        const broken = diagram(BROKEN, '10.2.13.0/25');
        expect(broken.svg).toMatch(/class="flow-drop"/);
        expect(broken.svg).toContain('rs0: AS path contains 65515');
        expect(broken.svg).not.toContain('data-badge-id="vm:app-vm/install"');

        const fixed = diagram(BROKEN.replace('bgp nva1 <-> rs0\n', 'bgp nva1 <-> rs0 { asOverride: true }\n'), '10.2.13.0/25');
        expect(fixed.svg).not.toContain('rs0: AS path contains 65515');
        expect(fixed.svg).toMatch(/<g class="badge flow-install" data-badge-id="vm:app-vm\/install">.*?10\.2\.13\.0\/25 → nva1 10\.101\.3\.10<\/text>/);
    });

    it('exits 2 for a bad prefix or a missing -o', () => {
        const bad = azrs(['diagram', 'samples/dual-homed-er', '-o', join(tmpdir(), 'x.svg'), '--prefix', '10.0.0.300/8']);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/^azrs: --prefix: /);
        expect(azrs(['diagram', 'samples/dual-homed-er']).code).toBe(2);
    });
});
