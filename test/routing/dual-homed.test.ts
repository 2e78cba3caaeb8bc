import { describe, expect, it } from 'vitest';
import { computeRouting, type ReceivedRoute, type RoutingResult } from '../../language-server/src/routing/index.js';
import type * as T from '../../language-server/src/model/topology.js';
import { build, el, NONE_ROWS, peer, routesOf, type TopologySpec } from './build.js';
import { dualHomedEr, t4 } from './scenarios.js';

const OPTIONS = { routesPerPeer: 1000 };

function path(r: { asPath: readonly number[] }): string {
    return r.asPath.join(' ');
}

function receivedAt(result: RoutingResult, topology: T.Topology, speaker: string, kind: T.BgpEndpoint['kind']): readonly ReceivedRoute[] {
    return result.rib(el(topology, speaker, kind) as T.BgpEndpoint)!.received;
}

describe('T4: dual-homed spoke, route server in the spoke, NVA per hub, S2S on-premises (S4, lab S27)', () => {
    it('rs0 learns on-premises from both NVAs with the lab\'s AS paths', () => {
        const topology = build(t4());
        const result = computeRouting(topology, OPTIONS);
        expect(result.converged).toBe(true);
        const learned = receivedAt(result, topology, 'rs0', 'routeServer')
            .filter(r => r.prefix.text.startsWith('10.5.') || r.prefix.text.startsWith('10.101.'))
            .map(r => `${r.prefix.text} from ${r.from.name} [${path(r)}] ${r.accepted ? 'best' : r.reason?.kind === 'not-best' ? r.reason.why : r.reason?.kind}`);
        expect(learned).toEqual([
            '10.5.1.0/24 from csr1 [65001 65005] best',
            '10.5.1.0/24 from csr2 [65002 65005 65005] longer-as-path',
            '10.5.2.0/24 from csr1 [65001 65005] best',
            '10.5.2.0/24 from csr2 [65002 65005 65005] longer-as-path',
            '10.5.3.0/24 from csr1 [65001 65005] best',
            '10.5.3.0/24 from csr2 [65002 65005 65005] longer-as-path',
            '10.101.1.0/24 from csr1 [65001] best',
            '10.101.2.0/24 from csr1 [65001] best',
            '10.101.3.0/24 from csr1 [65001] best'
        ]);
    });

    it('rs0 advertises its ranges to both NVAs and reflects each hub to the other', () => {
        const topology = build(t4());
        const result = computeRouting(topology, OPTIONS);
        const toNva = (nva: string) => result.sessions.find(s => s.id === `bgp:${nva}<->rs0`)!.bToA
            .map(a => `${a.prefix.text} [${path(a)}]`);
        expect(toNva('csr1')).toEqual([
            '10.0.0.0/24 [65515]', '10.0.1.0/24 [65515]',
            '10.102.1.0/24 [65515 65002]', '10.102.2.0/24 [65515 65002]', '10.102.3.0/24 [65515 65002]'
        ]);
        expect(toNva('csr2')).toEqual([
            '10.0.0.0/24 [65515]', '10.0.1.0/24 [65515]',
            '10.5.1.0/24 [65515 65001 65005]', '10.5.2.0/24 [65515 65001 65005]', '10.5.3.0/24 [65515 65001 65005]',
            '10.101.1.0/24 [65515 65001]', '10.101.2.0/24 [65515 65001]', '10.101.3.0/24 [65515 65001]'
        ]);
    });

    it('vm02: on-premises via csr1 (shorter path, no ECMP); the hubs\' /24s are hidden by the peering routes', () => {
        const topology = build(t4());
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm02')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'Default Active 10.0.0.0/24 VnetLocal',
            'Default Active 10.0.1.0/24 VnetLocal',
            'VirtualNetworkGateway Active 10.5.1.0/24 VirtualNetworkGateway 10.101.2.10',
            'VirtualNetworkGateway Active 10.5.2.0/24 VirtualNetworkGateway 10.101.2.10',
            'VirtualNetworkGateway Active 10.5.3.0/24 VirtualNetworkGateway 10.101.2.10',
            'Default Active 10.101.0.0/16 VNetGlobalPeering',
            'Default Active 10.102.0.0/16 VNetGlobalPeering',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
    });

    it('failover: with the csr1 <-> csr5 session down, 10.5.x/24 moves to csr2', () => {
        const topology = build(t4());
        const down = topology.sessions.find(s => s.left.name === 'csr5' && s.right.name === 'csr1')!;
        const result = computeRouting(topology, { ...OPTIONS, downSessions: new Set([down]) });
        expect(routesOf(result, topology, 'vm02').filter(r => r.includes('10.5.'))).toEqual([
            'VirtualNetworkGateway Active 10.5.1.0/24 VirtualNetworkGateway 10.102.2.10',
            'VirtualNetworkGateway Active 10.5.2.0/24 VirtualNetworkGateway 10.102.2.10',
            'VirtualNetworkGateway Active 10.5.3.0/24 VirtualNetworkGateway 10.102.2.10'
        ]);
        const session = result.session(down)!;
        expect(session.up).toBe(false);
        expect(session.down).toEqual({ kind: 'flagged' });
        expect(result.downSessions.map(s => s.id)).toEqual(['bgp:csr5<->csr1']);
        // What csr1 would have received shows as dropped, with the reason.
        const lost = receivedAt(result, topology, 'csr1', 'nva').filter(r => r.from.name === 'csr5' && r.origin.name === 'csr5');
        expect(lost.map(r => r.prefix.text)).toEqual(['10.5.1.0/24', '10.5.2.0/24', '10.5.3.0/24']);
        expect(lost.every(r => !r.accepted && r.reason?.kind === 'session-down')).toBe(true);
    });

    it('failover: with csr1 in state: down, its sessions are down and the spoke follows csr2', () => {
        const spec = t4();
        spec.vnets![1].nvas![0].state = 'down';
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm02').filter(r => r.includes('10.5.1.'))).toEqual([
            'VirtualNetworkGateway Active 10.5.1.0/24 VirtualNetworkGateway 10.102.2.10'
        ]);
        expect(result.downSessions.map(s => `${s.id} ${s.down?.kind}`)).toEqual([
            'bgp:csr1<->rs0 endpoint-down', 'bgp:csr5<->csr1 endpoint-down'
        ]);
        const fromCsr1 = receivedAt(result, topology, 'rs0', 'routeServer').filter(r => r.from.name === 'csr1');
        expect(fromCsr1.map(r => r.prefix.text)).toEqual(['10.101.1.0/24', '10.101.2.0/24', '10.101.3.0/24']);
        expect(fromCsr1[0].reason).toEqual({ kind: 'session-down', why: { kind: 'endpoint-down', endpoint: el(topology, 'csr1', 'nva') } });
    });
});

