import { describe, expect, it } from 'vitest';
import { computeRouting } from '../../language-server/src/routing/index.js';
import { build, el, NONE_ROWS, peer, routesOf, spokeOf, subnetOf, type TopologySpec } from './build.js';

const OPTIONS = { routesPerPeer: 1000 };

describe('T1: UDR precedence and Invalid state (rule book §7, S18 routing example)', () => {
    const spec: TopologySpec = {
        sites: [{ name: 'onprem', asn: 65010, prefixes: ['10.10.0.0/16'] }],
        vnets: [
            {
                name: 'Virtual-network-1', addressSpace: ['10.0.0.0/16'],
                subnets: [
                    { name: 'Subnet1', prefix: '10.0.0.0/24', routeTable: 'Subnet1-rt' },
                    { name: 'Subnet2', prefix: '10.0.1.0/24' },
                    { name: 'nva', prefix: '10.0.100.0/24' }
                ],
                gateways: [{ name: 'vpngw', type: 'Vpn', subnet: '10.0.255.0/27', connections: ['onprem'] }],
                nvas: [{ name: 'nva1', ip: '10.0.100.4', asn: 65001 }],
                vms: [{ name: 'vm1', ip: '10.0.0.4' }, { name: 'vm2', ip: '10.0.1.4' }]
            },
            { name: 'Virtual-network-2', addressSpace: ['10.1.0.0/16', '10.2.0.0/16'] }
        ],
        peerings: peer('Virtual-network-1', 'Virtual-network-2'),
        routeTables: [{
            name: 'Subnet1-rt',
            routes: [
                { name: 'vnet-to-nva', prefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance', nextHop: 'nva1' },
                { name: 'subnet1-local', prefix: '10.0.0.0/24', nextHopType: 'VnetLocal' },
                { name: 'drop-vnet2-a', prefix: '10.1.0.0/16', nextHopType: 'None' },
                { name: 'drop-vnet2-b', prefix: '10.2.0.0/16', nextHopType: 'None' },
                { name: 'onprem-via-nva', prefix: '10.10.0.0/16', nextHopType: 'VirtualAppliance', nextHop: '10.0.100.4' },
                { name: 'default-via-nva', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHop: 'nva1' }
            ]
        }]
    };
    const topology = build(spec);
    const result = computeRouting(topology, OPTIONS);

    it('Subnet1: every UDR is Active and the system or gateway route of the same prefix Invalid', () => {
        // Where the rule book's table and docs/semantics.md differ, docs/semantics.md wins:
        // - no service endpoint row (service endpoints are not modelled);
        // - 10.10.0.0/16 comes from the VPN gateway as source VirtualNetworkGateway with no next hop IP
        //   (the rule book's "Default ... [gw IP]");
        // - v2 (docs/semantics.md §4.1 "When 0.0.0.0/0 is taken over"; the example's own text: Azure
        //   "removed the routes for the 10.0.0.0/8, 192.168.0.0/16 and 100.64.0.0/10 address prefixes
        //   ... when the user-defined route for 0.0.0.0/0 was added"): the UDR 0.0.0.0/0 to an
        //   appliance removes the four None rows; v1 kept them. The Internet default stays, Invalid.
        // - rows in docs/semantics.md §4 order: prefix, then Default, VirtualNetworkGateway, User.
        expect(routesOf(result, topology, 'vm1')).toEqual([
            'Default Invalid 0.0.0.0/0 Internet',
            'User Active 0.0.0.0/0 VirtualAppliance 10.0.100.4',
            'Default Invalid 10.0.0.0/16 VnetLocal',
            'User Active 10.0.0.0/16 VirtualAppliance 10.0.100.4',
            'User Active 10.0.0.0/24 VnetLocal',
            'Default Invalid 10.1.0.0/16 VNetPeering',
            'User Active 10.1.0.0/16 None',
            'Default Invalid 10.2.0.0/16 VNetPeering',
            'User Active 10.2.0.0/16 None',
            'VirtualNetworkGateway Invalid 10.10.0.0/16 VirtualNetworkGateway',
            'User Active 10.10.0.0/16 VirtualAppliance 10.0.100.4'
        ]);
    });

    it('Subnet1: User rows carry the UDR name, the others null', () => {
        const rows = result.effectiveRoutes(subnetOf(topology, 'vm1'));
        expect(rows.filter(r => r.source === 'User').map(r => r.name)).toEqual([
            'default-via-nva', 'vnet-to-nva', 'subnet1-local', 'drop-vnet2-a', 'drop-vnet2-b', 'onprem-via-nva'
        ]);
        expect(rows.filter(r => r.source !== 'User').every(r => r.name === null)).toBe(true);
    });

    it('Subnet2 (no route table): system and gateway routes, all Active', () => {
        // The 2017 example predates 172.16.0.0/12; it is added for current behaviour (rule book §7).
        expect(routesOf(result, topology, 'vm2')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'Default Active 10.0.0.0/16 VnetLocal',
            'Default Active 10.1.0.0/16 VNetPeering',
            'Default Active 10.2.0.0/16 VNetPeering',
            'VirtualNetworkGateway Active 10.10.0.0/16 VirtualNetworkGateway',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
    });

    it('the gateway row says where it comes from', () => {
        const gw = result.effectiveRoutes(subnetOf(topology, 'vm2')).find(r => r.addressPrefix.text === '10.10.0.0/16')!;
        expect(gw.provenance.kind).toBe('bgp');
        if (gw.provenance.kind !== 'bgp') return;
        expect(gw.provenance.programmed.by.name).toBe('vpngw');
        expect(gw.provenance.programmed.asPath).toEqual([65010]);
    });
});

describe('T2 / T6: one VNet with an SD-WAN NVA and a firewall NVA that advertises 0.0.0.0/0', () => {
    const spec = (withInternetUdr: boolean): TopologySpec => ({
        vnets: [{
            name: 'vnet1', addressSpace: ['10.1.0.0/16'],
            subnets: [
                { name: 'sdwan', prefix: '10.1.1.0/24' },
                { name: 'fw', prefix: '10.1.2.0/24', routeTable: withInternetUdr ? 'fw-rt' : undefined },
                { name: 'workload', prefix: '10.1.3.0/24' }
            ],
            routeServers: [{ name: 'rs1', subnet: '10.1.0.0/26' }],
            nvas: [
                { name: 'sdwan1', ip: '10.1.1.4', asn: 65010, advertises: ['10.250.0.0/16'] },
                { name: 'fw1', ip: '10.1.2.4', asn: 65020, advertises: ['0.0.0.0/0'] }
            ],
            vms: [{ name: 'vm1', ip: '10.1.3.4' }]
        }],
        sessions: [{ left: 'sdwan1', right: 'rs1' }, { left: 'fw1', right: 'rs1' }],
        routeTables: withInternetUdr
            ? [{ name: 'fw-rt', routes: [{ name: 'internet', prefix: '0.0.0.0/0', nextHopType: 'Internet' }] }]
            : []
    });

    it('T2: every VM, the NVAs included, gets both BGP routes; the BGP default removes the Internet and None rows', () => {
        const topology = build(spec(false));
        const result = computeRouting(topology, OPTIONS);
        // v2 (docs/semantics.md §4.1; real show-effective-route-table outputs of labs with a BGP default):
        // a BGP 0.0.0.0/0 programmed into the subnet leaves out the Default 0.0.0.0/0 Internet row
        // (v1 showed it Invalid) and the four None rows (v1 kept them).
        const expected = [
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4',
            'Default Active 10.1.0.0/16 VnetLocal',
            'VirtualNetworkGateway Active 10.250.0.0/16 VirtualNetworkGateway 10.1.1.4'
        ];
        expect(routesOf(result, topology, 'vm1')).toEqual(expected);
        expect(routesOf(result, topology, 'sdwan1')).toEqual(expected);
        expect(routesOf(result, topology, 'fw1')).toEqual(expected);
    });

    it('T2: the route server advertises 10.1.0.0/16 to both NVAs and reflects each NVA to the other', () => {
        const topology = build(spec(false));
        const result = computeRouting(topology, OPTIONS);
        const sent = (nva: string) => {
            const s = result.session(topology.sessions.find(x => x.left.name === nva)!)!;
            return s.bToA.map(a => `${a.prefix.text} [${a.asPath.join(' ')}]`);
        };
        expect(sent('sdwan1')).toEqual(['0.0.0.0/0 [65515 65020]', '10.1.0.0/16 [65515]']);
        expect(sent('fw1')).toEqual(['10.1.0.0/16 [65515]', '10.250.0.0/16 [65515 65010]']);
        const toSdwan = result.session(topology.sessions[0])!.bToA;
        // BGP-RS-NEXTHOP-OUT: the route server's first instance address.
        expect(toSdwan.every(a => a.nextHop === ((10 << 24) + (1 << 16) + 4))).toBe(true);
    });

    it('T6: a UDR 0.0.0.0/0 -> Internet on the firewall subnet wins there; other subnets keep 0/0 -> NVA', () => {
        const topology = build(spec(true));
        const result = computeRouting(topology, OPTIONS);
        // v2 (docs/semantics.md §4.1): the BGP 0.0.0.0/0 is programmed into the firewall's subnet too, so
        // the Default Internet row is left out there (v1 showed it Invalid); the UDR to Internet
        // removes nothing by itself, and takes over.
        expect(routesOf(result, topology, 'fw1').slice(0, 2)).toEqual([
            'VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4',
            'User Active 0.0.0.0/0 Internet'
        ]);
        expect(routesOf(result, topology, 'vm1').slice(0, 1)).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4'
        ]);
    });
});

