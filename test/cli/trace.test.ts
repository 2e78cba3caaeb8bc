import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azrs, ROOT } from './cli-run.js';

const DUAL_HOMED = readFileSync(join(ROOT, 'samples/dual-homed-er/dual-homed-er.azrs'), 'utf8');

/** The dual-homed sample with data centre 1 on both circuits, nva2 prepending, and hub1's return path broken (no as-override on nva1 <-> rs1). */
function returnBroken(): string {
    const dir = mkdtempSync(join(tmpdir(), 'azrs-trace-'));
    const file = join(dir, 'broken.azrs');
    writeFileSync(file, DUAL_HOMED
        .replace('connections: [dc2]', 'connections: [dc2, dc1]')
        .replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }')
        .replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1'));
    return file;
}

/** The rows of a hop table: `hop device nic source | route | next hop`, why left out. */
function table(text: string, title: string): string[] {
    const lines = text.split('\n');
    const start = lines.findIndex(l => l.startsWith(title));
    const out: string[] = [];
    for (let i = start + 2; i < lines.length && lines[i].startsWith('  '); i++) {
        const cells = lines[i].trim().split(/\s{2,}/);
        out.push(cells.slice(0, 6).join(' | '));
    }
    return out;
}

describe('azrs trace', () => {
    it('prints both paths through the hub NVA for app-vm to a data-centre address (the issue\'s "done when")', () => {
        const r = azrs(['trace', 'samples/dual-homed-er', '--from', 'app-vm', '--to', '10.2.13.10']);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[0]).toBe('trace app-vm (10.200.0.10) -> 10.2.13.10');
        expect(r.stdout).toContain('forward: delivered\n');
        expect(table(r.stdout, 'forward:')).toEqual([
            '1 | app-vm | app-vm | VirtualNetworkGateway | 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10 | nva1',
            '2 | nva1 | nva1 | VirtualNetworkGateway | 10.2.13.0/25 VirtualNetworkGateway | ergw1',
            '3 | ergw1 | - | Connection | 10.2.13.0/25 OnPremises | dc1',
            '4 | dc1 | - | - | - | -'
        ]);
        expect(r.stdout).toContain("route server 'rs0' learned it from 'nva1' over bgp:nva1<->rs0, AS path 65001 65001 12076 65021");
        expect(table(r.stdout, 'return:')).toEqual([
            '1 | dc1 | - | BGP | 10.200.0.0/24 VirtualNetworkGateway | ergw1',
            '2 | ergw1 | - | BGP | 10.200.0.0/24 VirtualAppliance 10.101.3.10 | nva1',
            '3 | nva1 | nva1 | Default | 10.200.0.0/24 VNetGlobalPeering | app-vm',
            '4 | app-vm | - | - | - | -'
        ]);
        expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('asymmetric: none');
    });

    it('reports the asymmetry when the return path is broken', () => {
        const r = azrs(['trace', returnBroken(), '--from', 'app-vm', '--to', 'dc1']);
        expect(r.code).toBe(0);
        expect(table(r.stdout, 'return:').map(l => l.split(' | ')[1])).toEqual(['dc1', 'ergw2', 'nva2', 'app-vm']);
        expect(r.stdout.trimEnd().split('\n').at(-1)).toBe("asymmetric: stateful NVA 'nva1' sees only the forward path; stateful NVA 'nva2' sees only the reply");
    });

    it('--format json prints exactly the documented shape', () => {
        const r = azrs(['trace', 'samples/dual-homed-er', '--from', 'app-vm', '--to', '10.2.13.10', '--format', 'json']);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout);
        expect(Object.keys(json)).toEqual(['from', 'to', 'disposition', 'returnDisposition', 'forward', 'return', 'asymmetric', 'reason']);
        expect(json.forward[0]).toEqual({
            hop: 1, device: 'app-vm', nic: 'app-vm',
            route: { addressPrefix: '10.2.13.0/25', source: 'VirtualNetworkGateway', nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ['10.101.3.10'] },
            nextHop: 'nva1'
        });
        expect(json.forward.map((h: { device: string }) => h.device)).toEqual(['app-vm', 'nva1', 'ergw1', 'dc1']);
        expect(json.forward[3]).toEqual({ hop: 4, device: 'dc1', nic: null, route: null, nextHop: null });
        expect(json.return.map((h: { device: string }) => h.device)).toEqual(['dc1', 'ergw1', 'nva1', 'app-vm']);
        expect([json.from, json.to, json.disposition, json.returnDisposition, json.asymmetric, json.reason])
            .toEqual(['app-vm', '10.2.13.10', 'delivered', 'delivered', [], null]);
    });

    it('exits 1 with the reason when the path is not delivered; JSON names the blocking flag', () => {
        const dir = mkdtempSync(join(tmpdir(), 'azrs-trace-'));
        writeFileSync(join(dir, 'a.azrs'), DUAL_HOMED.replace('peering spoke -> hub1 { allowForwardedTraffic: true }', 'peering spoke -> hub1'));
        const r = azrs(['trace', dir, '--from', 'dc1', '--to', 'app-vm', '--format', 'json']);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(json.disposition).toBe('forwarded-traffic-blocked');
        expect(json.returnDisposition).toBeNull();
        expect(json.return).toEqual([]);
        expect(json.reason).toBe("peering 'spoke -> hub1' lacks allowForwardedTraffic: true, so VNet 'spoke' drops what NVA 'nva1' forwards from 10.2.13.1 [PEER-FWD]");
    });

    it('--all-sites prints a VM by site-prefix matrix and exits 1 when any flow fails', () => {
        // hub1-vm to dc2: rs1 programs dc2's prefix, relayed by nva1, into nva1's own subnet, so
        // nva1 sends it to itself (hub1 and hub2 are not peered).
        const r = azrs(['trace', 'samples/dual-homed-er', '--all-sites']);
        expect(r.code).toBe(1);
        expect(r.stdout.trimEnd().split('\n').map(l => l.split(/\s{2,}/))).toEqual([
            ['VM', 'dc1 10.2.13.0/25', 'dc2 10.2.20.0/25'],
            ['app-vm', 'delivered', 'delivered'],
            ['hub1-vm', 'delivered', 'loop']
        ]);
        expect(r.stderr).toBe('azrs: 3 of 4 flows delivered both ways\n');
        const asym = azrs(['trace', returnBroken(), '--all-sites', '--format', 'json']);
        const flows = JSON.parse(asym.stdout).flows as Array<{ from: string; site: string; prefix: string; disposition: string; asymmetric: string[] }>;
        expect(flows.map(f => `${f.from} ${f.site} ${f.prefix} ${f.disposition} [${f.asymmetric.join(',')}]`)).toEqual([
            'app-vm dc1 10.2.13.0/25 delivered [nva1,nva2]',
            'app-vm dc2 10.2.20.0/25 delivered []',
            'hub1-vm dc1 10.2.13.0/25 delivered []',
            'hub1-vm dc2 10.2.20.0/25 dropped-none-route []'
        ]);
    });

    it('exits 2 for an unknown element, a wrong kind, a bad address and missing options', () => {
        const cases: Array<[string[], RegExp]> = [
            [['--from', 'nope', '--to', '10.0.0.1'], /--from: unknown VM, NVA, firewall or onprem site 'nope'/],
            [['--from', 'rs1', '--to', '10.0.0.1'], /--from: 'rs1' is a route server, not a VM, NVA, firewall or onprem site/],
            [['--from', 'app-vm', '--to', '10.0.0.300'], /--to: /],
            [['--from', 'app-vm', '--to', 'hub1'], /--to: 'hub1' is a VNet/],
            [['--from', 'app-vm'], /give --from NAME and --to TARGET, or --all-sites/],
            [['--all-sites', '--from', 'app-vm'], /--all-sites takes neither/]
        ];
        for (const [args, message] of cases) {
            const r = azrs(['trace', 'samples/dual-homed-er', ...args]);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr).toMatch(message);
            expect(r.stdout).toBe('');
        }
    });
});
