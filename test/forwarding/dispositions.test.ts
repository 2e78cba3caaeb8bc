import { describe, expect, it } from 'vitest';
import { hops, path, traced } from './trace-helpers.js';

/** One hub with an NVA and a VM, one spoke with a VM whose subnet sends everything to the NVA. */
const HUB_SPOKE = (extra: { nvaState?: string; rtRoute?: string; hubToSpoke?: string; spokeToHub?: string; spoke2ToHub?: string } = {}) => `
hub hub {
  addressSpace: [10.0.0.0/16]
  subnet nva-subnet { prefix: 10.0.1.0/24 }
  nva fw { ip: 10.0.1.4${extra.nvaState ? `, state: ${extra.nvaState}` : ''} }
  vm hub-vm { ip: 10.0.1.10 }
}
spoke spoke1 {
  addressSpace: [10.1.0.0/16]
  subnet app { prefix: 10.1.1.0/24, routeTable: rt-spoke }
  vm vm1 { ip: 10.1.1.4 }
}
spoke spoke2 {
  addressSpace: [10.2.0.0/16]
  subnet app { prefix: 10.2.1.0/24, routeTable: rt-spoke }
  vm vm2 { ip: 10.2.1.4 }
}
routeTable rt-spoke {
  ${extra.rtRoute ?? 'route all { prefix: 10.0.0.0/8, nextHopType: VirtualAppliance, nextHop: fw }'}
}
peering spoke1 -> hub { allowForwardedTraffic: true }
${extra.hubToSpoke ?? 'peering hub -> spoke1'}
peering spoke2 -> hub { ${extra.spoke2ToHub ?? 'allowForwardedTraffic: true'} }
peering hub -> spoke2
`;