describe('T3: hub with route server and NVA, spokes with and without useRemoteGateways (S9, lab S29)', () => {
    // S29: hub1 10.1.0.0/24 + 10.255.0.0/24, spokes 10.0.1.0/24 and 10.0.2.0/24 use the hub's route
    // server, hub1 is also peered (no gateway flags) with hub2 10.2.0.0/24.
    const lab: TopologySpec = {
        vnets: [
            {
                name: 'hub1', role: 'hub', addressSpace: ['10.1.0.0/24', '10.255.0.0/24'],
                subnets: [{ name: 'nva', prefix: '10.1.0.0/27' }, { name: 'workload', prefix: '10.1.0.32/27' }],
                routeServers: [{ name: 'rs1', subnet: '10.1.0.128/27' }],
                nvas: [{
                    name: 'nva1', ip: '10.1.0.10', asn: 65001,
                    advertises: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24', '10.1.0.0/24', '10.2.0.0/24', '10.255.0.0/24']
                }],
                vms: [{ name: 'vmhub1', ip: '10.1.0.36' }]
            },
            { name: 'hub2', role: 'hub', addressSpace: ['10.2.0.0/24'] },
            { name: 'spoke1', role: 'spoke', addressSpace: ['10.0.1.0/24'], vms: [{ name: 'vmspoke1', ip: '10.0.1.4' }] },
            { name: 'spoke2', role: 'spoke', addressSpace: ['10.0.2.0/24'], vms: [{ name: 'vmspoke2', ip: '10.0.2.4' }] }
        ],
        peerings: [...spokeOf('spoke1', 'hub1'), ...spokeOf('spoke2', 'hub1'), ...peer('hub1', 'hub2')],
        sessions: [{ left: 'nva1', right: 'rs1' }]
    };

    it('vmhub1: the NVA prefixes outside the domain are programmed, 10.2.0.0/24 loses to the peering route', () => {
        const topology = build(lab);
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vmhub1')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'Default Active 10.0.1.0/24 VNetPeering',
            'Default Active 10.0.2.0/24 VNetPeering',
            'VirtualNetworkGateway Active 10.0.3.0/24 VirtualNetworkGateway 10.1.0.10',
            'VirtualNetworkGateway Active 10.0.4.0/24 VirtualNetworkGateway 10.1.0.10',
            'Default Active 10.1.0.0/24 VnetLocal',
            'Default Active 10.2.0.0/24 VNetPeering',
            'Default Active 10.255.0.0/24 VnetLocal',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
    });

    it('vmspoke1: no 10.0.2.0/24 (spoke2 is in the domain: RT-NO-VNET-PREFIX), so spoke1 <-> spoke2 fails', () => {
        const topology = build(lab);
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vmspoke1')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'Default Active 10.0.1.0/24 VnetLocal',
            'VirtualNetworkGateway Active 10.0.3.0/24 VirtualNetworkGateway 10.1.0.10',
            'VirtualNetworkGateway Active 10.0.4.0/24 VirtualNetworkGateway 10.1.0.10',
            'Default Active 10.1.0.0/24 VNetPeering',
            'VirtualNetworkGateway Active 10.2.0.0/24 VirtualNetworkGateway 10.1.0.10',
            'Default Active 10.255.0.0/24 VNetPeering',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
        expect(result.lookup(subnetOf(topology, 'vmspoke1'), (10 << 24) + (2 << 8) + 4)?.nextHopType).toBe('None');
    });

    it('the route server says which NVA prefixes it ignored and for which VNet range', () => {
        const topology = build(lab);
        const result = computeRouting(topology, OPTIONS);
        const rib = result.rib(el(topology, 'rs1', 'routeServer'))!;
        const ignored = rib.received.filter(r => r.reason?.kind === 'vnet-range')
            .map(r => r.reason?.kind === 'vnet-range' ? `${r.prefix.text} in ${r.reason.vnet.name} ${r.reason.range.text}` : '');
        expect(ignored).toEqual([
            '10.0.1.0/24 in spoke1 10.0.1.0/24',
            '10.0.2.0/24 in spoke2 10.0.2.0/24',
            '10.1.0.0/24 in hub1 10.1.0.0/24',
            '10.255.0.0/24 in hub1 10.255.0.0/24'
        ]);
        expect(rib.received.filter(r => r.accepted).map(r => r.prefix.text)).toEqual(['10.0.3.0/24', '10.0.4.0/24', '10.2.0.0/24']);
    });

    // S9: NVA 0/0, an ExpressRoute gateway added to the hub, a supernet and a range, a spoke with
    // propagation disabled.
    const s9: TopologySpec = {
        sites: [{ name: 'dc', asn: 65100, prefixes: ['10.200.0.0/16'] }],
        vnets: [
            {
                name: 'hub', role: 'hub', addressSpace: ['10.0.0.0/16'],
                subnets: [{ name: 'nva', prefix: '10.0.1.0/24' }],
                routeServers: [{ name: 'rs', subnet: '10.0.0.0/26' }],
                gateways: [{ name: 'ergw', type: 'ExpressRoute', subnet: '10.0.0.64/27', connections: ['dc'] }],
                nvas: [{ name: 'nva', ip: '10.0.1.4', asn: 65001, advertises: ['0.0.0.0/0', '10.0.0.0/16', '10.0.0.0/8'] }]
            },
            { name: 'spoke1', role: 'spoke', addressSpace: ['10.1.0.0/16'], vms: [{ name: 'vm1', ip: '10.1.0.4' }] },
            {
                name: 'spoke2', role: 'spoke', addressSpace: ['10.2.0.0/16'],
                subnets: [{ name: 'isolated', prefix: '10.2.0.0/24', routeTable: 'no-bgp' }],
                vms: [{ name: 'vm2', ip: '10.2.0.4' }]
            },
            { name: 'spoke3', role: 'spoke', addressSpace: ['10.3.0.0/16'], vms: [{ name: 'vm3', ip: '10.3.0.4' }] }
        ],
        peerings: [...spokeOf('spoke1', 'hub'), ...spokeOf('spoke2', 'hub'), ...peer('spoke3', 'hub')],
        sessions: [{ left: 'nva', right: 'rs' }],
        routeTables: [{ name: 'no-bgp', disableBgpRoutePropagation: true }]
    };

    it('S9: the spoke using the route server gets 0/0 and 10/8 from the NVA and on-premises from the gateway', () => {
        const topology = build(s9);
        const result = computeRouting(topology, OPTIONS);
        // v2 (docs/semantics.md §4.1): the BGP 0.0.0.0/0 leaves out the Default Internet row and the
        // four None rows (v1 showed them, the Internet and 10.0.0.0/8 ones Invalid).
        expect(routesOf(result, topology, 'vm1')).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.1.4',
            'VirtualNetworkGateway Active 10.0.0.0/8 VirtualNetworkGateway 10.0.1.4',
            'Default Active 10.0.0.0/16 VNetPeering',
            'Default Active 10.1.0.0/16 VnetLocal',
            // More specific than the NVA's 0/0: spoke <-> on-premises bypasses the NVA.
            'VirtualNetworkGateway Active 10.200.0.0/16 VirtualNetworkGateway'
        ]);
        const onprem = result.lookup(subnetOf(topology, 'vm1'), (10 << 24) + (200 << 16) + 1)!;
        expect(onprem.provenance.kind === 'bgp' && onprem.provenance.programmed.by.name).toBe('ergw');
    });

    it('S9: a spoke without useRemoteGateways gets nothing from the route server or the gateway', () => {
        const topology = build(s9);
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm3').filter(r => r.startsWith('VirtualNetworkGateway'))).toEqual([]);
    });

    it('S9: a subnet with disableBgpRoutePropagation loses both the gateway and the route server routes', () => {
        const topology = build(s9);
        const result = computeRouting(topology, OPTIONS);
        const rows = result.effectiveRoutes(subnetOf(topology, 'vm2'));
        expect(rows.map(r => `${r.source} ${r.state} ${r.addressPrefix.text} ${r.nextHopType}`)).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'Default Active 10.0.0.0/16 VNetPeering',
            'Default Active 10.2.0.0/16 VnetLocal',
            'Default Active 100.64.0.0/10 None',
            'Default Active 172.16.0.0/12 None',
            'Default Active 192.168.0.0/16 None'
        ]);
        expect(rows.every(r => r.disableBgpRoutePropagation)).toBe(true);
        // The VNet's implicit default subnet has no route table and keeps them.
        expect(result.effectiveRoutes(el(topology, 'spoke2', 'vnet').defaultSubnet).some(r => r.source === 'VirtualNetworkGateway')).toBe(true);
    });
});