describe('docs/semantics.md §5: the dual-homed spoke with ExpressRoute', () => {
    it('rs1 learns 10.2.13.0/25 from its gateway as 12076 65021 and sends it to nva1 as 65515 12076 65021', () => {
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        const atRs1 = receivedAt(result, topology, 'rs1', 'routeServer').find(r => r.prefix.text === '10.2.13.0/25')!;
        expect(atRs1.from.name).toBe('ergw1');
        expect(atRs1.asPath).toEqual([12076, 65021]);
        expect(atRs1.accepted).toBe(true);
        const toNva1 = result.sessions.find(s => s.id === 'bgp:nva1<->rs1')!.bToA.find(a => a.prefix.text === '10.2.13.0/25')!;
        expect(toNva1.asPath).toEqual([65515, 12076, 65021]);
        expect(toNva1.origin.name).toBe('dc1');
    });

    it('without asOverride rs0 drops 10.2.13.0/25 (path 65001 65515 12076 65021): as-path-loop 65515', () => {
        const topology = build(dualHomedEr(false));
        const result = computeRouting(topology, OPTIONS);
        const atRs0 = receivedAt(result, topology, 'rs0', 'routeServer').find(r => r.prefix.text === '10.2.13.0/25')!;
        expect(atRs0.asPath).toEqual([65001, 65515, 12076, 65021]);
        expect(atRs0.accepted).toBe(false);
        expect(atRs0.reason).toEqual({ kind: 'as-path-loop', asn: 65515 });
        expect(routesOf(result, topology, 'vm02').some(r => r.includes('10.2.13.0/25'))).toBe(false);
    });

    it('with asOverride the path becomes 65001 65001 12076 65021 and rs0 programs 10.2.13.0/25 -> nva1', () => {
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        const atRs0 = receivedAt(result, topology, 'rs0', 'routeServer').find(r => r.prefix.text === '10.2.13.0/25')!;
        expect(atRs0.asPath).toEqual([65001, 65001, 12076, 65021]);
        expect(atRs0.accepted).toBe(true);
        const programmed = result.program(el(topology, 'rs0', 'routeServer'))!.routes.find(r => r.prefix.text === '10.2.13.0/25')!;
        expect(programmed.nvas.map(n => n.name)).toEqual(['nva1']);
        expect(routesOf(result, topology, 'vm02')).toContain('VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10');
    });
});

