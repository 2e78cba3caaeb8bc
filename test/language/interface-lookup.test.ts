import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findInterface, findSubnetByPath } from '../../language-server/src/model/interface-lookup.js';
import { buildWorkspace } from '../helpers.js';

/** Names of NICs and subnets as `azrs routes --vm/--subnet` and the code lens take them (v2). */

const LAB = readFileSync(new URL('../fixtures/v2/v2-lab.azrs', import.meta.url), 'utf8');

async function topology() {
    const { services, diagnostics } = await buildWorkspace(LAB);
    expect(diagnostics[0].filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
    return services.Azrs.analysis.WorkspaceAnalysis.get().built.topology;
}

describe('findInterface', () => {
    it('finds a VM, a firewall, an NVA (its first NIC) and one NIC of an NVA', async () => {
        const t = await topology();
        const seen = (name: string) => {
            const r = findInterface(t, name);
            return r.ok ? `${r.match.kind} ${r.match.label} ${r.match.ipText} ${r.match.subnet.vnet.name}/${r.match.subnet.name}` : r.message;
        };
        expect(seen('app1')).toBe('vm app1 10.1.3.10 hub1/workload');
        expect(seen('azfw')).toBe('firewall azfw 10.1.4.4 hub1/AzureFirewallSubnet');
        expect(seen('fw1')).toBe('nic fw1/untrust 10.1.1.4 hub1/untrust');
        expect(seen('fw1/trust')).toBe('nic fw1/trust 10.1.2.4 hub1/trust');
        expect(seen('fw1/dmz')).toBe("NVA 'fw1' has no NIC 'dmz' (it has: untrust, trust)");
        expect(seen('app1/x')).toBe("'app1' is a VM, not an NVA: NVA/NIC names one NIC of an NVA");
        expect(seen('vpngw1')).toBe("'vpngw1' is a gateway, not a VM or NVA, nor a firewall");
        expect(seen('nope')).toBe("unknown VM 'nope'");
    });
});

describe('findSubnetByPath', () => {
    it('finds declared subnets, the default subnet, the GatewaySubnet with its route table and the AzureFirewallSubnet', async () => {
        const t = await topology();
        const seen = (path: string) => {
            const r = findSubnetByPath(t, path);
            return r.ok ? `${r.subnet.name} ${r.subnet.prefix?.text ?? '-'} ${r.subnet.routeTable?.name ?? '-'}` : r.message;
        };
        expect(seen('hub1/workload')).toBe('workload 10.1.3.0/24 rt-workload');
        expect(seen('hub1/default')).toBe('default - -');
        expect(seen('hub1/GatewaySubnet')).toBe('GatewaySubnet 10.1.255.0/27 rt-gateway');
        expect(seen('hub1/AzureFirewallSubnet')).toBe('AzureFirewallSubnet 10.1.4.0/26 -');
        expect(seen('branch/AzureFirewallSubnet')).toBe("VNet 'branch' has no subnet 'AzureFirewallSubnet' (it has: GatewaySubnet, default)");
        expect(seen('nowhere/x')).toBe("unknown VNet 'nowhere'");
    });
});
