import { describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';

describe('azrs routes', () => {
    it('prints the portal-style table for a spoke VM: each data centre via its own hub NVA', () => {
        const r = azrs(['routes', 'samples/dual-homed-er', '--vm', 'app-vm']);
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split('\n');
        expect(lines[0]).toMatch(/^Source\s+State\s+Address prefixes\s+Next hop type\s+Next hop IP$/);
        expect(lines).toContainEqual(expect.stringMatching(/^VirtualNetworkGateway\s+Active\s+10\.2\.13\.0\/25\s+VirtualNetworkGateway\s+10\.101\.3\.10$/));
        expect(lines).toContainEqual(expect.stringMatching(/^VirtualNetworkGateway\s+Active\s+10\.2\.20\.0\/25\s+VirtualNetworkGateway\s+10\.102\.3\.10$/));
    });

    it('prints exactly the az network nic show-effective-route-table -o json shape', () => {
        const r = azrs(['routes', 'samples/udr-routing-example', '--subnet', 'Virtual-network-1/Subnet1', '--format', 'json']);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout);
        expect(Object.keys(json)).toEqual(['value']);
        expect(Object.keys(json.value[0])).toEqual(['source', 'state', 'addressPrefix', 'nextHopType', 'nextHopIpAddress', 'name', 'disableBgpRoutePropagation']);
        expect(json.value.slice(0, 2)).toEqual([
            { source: 'Default', state: 'Invalid', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddress: [], name: null, disableBgpRoutePropagation: false },
            { source: 'User', state: 'Active', addressPrefix: ['0.0.0.0/0'], nextHopType: 'VirtualAppliance', nextHopIpAddress: ['10.0.100.4'], name: 'default', disableBgpRoutePropagation: false }
        ]);
    });

    it('--to prints only the route longest-prefix match selects', () => {
        const table = azrs(['routes', 'samples/udr-routing-example', '--vm', 'vm1', '--to', '10.10.3.4']);
        expect(table.stdout.trim().split('\n').slice(2)).toEqual([expect.stringMatching(/^User\s+Active\s+10\.10\.0\.0\/16\s+VirtualAppliance\s+10\.0\.100\.4$/)]);
        const json = JSON.parse(azrs(['routes', 'samples/udr-routing-example', '--vm', 'vm1', '--to', '10.0.0.9', '--format', 'json']).stdout);
        expect(json.value.map((v: { addressPrefix: string[]; nextHopType: string }) => `${v.addressPrefix[0]} ${v.nextHopType}`)).toEqual(['10.0.0.0/24 VnetLocal']);
    });

    it('exits 2 with a message for an unknown VM, a bad subnet, both or neither selector, and a bad --to', () => {
        const cases: Array<[string[], RegExp]> = [
            [['--vm', 'nope'], /unknown VM 'nope'/],
            [['--vm', 'vpngw'], /'vpngw' is a gateway, not a VM or NVA/],
            [['--subnet', 'Virtual-network-1/none'], /has no subnet 'none'/],
            [['--subnet', 'Subnet1'], /expects VNET\/SUBNET/],
            [['--vm', 'vm1', '--subnet', 'Virtual-network-1/Subnet1'], /exactly one of --vm NAME or --subnet/],
            [[], /exactly one of --vm NAME or --subnet/],
            [['--vm', 'vm1', '--to', '10.0.0.300'], /--to: .*greater than 255/]
        ];
        for (const [args, message] of cases) {
            const r = azrs(['routes', 'samples/udr-routing-example', ...args]);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr).toMatch(message);
            expect(r.stdout).toBe('');
        }
    });

    it('prints an NVA\'s NIC routes too: the firewall keeps its own Internet default (T6)', () => {
        const r = azrs(['routes', 'samples/default-route-injection', '--vm', 'fw1', '--to', '8.8.8.8']);
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split('\n').slice(2)).toEqual([expect.stringMatching(/^User\s+Active\s+0\.0\.0\.0\/0\s+Internet\s+-$/)]);
    });

    it('still prints the routes of a topology with errors, and exits 1', () => {
        const r = azrs(['routes', 'samples/dual-homed-er-broken', '--vm', 'app-vm']);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^Source/);
        expect(r.stderr).toContain('the topology has 1 error');
    });
});
