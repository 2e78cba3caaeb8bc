import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hops, path, traced } from './trace-helpers.js';

const DUAL_HOMED = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');
/** Hub1's route server drops the spoke's ranges that nva1 relays (65515 in the path, no as-override). */
const NO_RETURN = DUAL_HOMED.replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1');
/** Data centre 1 on both circuits: the classic asymmetric dual-hub design. */
const DC1_ON_BOTH = DUAL_HOMED.replace('connections: [dc2]', 'connections: [dc2, dc1]');
/** Its fix: nva2 prepends towards the spoke, so rs0 prefers nva1 for dc1 and the reply's tie goes to ergw1. */
const DC1_ON_BOTH_FIXED = DC1_ON_BOTH.replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }');
/** The fixed design with its return path broken: hub1 no longer learns the spoke, dc1 replies through hub2. */
export const RETURN_BROKEN = DC1_ON_BOTH_FIXED.replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1');

describe('the dual-homed ExpressRoute sample (docs/semantics.md §5, §6.4, §6.7)', () => {
    it('app-vm to data centre 1: through nva1 both ways, symmetric', async () => {
        const r = (await traced(DUAL_HOMED)).trace('app-vm', '10.2.13.10');
        expect(r.forward.disposition).toBe('delivered');
        expect(hops(r.forward.branches[0])).toEqual([
            'app-vm 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10 -> nva1',
            'nva1 10.2.13.0/25 VirtualNetworkGateway -> ergw1',
            'ergw1 10.2.13.0/25 OnPremises -> dc1',
            'dc1'
        ]);
        expect(r.forward.branches[0].hops[0].why).toBe("route server 'rs0' learned it from 'nva1' over bgp:nva1<->rs0, AS path 65001 65001 12076 65021");
        expect(r.reply?.disposition).toBe('delivered');
        expect(hops(r.reply?.branches[0])).toEqual([
            'dc1 10.200.0.0/24 VirtualNetworkGateway -> ergw1',
            'ergw1 10.200.0.0/24 VirtualAppliance 10.101.3.10 -> nva1',
            'nva1 10.200.0.0/24 VNetGlobalPeering -> app-vm',
            'app-vm'
        ]);
        expect(r.asymmetric).toEqual([]);
    });

    it('app-vm to data centre 2: through nva2 both ways', async () => {
        const r = (await traced(DUAL_HOMED)).trace('app-vm', '10.2.20.10');
        expect(path(r.forward.branches[0])).toBe('app-vm > nva2 > ergw2 > dc2');
        expect(path(r.reply?.branches[0])).toBe('dc2 > ergw2 > nva2 > app-vm');
        expect(r.asymmetric).toEqual([]);
    });

    it('without the route back (no as-override towards rs1), dc1 has no route to the spoke: the reply is no-route', async () => {
        const r = (await traced(NO_RETURN)).trace('app-vm', '10.2.13.10');
        expect(r.forward.disposition).toBe('delivered');
        expect(r.reply?.disposition).toBe('no-route');
        expect(r.reply?.reason).toBe("site 'dc1' has no route for 10.200.0.10");
        expect(r.asymmetric).toEqual([]);
    });
});

describe('the classic asymmetric dual-hub design (data centre 1 on both circuits) and its fix', () => {
    it('ECMP towards dc1 through both hubs, the reply through hub1 only: nva2 sees one direction', async () => {
        const r = (await traced(DC1_ON_BOTH)).trace('app-vm', '10.2.13.10');
        expect(r.forward.branches.map(path)).toEqual(['app-vm > nva1 > ergw1 > dc1', 'app-vm > nva2 > ergw2 > dc1']);
        expect(path(r.reply?.branches[0])).toBe('dc1 > ergw1 > nva1 > app-vm');
        expect(r.asymmetric.map(n => n.name)).toEqual(['nva2']);
    });

    it('fixed with asPathPrepend on nva2 towards rs0: one path, through nva1 both ways', async () => {
        const r = (await traced(DC1_ON_BOTH_FIXED)).trace('app-vm', '10.2.13.10');
        expect(r.forward.branches.map(path)).toEqual(['app-vm > nva1 > ergw1 > dc1']);
        expect(path(r.reply?.branches[0])).toBe('dc1 > ergw1 > nva1 > app-vm');
        expect(r.asymmetric).toEqual([]);
        // dc2's prefix has only the path through nva2, prepended or not.
        expect(path((await traced(DC1_ON_BOTH_FIXED)).trace('app-vm', '10.2.20.10').forward.branches[0])).toBe('app-vm > nva2 > ergw2 > dc2');
    });

    it('breaking its return path (no as-override on nva1 <-> rs1): out through nva1, back through nva2', async () => {
        const r = (await traced(RETURN_BROKEN)).trace('app-vm', '10.2.13.10');
        expect(path(r.forward.branches[0])).toBe('app-vm > nva1 > ergw1 > dc1');
        expect(hops(r.reply?.branches[0])).toEqual([
            'dc1 10.200.0.0/24 VirtualNetworkGateway -> ergw2',
            'ergw2 10.200.0.0/24 VirtualAppliance 10.102.3.10 -> nva2',
            'nva2 10.200.0.0/24 VNetPeering -> app-vm',
            'app-vm'
        ]);
        expect(r.reply?.disposition).toBe('delivered');
        expect(r.asymmetric.map(n => n.name)).toEqual(['nva1', 'nva2']);
    });
});

