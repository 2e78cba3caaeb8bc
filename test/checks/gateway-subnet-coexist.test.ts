import { describe, expect, it } from 'vitest';
import { check, fmt } from './check-helpers.js';

/**
 * ER-VPN-COEXIST (docs/azure-rules.md §9): an ExpressRoute and a Vpn gateway share the one
 * GatewaySubnet of their VNet, so both may write the same `subnet` (kaysalawu lab 01 does, in
 * Terraform); two different GatewaySubnet prefixes that overlap are still `subnet-overlap`.
 */
const hub = (vpnSubnet: string) => `onprem dc1 { asn: 65010, prefixes: [192.168.10.0/24] }
onprem branch1 { asn: 65020, prefixes: [192.168.20.0/24] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway ergw1 { type: ExpressRoute, subnet: 10.1.255.0/26, connections: [dc1] }
  gateway vpngw1 { type: Vpn, subnet: ${vpnSubnet}, connections: [branch1] }
  vm vm1 { ip: 10.1.1.4 }
}
`;

describe('one GatewaySubnet for an ExpressRoute and a Vpn gateway', () => {
    it('both gateways may write the same GatewaySubnet', async () => {
        const checked = await check(hub('10.1.255.0/26'));
        expect(checked.seen[0].filter(s => s.code === 'subnet-overlap').map(fmt)).toEqual([]);
    });

    it('two different GatewaySubnet prefixes that overlap are still an overlap', async () => {
        const checked = await check(hub('10.1.255.0/27'));
        expect(checked.seen[0].filter(s => s.code === 'subnet-overlap').map(fmt)).toEqual(['subnet-overlap/error@6:39-6:52']);
    });
});