describe('T5: dual-homed spoke with ExpressRoute in both hubs and as-override (lab S28)', () => {
    it('vm02 (spoke): each circuit through its own hub\'s NVA', () => {
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        expect(result.converged).toBe(true);
        expect(routesOf(result, topology, 'vm02')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10',
            'VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway 10.102.3.10',
            'Default Active 10.100.0.0/24 VnetLocal',
            'Default Active 10.101.0.0/16 VNetGlobalPeering',
            'Default Active 10.102.0.0/16 VNetPeering',
            'Default Active 10.200.0.0/24 VnetLocal',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
        const atRs0 = receivedAt(result, topology, 'rs0', 'routeServer').find(r => r.prefix.text === '10.2.20.0/25' && r.accepted)!;
        expect(atRs0.asPath).toEqual([65002, 65002, 12076, 65022]);
    });

    it('vm14 (hub1): its circuit from the gateway, the other hub\'s prefixes through nva1 (DH-ER-5)', () => {
        // docs/semantics.md §4: gateway routes from connections carry no next hop IP (the lab shows the MSEE
        // address 10.3.129.67, which a topology does not know).
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm14')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway 10.101.3.10',
            'Default Active 10.100.0.0/24 VNetGlobalPeering',
            'Default Active 10.101.0.0/16 VnetLocal',
            'VirtualNetworkGateway Active 10.102.0.0/16 VirtualNetworkGateway 10.101.3.10',
            'VirtualNetworkGateway Active 10.102.3.0/24 VirtualNetworkGateway 10.101.3.10',
            'VirtualNetworkGateway Active 10.102.4.0/24 VirtualNetworkGateway 10.101.3.10',
            'Default Active 10.200.0.0/24 VNetGlobalPeering',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
        // The NVA's own subnet gets the same routes, pointing at itself: the hub-to-hub loop.
        expect(routesOf(result, topology, 'nva1')).toContain('VirtualNetworkGateway Active 10.102.0.0/16 VirtualNetworkGateway 10.101.3.10');
    });

    it('vm24 (hub2) is the mirror image', () => {
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm24').filter(r => r.startsWith('VirtualNetworkGateway'))).toEqual([
            'VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway 10.102.3.10',
            'VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 10.101.0.0/16 VirtualNetworkGateway 10.102.3.10',
            'VirtualNetworkGateway Active 10.101.3.0/24 VirtualNetworkGateway 10.102.3.10',
            'VirtualNetworkGateway Active 10.101.4.0/24 VirtualNetworkGateway 10.102.3.10'
        ]);
    });

    it('the NVA\'s own prefixes inside its hub are ignored by the hub route server (RT-NO-VNET-PREFIX)', () => {
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        const own = receivedAt(result, topology, 'rs1', 'routeServer').filter(r => r.from.name === 'nva1' && r.origin.name === 'nva1');
        expect(own.map(r => `${r.prefix.text} ${r.reason?.kind}`)).toEqual(['10.101.3.0/24 vnet-range', '10.101.4.0/24 vnet-range']);
    });

    it('on-premises learns the hub range and, with branch-to-branch, the NVA routes (12076, private ASNs stripped)', () => {
        const topology = build(dualHomedEr(true));
        const result = computeRouting(topology, OPTIONS);
        const dc1 = receivedAt(result, topology, 'dc1', 'onprem').map(r => `${r.prefix.text} [${path(r)}]`);
        // The other circuit's prefix already carries 12076: the Microsoft edge drops it (B-LOOP).
        expect(dc1).toEqual([
            '10.100.0.0/24 [12076]', '10.101.0.0/16 [12076]', '10.102.0.0/16 [12076]',
            '10.102.3.0/24 [12076]', '10.102.4.0/24 [12076]', '10.200.0.0/24 [12076]'
        ]);
    });
});