describe('loops and ECMP', () => {
    it('a loop between two hubs\' NVAs: each hub\'s NVA subnet sends the prefix to the other hub\'s NVA', async () => {
        const t = await traced(`
hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet nva-subnet { prefix: 10.1.1.0/24, routeTable: rt1 }
  nva nva1 { ip: 10.1.1.4 }
  vm vm1 { ip: 10.1.1.10 }
}
hub hub2 {
  addressSpace: [10.2.0.0/16]
  subnet nva-subnet { prefix: 10.2.1.0/24, routeTable: rt2 }
  nva nva2 { ip: 10.2.1.4 }
}
routeTable rt1 { route far { prefix: 10.50.0.0/16, nextHopType: VirtualAppliance, nextHop: nva2 } }
routeTable rt2 { route far { prefix: 10.50.0.0/16, nextHopType: VirtualAppliance, nextHop: nva1 } }
peering hub1 -> hub2 { allowForwardedTraffic: true }
peering hub2 -> hub1 { allowForwardedTraffic: true }`);
        const r = t.trace('vm1', '10.50.0.1');
        expect(r.forward.disposition).toBe('loop');
        expect(hops(r.forward.branches[0])).toEqual([
            'vm1 10.50.0.0/16 VirtualAppliance 10.2.1.4 -> nva2',
            'nva2 10.50.0.0/16 VirtualAppliance 10.1.1.4 -> nva1',
            'nva1 10.50.0.0/16 VirtualAppliance 10.2.1.4 -> nva2',
            'nva2'
        ]);
        expect(r.forward.failing?.blocking).toMatchObject({ kind: 'route', row: { name: 'far' }, at: { name: 'nva1' } });
        expect(r.reply).toBeUndefined();
    });

    it('ECMP over two NVAs: both branches, the lowest next hop first; the reply takes one, so the other is asymmetric', async () => {
        const t = await traced(`
onprem branch { asn: 65050, prefixes: [10.50.0.0/16] }
hub hub {
  addressSpace: [10.0.0.0/16]
  routeServer rs { subnet: 10.0.0.0/26 }
  subnet nva-subnet { prefix: 10.0.1.0/24 }
  nva nva-b { ip: 10.0.1.5, asn: 65001 }
  nva nva-a { ip: 10.0.1.4, asn: 65001 }
  vm hub-vm { ip: 10.0.1.10 }
}
bgp nva-a <-> rs
bgp nva-b <-> rs
bgp nva-a <-> branch
bgp nva-b <-> branch`);
        const r = t.trace('hub-vm', '10.50.0.1');
        expect(r.forward.disposition).toBe('delivered');
        expect(r.forward.branches.map(b => hops(b))).toEqual([
            ['hub-vm 10.50.0.0/16 VirtualNetworkGateway 10.0.1.4 10.0.1.5 -> nva-a', 'nva-a 10.50.0.0/16 OnPremises -> branch', 'branch'],
            ['hub-vm 10.50.0.0/16 VirtualNetworkGateway 10.0.1.4 10.0.1.5 -> nva-b', 'nva-b 10.50.0.0/16 OnPremises -> branch', 'branch']
        ]);
        expect(r.forward.branches[0].hops[1].why).toBe('tunnel: learned from \'branch\' over bgp:nva-a<->branch, AS path 65050');
        expect(path(r.reply?.branches[0])).toBe('branch > nva-a > hub-vm');
        expect(r.asymmetric.map(n => n.name)).toEqual(['nva-b']);
    });
});