describe('dispositions (docs/semantics.md §6), each from a minimal topology', () => {
    it('delivered: through the hub NVA both ways, each hop naming the route and why', async () => {
        const t = await traced(HUB_SPOKE());
        const r = t.trace('vm1', 'vm2');
        expect(r.forward.disposition).toBe('delivered');
        expect(hops(r.forward.branches[0])).toEqual([
            'vm1 10.0.0.0/8 VirtualAppliance 10.0.1.4 -> fw',
            'fw 10.2.0.0/16 VNetPeering -> vm2',
            'vm2'
        ]);
        expect(r.forward.branches[0].hops.map(h => h.why)).toEqual([
            "user route 'all' of route table 'rt-spoke'", "peering 'hub -> spoke2'", 'destination'
        ]);
        expect(r.reply?.disposition).toBe('delivered');
        expect(path(r.reply?.branches[0])).toBe('vm2 > fw > vm1');
        expect(r.asymmetric).toEqual([]);
        expect(r.forward.reason).toBeNull();
    });

    it('delivered to a VNet when no device owns the address', async () => {
        const r = (await traced(HUB_SPOKE())).trace('hub-vm', '10.0.5.5');
        expect(r.forward.disposition).toBe('delivered');
        expect(hops(r.forward.branches[0])).toEqual(['hub-vm 10.0.0.0/16 VnetLocal -> hub', '10.0.5.5']);
        expect(path(r.reply?.branches[0])).toBe('10.0.5.5 > hub-vm');
    });

    it('exits-to-internet: the system 0.0.0.0/0 row, and no reply', async () => {
        const r = (await traced(HUB_SPOKE())).trace('vm1', '8.8.8.8');
        expect(r.forward.disposition).toBe('exits-to-internet');
        expect(hops(r.forward.branches[0])).toEqual(['vm1 0.0.0.0/0 Internet']);
        expect(r.forward.reason).toBe("VM 'vm1' sends it to the internet by 0.0.0.0/0 Internet (system route to the internet)");
        expect(r.reply).toBeUndefined();
    });

    it('dropped-none-route: the reserved 172.16.0.0/12 None row', async () => {
        const r = (await traced(HUB_SPOKE())).trace('vm1', '172.16.0.9');
        expect(r.forward.disposition).toBe('dropped-none-route');
        expect(hops(r.forward.branches[0])).toEqual(['vm1 172.16.0.0/12 None']);
        expect(r.forward.failing?.blocking).toMatchObject({ kind: 'route', row: { addressPrefix: { text: '172.16.0.0/12' } } });
    });

    it('no-route: a user route to an address no NVA owns', async () => {
        const r = (await traced(HUB_SPOKE({ rtRoute: 'route all { prefix: 10.0.0.0/8, nextHopType: VirtualAppliance, nextHop: 10.0.1.99 }' }))).trace('vm1', 'vm2');
        expect(r.forward.disposition).toBe('no-route');
        expect(r.forward.reason).toBe("VM 'vm1': 10.0.0.0/8 VirtualAppliance 10.0.1.99 has next hop 10.0.1.99, which no NVA owns");
    });

    it('no-route: a site with no route back to an address nothing advertises', async () => {
        const t = await traced(`
onprem dc { asn: 65010, prefixes: [192.168.10.0/24] }
hub hub { addressSpace: [10.0.0.0/16], gateway gw { type: ExpressRoute, subnet: 10.0.0.0/27, connections: [dc] } }`);
        const r = t.trace('dc', '10.9.0.1');
        expect(r.forward.disposition).toBe('no-route');
        expect(r.forward.reason).toBe("site 'dc' has no route for 10.9.0.1");
    });

    it('forwarded-traffic-blocked: spoke2 -> hub lacks allowForwardedTraffic [PEER-FWD]', async () => {
        const r = (await traced(HUB_SPOKE({ spoke2ToHub: '' }))).trace('vm1', 'vm2');
        expect(r.forward.disposition).toBe('forwarded-traffic-blocked');
        expect(hops(r.forward.branches[0])).toEqual(['vm1 10.0.0.0/8 VirtualAppliance 10.0.1.4 -> fw', 'fw 10.2.0.0/16 VNetPeering -> vm2']);
        expect(r.forward.reason).toBe("peering 'spoke2 -> hub' lacks allowForwardedTraffic: true, so VNet 'spoke2' drops what NVA 'fw' forwards from 10.1.1.4 [PEER-FWD]");
        expect(r.forward.failing?.blocking).toMatchObject({ kind: 'peering', peering: { from: { name: 'spoke2' }, to: { name: 'hub' } } });
        // Traffic that starts in the hub is not forwarded traffic.
        expect((await traced(HUB_SPOKE({ spoke2ToHub: '' }))).trace('hub-vm', 'vm2').forward.disposition).toBe('delivered');
    });

    it('peering-not-connected: the NVA is across a peering that stays Initiated', async () => {
        const r = (await traced(HUB_SPOKE({ hubToSpoke: '' }))).trace('vm1', 'vm2');
        expect(r.forward.disposition).toBe('peering-not-connected');
        expect(hops(r.forward.branches[0])).toEqual(['vm1 10.0.0.0/8 VirtualAppliance 10.0.1.4 -> fw']);
        expect(r.forward.reason).toBe("peering 'spoke1 -> hub' is Initiated: 'hub -> spoke1' does not exist");
    });

    it('nva-down: the next hop NVA has state: down', async () => {
        const r = (await traced(HUB_SPOKE({ nvaState: 'down' }))).trace('vm1', 'vm2');
        expect(r.forward.disposition).toBe('nva-down');
        expect(hops(r.forward.branches[0])).toEqual(['vm1 10.0.0.0/8 VirtualAppliance 10.0.1.4 -> fw', 'fw']);
        expect(r.forward.reason).toBe("NVA 'fw' has state: down");
    });

    it('loop: an NVA whose own subnet routes back to itself', async () => {
        const t = await traced(`
hub hub {
  addressSpace: [10.0.0.0/16]
  subnet nva-subnet { prefix: 10.0.1.0/24, routeTable: rt }
  subnet app { prefix: 10.0.2.0/24, routeTable: rt }
  nva fw { ip: 10.0.1.4 }
  vm vm1 { ip: 10.0.2.4 }
}
routeTable rt { route out { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw } }`);
        const r = t.trace('vm1', '8.8.8.8');
        expect(r.forward.disposition).toBe('loop');
        expect(hops(r.forward.branches[0])).toEqual([
            'vm1 0.0.0.0/0 VirtualAppliance 10.0.1.4 -> fw',
            'fw 0.0.0.0/0 VirtualAppliance 10.0.1.4 -> fw',
            'fw'
        ]);
        expect(r.forward.reason).toBe("NVA 'fw' is visited twice: NVA 'fw' sends 8.8.8.8 back to it by 0.0.0.0/0 VirtualAppliance 10.0.1.4 (user route 'out' of route table 'rt')");
        expect(r.forward.failing?.blocking).toMatchObject({ kind: 'route', row: { name: 'out' }, at: { name: 'fw' } });
    });

    it('ttl-exceeded: more hops than the limit', async () => {
        const r = (await traced(HUB_SPOKE(), { maxHops: 2 })).trace('vm1', 'vm2');
        expect(r.forward.disposition).toBe('ttl-exceeded');
        expect(r.forward.reason).toBe('more than 2 hops');
        expect(path(r.forward.branches[0])).toBe('vm1 > fw > vm2');
    });
});