describe('T7 (negative): NVA routes do not cross the ExpressRoute MSEE to a second route server', () => {
    const spec: TopologySpec = {
        sites: [{ name: 'dc', asn: 65100, prefixes: ['192.168.0.0/16'] }],
        vnets: [
            {
                name: 'vnet1', addressSpace: ['10.1.0.0/16'],
                routeServers: [{ name: 'ars1', subnet: '10.1.0.0/26', branchToBranch: true }],
                gateways: [{ name: 'ergw1', connections: ['dc'] }],
                nvas: [{ name: 'sdwan', ip: '10.1.1.4', asn: 65010, advertises: ['10.3.0.0/16'] }],
                vms: [{ name: 'vm1', ip: '10.1.2.4' }]
            },
            { name: 'spoke1', addressSpace: ['10.11.0.0/16'], vms: [{ name: 'vms1', ip: '10.11.0.4' }] },
            {
                name: 'vnet2', addressSpace: ['10.2.0.0/16'],
                routeServers: [{ name: 'ars2', subnet: '10.2.0.0/26', branchToBranch: true }],
                gateways: [{ name: 'ergw2', connections: ['dc'] }],
                vms: [{ name: 'vm2', ip: '10.2.2.4' }]
            }
        ],
        peerings: [
            ...peer('spoke1', 'vnet1', { useRemoteGateways: true }, { allowGatewayTransit: true })
        ],
        sessions: [{ left: 'sdwan', right: 'ars1' }]
    };

    it('VNet1 and its spoke have 10.3.0.0/16 -> NVA; on-premises learns it; VNet2 does not', () => {
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        const row = 'VirtualNetworkGateway Active 10.3.0.0/16 VirtualNetworkGateway 10.1.1.4';
        expect(routesOf(result, topology, 'vm1')).toContain(row);
        expect(routesOf(result, topology, 'vms1')).toContain(row);
        const dc = receivedAt(result, topology, 'dc', 'onprem').filter(r => r.prefix.text === '10.3.0.0/16');
        expect(dc.map(r => `${r.from.name} ${r.accepted}`)).toEqual(['ergw1 true']);
        expect(routesOf(result, topology, 'vm2').some(r => r.includes('10.3.0.0/16'))).toBe(false);
        expect(receivedAt(result, topology, 'ars2', 'routeServer').some(r => r.prefix.text === '10.3.0.0/16')).toBe(false);
        // On-premises reaches both VNets through their gateways.
        expect(routesOf(result, topology, 'vm2')).toContain('VirtualNetworkGateway Active 192.168.0.0/16 VirtualNetworkGateway');
    });
});
