import { describe, expect, it } from 'vitest';
import { hops, path, traced } from './trace-helpers.js';

/**
 * A hub with an Azure Firewall between a spoke and an ExpressRoute site: the spoke's route table
 * sends the site to the firewall; the GatewaySubnet's route table (v2) sends the spoke back
 * through it, or, without it, the gateway delivers the replies straight to the spoke.
 */
const FIREWALL_HUB = (gatewayRouteTable: boolean, extra = '') => `
onprem dc1 { asn: 65010, prefixes: [192.168.10.0/24] }
hub hub {
  addressSpace: [10.0.0.0/16]
  gateway ergw { type: ExpressRoute, subnet: 10.0.0.0/27, connections: [dc1]${gatewayRouteTable ? ', routeTable: rt-gateway' : ''} }
  firewall azfw { subnet: 10.0.1.0/26, ip: 10.0.1.4 }
  ${extra}
}
spoke spoke1 {
  addressSpace: [10.1.0.0/16]
  subnet app { prefix: 10.1.1.0/24, routeTable: rt-spoke }
  vm vm1 { ip: 10.1.1.4 }
}
routeTable rt-spoke { route onprem { prefix: 192.168.10.0/24, nextHopType: VirtualAppliance, nextHop: azfw } }
routeTable rt-gateway { route spoke1 { prefix: 10.1.0.0/16, nextHopType: VirtualAppliance, nextHop: azfw } }
peering spoke1 -> hub { allowForwardedTraffic: true, useRemoteGateways: true }
peering hub -> spoke1 { allowGatewayTransit: true }
`;