describe('system routes', () => {
    const oneVnet = (addressSpace: string[], region?: string): TopologySpec => ({
        vnets: [{ name: 'v', addressSpace, region, vms: [{ name: 'vm', ip: addressSpace[0].replace(/0\/\d+$/, '4') }] }]
    });

    it('ER-SYS-NONE-ADJ: a VNet range equal to or containing a reserved block replaces its None route', () => {
        const t1 = build(oneVnet(['10.0.0.0/8', '172.16.0.0/12']));
        expect(routesOf(computeRouting(t1, OPTIONS), t1, 'vm')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 VnetLocal',
            NONE_ROWS.cgnat,
            'Default Active 172.16.0.0/12 VnetLocal',
            NONE_ROWS.private192
        ]);
        const t2 = build(oneVnet(['100.0.0.0/8', '192.0.0.0/8']));
        expect(routesOf(computeRouting(t2, OPTIONS), t2, 'vm')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'Default Active 100.0.0.0/8 VnetLocal',
            NONE_ROWS.private172,
            'Default Active 192.0.0.0/8 VnetLocal'
        ]);
    });

    it('ER-SYS-NONE-ADJ: a VNet range inside a reserved block leaves both; longest prefix match picks the VNet', () => {
        const t = build(oneVnet(['192.168.10.0/24']));
        const result = computeRouting(t, OPTIONS);
        expect(routesOf(result, t, 'vm')).toContain(NONE_ROWS.private192);
        expect(routesOf(result, t, 'vm')).toContain('Default Active 192.168.10.0/24 VnetLocal');
        const vm = subnetOf(t, 'vm');
        expect(result.lookup(vm, (192 << 24 >>> 0) + (168 << 16) + (10 << 8) + 7)?.nextHopType).toBe('VnetLocal');
        expect(result.lookup(vm, (192 << 24 >>> 0) + (168 << 16) + (11 << 8) + 7)?.nextHopType).toBe('None');
        expect(result.lookup(vm, (8 << 24) + 8)?.nextHopType).toBe('Internet');
    });

    it('PF-GLOBAL: VNetGlobalPeering only when both VNets declare a region and they differ', () => {
        const spec: TopologySpec = {
            vnets: [
                { name: 'a', addressSpace: ['10.1.0.0/16'], region: 'westeurope', vms: [{ name: 'vm', ip: '10.1.0.4' }] },
                { name: 'same', addressSpace: ['10.2.0.0/16'], region: 'WestEurope' },
                { name: 'far', addressSpace: ['10.3.0.0/16'], region: 'eastus' },
                { name: 'unknown', addressSpace: ['10.4.0.0/16'] },
                { name: 'initiated', addressSpace: ['10.5.0.0/16'], region: 'eastus' }
            ],
            peerings: [...peer('a', 'same'), ...peer('a', 'far'), ...peer('a', 'unknown'), { from: 'a', to: 'initiated' }]
        };
        const t = build(spec);
        const rows = routesOf(computeRouting(t, OPTIONS), t, 'vm').filter(r => r.includes('Peering'));
        // Only Connected peerings count: a -> initiated alone gives nothing.
        expect(rows).toEqual([
            'Default Active 10.2.0.0/16 VNetPeering',
            'Default Active 10.3.0.0/16 VNetGlobalPeering',
            'Default Active 10.4.0.0/16 VNetPeering'
        ]);
    });
});

