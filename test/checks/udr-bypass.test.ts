import { describe, expect, it } from 'vitest';
import { check, diagnose, fmt } from './check-helpers.js';

/**
 * bgp-route-bypasses-udr (docs/language.md §3 v2, issue 17): a user route sends 0.0.0.0/0 (or a
 * supernet) to a firewall, and a more specific BGP route from a gateway or route server is Active in
 * the same subnet, so that traffic goes around the firewall (the Azure Firewall hybrid tutorial's
 * reason to disable gateway route propagation on the spoke's route table).
 */

/** The issue's input: a hub with a Vpn gateway to 192.168.80.0/24 and a firewall NVA; a spoke using the hub's gateway. */
const ISSUE = (table: string) => `onprem site1 { asn: 65080, prefixes: [192.168.80.0/24] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [site1] }
  subnet fw-subnet { prefix: 10.1.1.0/24 }
  nva fw1 { ip: 10.1.1.4, asn: 65001 }
}
spoke spoke1 {
  addressSpace: [10.10.0.0/16]
  subnet workload { prefix: 10.10.1.0/24, routeTable: rt-workload }
  vm app1 { ip: 10.10.1.10 }
}
peering spoke1 -> hub1 { useRemoteGateways: true, allowForwardedTraffic: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
${table}
`;

describe('bgp-route-bypasses-udr', () => {
    it('fires on the user route when the gateway\'s more specific route takes 192.168.80.10 around the firewall', async () => {
        const text = ISSUE(`routeTable rt-workload {
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw1 }
}`);
        const checked = await check(text);
        expect(checked.seen[0].map(fmt)).toEqual(['bgp-route-bypasses-udr/warning@16:3-16:87']);
        expect(checked.seen[0][0].message).toBe("Route 'to-firewall' of route table 'rt-workload' sends 0.0.0.0/0 from spoke1/workload to NVA 'fw1', but gateway 'vpngw1' programs more specific BGP routes there: 192.168.80.0/24. The longest prefix wins before a user route does, so traffic to it goes around NVA 'fw1'. Set disableBgpRoutePropagation: true on 'rt-workload' (and add user routes for what must bypass NVA 'fw1'), or add user routes for these prefixes to NVA 'fw1'.");
        // What the warning is about: the route engine sends 192.168.80.10 to the gateway, not to fw1.
        const workload = checked.topology.vnets.find(v => v.name === 'spoke1')!.subnets[0];
        const row = checked.routing.lookup(workload, (192 << 24 >>> 0) + (168 << 16) + (80 << 8) + 10)!;
        expect([row.source, row.nextHopType, row.addressPrefix.text]).toEqual(['VirtualNetworkGateway', 'VirtualNetworkGateway', '192.168.80.0/24']);
    });

    it('near miss: propagation disabled (the tutorial\'s fix), or a user route for the prefix', async () => {
        expect((await check(ISSUE(`routeTable rt-workload {
  disableBgpRoutePropagation: true
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw1 }
}`))).seen[0].filter(s => s.severity !== 'info').map(fmt)).toEqual([
            // Not this code; but here and below the reply from the site skips fw1 (the GatewaySubnet
            // has no route to it), which the tutorial fixes with a route table on the GatewaySubnet.
            'asymmetric-path/warning@4:3-4:76'
        ]);
        expect(await diagnose(ISSUE(`routeTable rt-workload {
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw1 }
  route onprem { prefix: 192.168.80.0/24, nextHopType: VirtualAppliance, nextHop: fw1 }
}`))).toEqual(['asymmetric-path/warning@4:3-4:76']);
    });

    it('near miss: the BGP route\'s next hop is the firewall itself, or the user route is not to an appliance', async () => {
        // An NVA that advertises the site prefix itself draws its own traffic: nothing goes around it.
        const viaNva = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet fw-subnet { prefix: 10.1.1.0/24 }
  nva fw1 { ip: 10.1.1.4, asn: 65001, advertises: [192.168.80.0/24] }
  subnet workload { prefix: 10.1.3.0/24, routeTable: rt-workload }
  vm app1 { ip: 10.1.3.10 }
}
bgp fw1 <-> rs1
routeTable rt-workload {
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw1 }
}
`;
        expect(await diagnose(viaNva)).toEqual([]);
        expect(await diagnose(ISSUE(`routeTable rt-workload {
  route internet { prefix: 0.0.0.0/0, nextHopType: Internet }
}`))).toEqual([]);
    });

    it('lists the first five prefixes, then a count, and names every programmer', async () => {
        const many = ISSUE(`routeTable rt-workload {
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: 10.1.1.4 }
}`).replace('prefixes: [192.168.80.0/24]', 'prefixes: [192.168.80.0/24, 192.168.81.0/24, 192.168.82.0/24, 192.168.83.0/24, 192.168.84.0/24, 192.168.85.0/24, 192.168.86.0/24]');
        const { seen } = await check(many);
        expect(seen[0].map(s => s.code)).toEqual(['bgp-route-bypasses-udr']);
        expect(seen[0][0].message).toContain('BGP routes there: 192.168.80.0/24, 192.168.81.0/24, 192.168.82.0/24, 192.168.83.0/24, 192.168.84.0/24 and 2 more.');
        expect(seen[0][0].message).toContain('to the appliance at 10.1.1.4');
    });
});

describe('bgp-route-bypasses-udr with an Azure Firewall (v2)', () => {
    /** The issue's input with the firewall written as one, as the Azure Firewall hybrid tutorial builds it. */
    const FIREWALL = (table: string) => `onprem site1 { prefixes: [192.168.80.0/24] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [site1] }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
}
spoke spoke1 {
  addressSpace: [10.10.0.0/16]
  subnet workload { prefix: 10.10.1.0/24, routeTable: rt-workload }
  vm app1 { ip: 10.10.1.10 }
}
peering spoke1 -> hub1 { useRemoteGateways: true, allowForwardedTraffic: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
${table}
`;

    it('fires on a UDR to a firewall when a static site\'s prefix comes from the gateway', async () => {
        const { seen } = await check(FIREWALL(`routeTable rt-workload {
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw }
}`));
        expect(seen[0].map(fmt)).toEqual(['bgp-route-bypasses-udr/warning@15:3-15:88']);
        expect(seen[0][0].message).toContain("sends 0.0.0.0/0 from spoke1/workload to firewall 'azfw', but gateway 'vpngw1' programs more specific BGP routes there: 192.168.80.0/24.");
    });

    it('near miss: the tutorial\'s route table, with gateway route propagation off', async () => {
        expect((await check(FIREWALL(`routeTable rt-workload {
  disableBgpRoutePropagation: true
  route to-firewall { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw }
}`))).seen[0].filter(s => s.code === 'bgp-route-bypasses-udr')).toEqual([]);
    });
});
