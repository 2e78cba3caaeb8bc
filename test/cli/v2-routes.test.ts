import { describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';

/**
 * `azrs routes` on the v2 interfaces (docs/language.md §2 v2, docs/semantics.md §4 "every NIC has a table"):
 * one NIC of a multi-NIC NVA, a firewall, the GatewaySubnet with its route table.
 */
const LAB = 'test/fixtures/v2/v2-lab.azrs';

const lines = (stdout: string) => stdout.trim().split('\n');

describe('azrs routes on v2 interfaces', () => {
    it('--vm NVA/NIC prints that NIC\'s subnet table; --vm NVA the first NIC\'s', () => {
        const trust = azrs(['routes', LAB, '--vm', 'fw1/trust', '--to', '10.1.2.9']);
        expect(trust.code, trust.stderr).toBe(0);
        expect(lines(trust.stdout).slice(2)).toEqual([expect.stringMatching(/^Default\s+Active\s+10\.1\.0\.0\/16\s+VnetLocal\s+-/)]);
        const first = azrs(['routes', LAB, '--vm', 'fw1', '--format', 'json']);
        const again = azrs(['routes', LAB, '--vm', 'fw1/untrust', '--format', 'json']);
        expect(first.code).toBe(0);
        expect(first.stdout).toBe(again.stdout);
    });

    it('--vm FIREWALL prints the AzureFirewallSubnet\'s table (no route table there)', () => {
        const r = azrs(['routes', LAB, '--vm', 'azfw', '--format', 'json']);
        expect(r.code, r.stderr).toBe(0);
        const rows = JSON.parse(r.stdout).value as Array<{ source: string; addressPrefix: string[] }>;
        expect(rows.filter(v => v.source === 'User')).toEqual([]);
        expect(rows.map(v => v.addressPrefix[0])).toContain('10.1.0.0/16');
    });

    it('--subnet VNET/GatewaySubnet prints the GatewaySubnet\'s table with its route table\'s user routes', () => {
        const r = azrs(['routes', LAB, '--subnet', 'hub1/GatewaySubnet', '--to', '10.1.3.10']);
        expect(r.code, r.stderr).toBe(0);
        expect(lines(r.stdout).slice(2)).toEqual([expect.stringMatching(/^User\s+Active\s+10\.1\.3\.0\/24\s+VirtualAppliance\s+10\.1\.4\.4/)]);
    });

    it('exits 2 naming the NICs an NVA has', () => {
        const r = azrs(['routes', LAB, '--vm', 'fw1/dmz']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("NVA 'fw1' has no NIC 'dmz' (it has: untrust, trust)");
    });
});