describe('v2 devices in paths (docs/semantics.md §6.1, §6.4, §6.7)', () => {
    it('a firewall named by a UDR, and a GatewaySubnet route table that brings the reply back through it', async () => {
        const r = (await traced(FIREWALL_HUB(true))).trace('vm1', '192.168.10.1');
        expect(hops(r.forward.branches[0])).toEqual([
            'vm1 192.168.10.0/24 VirtualAppliance 10.0.1.4 -> azfw',
            'azfw 192.168.10.0/24 VirtualNetworkGateway -> ergw',
            'ergw 192.168.10.0/24 OnPremises -> dc1',
            'dc1'
        ]);
        expect(hops(r.reply?.branches[0])).toEqual([
            'dc1 10.1.0.0/16 VirtualNetworkGateway -> ergw',
            'ergw 10.1.0.0/16 VirtualAppliance 10.0.1.4 -> azfw',
            'azfw 10.1.0.0/16 VNetPeering -> vm1',
            'vm1'
        ]);
        expect(r.reply?.branches[0].hops[1].why).toBe("user route 'spoke1' of route table 'rt-gateway'");
        expect(r.asymmetric).toEqual([]);
    });

    it('without the GatewaySubnet route table the reply skips the firewall, which is always stateful', async () => {
        const r = (await traced(FIREWALL_HUB(false))).trace('vm1', '192.168.10.1');
        expect(path(r.reply?.branches[0])).toBe('dc1 > ergw > vm1');
        expect(r.asymmetric.map(d => `${d.kind} ${d.name}`)).toEqual(['firewall azfw']);
    });

    it('an NVA with stateful: false in the same place is no asymmetry', async () => {
        const t = await traced(FIREWALL_HUB(false).replace('firewall azfw { subnet: 10.0.1.0/26, ip: 10.0.1.4 }',
            'subnet nva-subnet { prefix: 10.0.1.0/26 }\n  nva azfw { ip: 10.0.1.4, stateful: false }'));
        const r = t.trace('vm1', '192.168.10.1');
        expect(path(r.forward.branches[0])).toBe('vm1 > azfw > ergw > dc1');
        expect(path(r.reply?.branches[0])).toBe('dc1 > ergw > vm1');
        expect(r.asymmetric).toEqual([]);
    });

    it('a two-NIC NVA leaves by the NIC whose table has the longest match, and the hop names that NIC', async () => {
        const t = await traced(`
onprem dc1 { asn: 65010, prefixes: [192.168.10.0/24] }
hub hub {
  addressSpace: [10.0.0.0/16]
  gateway ergw { type: ExpressRoute, subnet: 10.0.0.0/27, connections: [dc1] }
  subnet untrust { prefix: 10.0.2.0/24 }
  subnet trust { prefix: 10.0.3.0/24, routeTable: rt-trust }
  nva fw { nic untrust { ip: 10.0.2.4 }, nic trust { ip: 10.0.3.4 } }
}
spoke spoke1 {
  addressSpace: [10.1.0.0/16]
  subnet app { prefix: 10.1.1.0/24, routeTable: rt-spoke }
  vm vm1 { ip: 10.1.1.4 }
}
routeTable rt-spoke { route onprem { prefix: 192.168.10.0/24, nextHopType: VirtualAppliance, nextHop: fw } }
routeTable rt-trust { route spokes { prefix: 10.1.0.0/16, nextHopType: VnetLocal } }
peering spoke1 -> hub { allowForwardedTraffic: true, useRemoteGateways: true }
peering hub -> spoke1 { allowGatewayTransit: true }`);
        const r = t.trace('vm1', '192.168.10.1');
        expect(r.forward.branches[0].hops.map(h => `${h.device.name}/${h.nic ?? '-'}`)).toEqual(['vm1/vm1', 'fw/untrust', 'ergw/-', 'dc1/-']);
        const back = t.trace('dc1', 'vm1');
        expect(back.forward.disposition).toBe('delivered');
        // The UDR naming a multi-NIC NVA points at its first NIC (untrust).
        expect(hops(back.reply?.branches[0])[0]).toBe('vm1 192.168.10.0/24 VirtualAppliance 10.0.2.4 -> fw');
    });

    it('a static site, a VNet-to-VNet connection and gateway nextHopIps: through the firewall both ways', async () => {
        const t = await traced(`
onprem branch-static { prefixes: [172.20.0.0/16] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [branch-static, vpngw-onprem], nextHopIps: [10.1.255.4, 10.1.255.5], routeTable: rt-gateway }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
}
spoke spoke1 {
  addressSpace: [10.10.0.0/16]
  subnet app { prefix: 10.10.1.0/24, routeTable: rt-spoke }
  vm app-vm { ip: 10.10.1.4 }
}
vnet onprem-sim {
  addressSpace: [10.200.0.0/16]
  gateway vpngw-onprem { type: Vpn, asn: 65200, subnet: 10.200.255.0/27, connections: [vpngw1] }
  vm onprem-vm { ip: 10.200.1.4 }
}
peering spoke1 -> hub1 { useRemoteGateways: true, allowForwardedTraffic: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
routeTable rt-spoke {
  disableBgpRoutePropagation: true
  route default { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw }
}
routeTable rt-gateway { route to-spoke1 { prefix: 10.10.0.0/16, nextHopType: VirtualAppliance, nextHop: azfw } }`);
        const branch = t.trace('app-vm', '172.20.0.10');
        expect(hops(branch.forward.branches[0])).toEqual([
            'app-vm 0.0.0.0/0 VirtualAppliance 10.1.4.4 -> azfw',
            // The gateway's own nextHopIps: to the gateway that programmed the route (§6.1).
            'azfw 172.20.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5 -> vpngw1',
            'vpngw1 172.20.0.0/16 OnPremises -> branch-static',
            'branch-static'
        ]);
        expect(hops(branch.reply?.branches[0])[0]).toBe('branch-static 0.0.0.0/0 VirtualNetworkGateway -> vpngw1');
        expect(path(branch.reply?.branches[0])).toBe('branch-static > vpngw1 > azfw > app-vm');
        const vnet2vnet = t.trace('app-vm', 'onprem-vm');
        expect(path(vnet2vnet.forward.branches[0])).toBe('app-vm > azfw > vpngw1 > vpngw-onprem > onprem-vm');
        expect(path(vnet2vnet.reply?.branches[0])).toBe('onprem-vm > vpngw-onprem > vpngw1 > azfw > app-vm');
        expect([branch.asymmetric, vnet2vnet.asymmetric]).toEqual([[], []]);
    });
});