describe('v2: when 0.0.0.0/0 is taken over (docs/semantics.md §4.1, issue 12)', () => {
    // Source: the routing example of Azure's "Virtual network traffic routing" page (the None routes
    // "removed ... when the user-defined route for 0.0.0.0/0 was added") and real
    // show-effective-route-table outputs of published labs with a UDR or a BGP default.
    const spec = (opts: { udr?: 'VirtualAppliance' | 'VirtualNetworkGateway' | 'None' | 'Internet'; bgp?: boolean; disable?: boolean }): TopologySpec => ({
        vnets: [{
            name: 'vnet', addressSpace: ['10.0.0.0/16'],
            subnets: [
                { name: 'nva', prefix: '10.0.1.0/24' },
                { name: 'app', prefix: '10.0.2.0/24', routeTable: opts.udr || opts.disable ? 'rt' : undefined }
            ],
            routeServers: opts.bgp ? [{ name: 'rs', subnet: '10.0.0.0/26' }] : [],
            nvas: [{ name: 'nva', ip: '10.0.1.4', asn: opts.bgp ? 65001 : undefined, advertises: opts.bgp ? ['0.0.0.0/0'] : [] }],
            vms: [{ name: 'vm', ip: '10.0.2.4' }]
        }],
        sessions: opts.bgp ? [{ left: 'nva', right: 'rs' }] : [],
        routeTables: opts.udr || opts.disable ? [{
            name: 'rt', disableBgpRoutePropagation: opts.disable,
            routes: opts.udr ? [{ name: 'default', prefix: '0.0.0.0/0', nextHopType: opts.udr, nextHop: opts.udr === 'VirtualAppliance' ? 'nva' : undefined }] : []
        }] : []
    });
    const ip = (text: string) => text.split('.').reduce((n, o) => n * 256 + Number(o), 0);

    it('the issue\'s input: a UDR 0.0.0.0/0 to the NVA removes the four None rows, so 10.1.0.5 goes to the NVA, not None', () => {
        const topology = build(spec({ udr: 'VirtualAppliance' }));
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm')).toEqual([
            'Default Invalid 0.0.0.0/0 Internet',
            'User Active 0.0.0.0/0 VirtualAppliance 10.0.1.4',
            'Default Active 10.0.0.0/16 VnetLocal'
        ]);
        const hit = result.lookup(subnetOf(topology, 'vm'), ip('10.1.0.5'))!;
        expect([hit.source, hit.nextHopType, hit.nextHopIpAddress, hit.name]).toEqual(['User', 'VirtualAppliance', ['10.0.1.4'], 'default']);
        // The NVA's own subnet has no route table: its None rows stay.
        expect(routesOf(result, topology, 'nva')).toContain(NONE_ROWS.ten);
    });

    it('a UDR 0.0.0.0/0 to VirtualNetworkGateway removes them too', () => {
        const topology = build(spec({ udr: 'VirtualNetworkGateway' }));
        expect(routesOf(computeRouting(topology, OPTIONS), topology, 'vm')).toEqual([
            'Default Invalid 0.0.0.0/0 Internet',
            'User Active 0.0.0.0/0 VirtualNetworkGateway',
            'Default Active 10.0.0.0/16 VnetLocal'
        ]);
    });

    for (const udr of ['None', 'Internet'] as const) {
        it(`a UDR 0.0.0.0/0 to ${udr} removes nothing`, () => {
            const topology = build(spec({ udr }));
            expect(routesOf(computeRouting(topology, OPTIONS), topology, 'vm')).toEqual([
                'Default Invalid 0.0.0.0/0 Internet',
                `User Active 0.0.0.0/0 ${udr}`,
                NONE_ROWS.ten,
                'Default Active 10.0.0.0/16 VnetLocal',
                NONE_ROWS.cgnat,
                NONE_ROWS.private172,
                NONE_ROWS.private192
            ]);
        });
    }

    it('the issue\'s input learning 0.0.0.0/0 through a route server: no Default Internet row at all, no None rows', () => {
        const topology = build(spec({ bgp: true }));
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'vm')).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.1.4',
            'Default Active 10.0.0.0/16 VnetLocal'
        ]);
        expect(result.lookup(subnetOf(topology, 'vm'), ip('10.1.0.5'))!.nextHopIpAddress).toEqual(['10.0.1.4']);
    });

    it('a UDR and a BGP default together: the BGP rule\'s stronger removal holds', () => {
        const topology = build(spec({ bgp: true, udr: 'VirtualAppliance' }));
        expect(routesOf(computeRouting(topology, OPTIONS), topology, 'vm')).toEqual([
            'VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.0.1.4',
            'User Active 0.0.0.0/0 VirtualAppliance 10.0.1.4',
            'Default Active 10.0.0.0/16 VnetLocal'
        ]);
    });

    it('disableBgpRoutePropagation keeps the BGP default out, and with it the removal', () => {
        const topology = build(spec({ bgp: true, disable: true }));
        expect(routesOf(computeRouting(topology, OPTIONS), topology, 'vm')).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            NONE_ROWS.ten,
            'Default Active 10.0.0.0/16 VnetLocal',
            NONE_ROWS.cgnat,
            NONE_ROWS.private172,
            NONE_ROWS.private192
        ]);
    });
});
