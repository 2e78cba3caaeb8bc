import { describe, expect, it } from 'vitest';
import { computeRouting } from '../../language-server/src/routing/index.js';
import { build, el, routesOf, spokeOf, type TopologySpec } from './build.js';

/** docs/semantics.md §1–§4 (v2): static site-to-site, VNet-to-VNet, Vpn transit, gateway next hops, every NIC. */

const OPTIONS = { routesPerPeer: 1000 };
const bgpRows = (rows: string[]) => rows.filter(r => r.startsWith('VirtualNetworkGateway'));

/**
 * hub (10.1.0.0/16, spoke 10.10.0.0/16 using its gateway) with a Vpn gateway that connects a BGP
 * site, a static site and, over VNet-to-VNet, the gateway of a branch VNet (10.200.0.0/16).
 */
function vpnHub(opts: { branchAsn?: number; hubAsn?: number; reciprocal?: boolean; hubNextHops?: string[] } = {}): TopologySpec {
    return {
        sites: [
            { name: 'dc', asn: 65010, prefixes: ['192.168.50.0/24'] },
            { name: 'static-site', prefixes: ['172.20.0.0/16'] }
        ],
        vnets: [
            {
                name: 'hub', addressSpace: ['10.1.0.0/16'],
                subnets: [{ name: 'work', prefix: '10.1.2.0/24' }],
                gateways: [{
                    name: 'vpngw', type: 'Vpn', subnet: '10.1.255.0/27', asn: opts.hubAsn ?? 65100,
                    connections: ['dc', 'static-site', 'branch-gw'], nextHopIps: opts.hubNextHops ?? ['10.1.255.5', '10.1.255.4']
                }],
                vms: [{ name: 'hub-vm', ip: '10.1.2.4' }]
            },
            { name: 'spoke', addressSpace: ['10.10.0.0/16'], vms: [{ name: 'spoke-vm', ip: '10.10.0.4' }] },
            {
                name: 'branch', addressSpace: ['10.200.0.0/16'],
                gateways: [{
                    name: 'branch-gw', type: 'Vpn', subnet: '10.200.255.0/27', asn: opts.branchAsn ?? 65200,
                    connections: opts.reciprocal === false ? [] : ['vpngw']
                }],
                vms: [{ name: 'branch-vm', ip: '10.200.1.4' }]
            }
        ],
        peerings: spokeOf('spoke', 'hub')
    };
}

describe('static site-to-site: an onprem without asn (docs/semantics.md §1 v2)', () => {
    it('its gateway programs the site\'s prefixes with no AS path and advertises nothing to it', () => {
        const topology = build(vpnHub());
        const result = computeRouting(topology, OPTIONS);
        expect(routesOf(result, topology, 'hub-vm')).toContain('VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5');
        expect(routesOf(result, topology, 'spoke-vm')).toContain('VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5');
        const session = result.sessions.find(s => s.id === 'connection:vpngw<->static-site')!;
        expect(session.static).toBe(true);
        expect(session.aToB).toEqual([]);
        expect(session.bToA.map(a => `${a.prefix.text} [${a.asPath.join(' ')}]`)).toEqual(['172.20.0.0/16 []']);
    });

    it('an ExpressRoute gateway with a static site: no connection (expressroute-requires-bgp), nothing programmed', () => {
        const spec: TopologySpec = {
            sites: [{ name: 'static-site', prefixes: ['172.20.0.0/16'] }],
            vnets: [{ name: 'hub', addressSpace: ['10.1.0.0/16'], gateways: [{ name: 'ergw', connections: ['static-site'] }], vms: [{ name: 'vm', ip: '10.1.0.4' }] }]
        };
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        expect(bgpRows(routesOf(result, topology, 'vm'))).toEqual([]);
        expect(result.sessions).toEqual([]);
    });
});

describe('VNet-to-VNet between two Vpn gateways (docs/semantics.md §1–§2 v2)', () => {
    it('different ASNs: a BGP session; the branch VNet\'s VMs get the hub\'s ranges, its spoke\'s, and what the hub learned from its other connections', () => {
        const topology = build(vpnHub());
        const result = computeRouting(topology, OPTIONS);
        const session = result.sessions.find(s => s.id === 'connection:branch-gw<->vpngw')!;
        expect(session.static).toBe(false);
        expect(session.bToA.map(a => `${a.prefix.text} [${a.asPath.join(' ')}]`)).toEqual([
            '10.1.0.0/16 [65100]', '10.10.0.0/16 [65100]',
            // Transit between connections: the static site's prefixes (no AS path of their own) and the BGP site's.
            '172.20.0.0/16 [65100]', '192.168.50.0/24 [65100 65010]'
        ]);
        // The branch gateway declares no nextHopIps: its rows have no next hop IP.
        expect(bgpRows(routesOf(result, topology, 'branch-vm'))).toEqual([
            'VirtualNetworkGateway Active 10.1.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 10.10.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway'
        ]);
        expect(bgpRows(routesOf(result, topology, 'spoke-vm'))).toContain('VirtualNetworkGateway Active 10.200.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5');
    });

    it('Vpn transit: the BGP site learns the branch\'s range through the hub gateway, the static site nothing', () => {
        const topology = build(vpnHub());
        const result = computeRouting(topology, OPTIONS);
        const toDc = result.sessions.find(s => s.id === 'connection:vpngw<->dc')!.aToB;
        expect(toDc.map(a => `${a.prefix.text} [${a.asPath.join(' ')}]`)).toEqual([
            '10.1.0.0/16 [65100]', '10.10.0.0/16 [65100]', '10.200.0.0/16 [65100 65200]', '172.20.0.0/16 [65100]'
        ]);
    });

    it('equal ASNs: a static exchange of the two VNets\' own ranges only', () => {
        const topology = build(vpnHub({ hubAsn: 65515, branchAsn: 65515 }));
        const result = computeRouting(topology, OPTIONS);
        expect(result.sessions.find(s => s.id === 'connection:branch-gw<->vpngw')!.static).toBe(true);
        expect(bgpRows(routesOf(result, topology, 'branch-vm'))).toEqual(['VirtualNetworkGateway Active 10.1.0.0/16 VirtualNetworkGateway']);
        expect(bgpRows(routesOf(result, topology, 'hub-vm'))).toContain('VirtualNetworkGateway Active 10.200.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5');
    });

    it('listed by one side only: no connection (connection-not-reciprocal)', () => {
        const topology = build(vpnHub({ reciprocal: false }));
        const result = computeRouting(topology, OPTIONS);
        expect(result.sessions.map(s => s.id)).toEqual(['connection:vpngw<->dc', 'connection:vpngw<->static-site']);
        expect(bgpRows(routesOf(result, topology, 'branch-vm'))).toEqual([]);
    });
});

describe('gateway nextHopIps (docs/semantics.md §4.2 v2)', () => {
    it('routes a gateway learned from its connections show its nextHopIps, sorted, as one ECMP row; none declared: no IP', () => {
        const topology = build(vpnHub({ hubNextHops: [] }));
        const result = computeRouting(topology, OPTIONS);
        expect(bgpRows(routesOf(result, topology, 'hub-vm'))).toEqual([
            'VirtualNetworkGateway Active 10.200.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway'
        ]);
        const withIps = build(vpnHub());
        expect(bgpRows(routesOf(computeRouting(withIps, OPTIONS), withIps, 'hub-vm'))).toEqual([
            'VirtualNetworkGateway Active 10.200.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5',
            'VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.255.4 10.1.255.5',
            'VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway 10.1.255.4 10.1.255.5'
        ]);
    });
});

describe('every NIC has a table (docs/semantics.md §4 v2)', () => {
    const spec: TopologySpec = {
        sites: [{ name: 'dc', asn: 65010, prefixes: ['192.168.50.0/24'] }],
        vnets: [{
            name: 'hub', addressSpace: ['10.1.0.0/16'],
            subnets: [
                { name: 'untrust', prefix: '10.1.1.0/24', routeTable: 'rt-untrust' },
                { name: 'trust', prefix: '10.1.2.0/24' },
                { name: 'work', prefix: '10.1.3.0/24', routeTable: 'rt-work' }
            ],
            gateways: [{ name: 'vpngw', type: 'Vpn', subnet: '10.1.255.0/27', connections: ['dc'], routeTable: 'rt-gateway' }],
            firewalls: [{ name: 'azfw', subnet: '10.1.4.0/26', ip: '10.1.4.4' }],
            nvas: [{ name: 'fw1', nics: [{ name: 'untrust', ip: '10.1.1.4' }, { name: 'trust', ip: '10.1.2.4' }] }],
            vms: [{ name: 'vm', ip: '10.1.3.4' }]
        }],
        routeTables: [
            { name: 'rt-untrust', routes: [{ name: 'internet', prefix: '0.0.0.0/0', nextHopType: 'Internet' }] },
            { name: 'rt-work', routes: [
                { name: 'to-fw1', prefix: '10.50.0.0/16', nextHopType: 'VirtualAppliance', nextHop: 'fw1' },
                { name: 'to-azfw', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHop: 'azfw' }
            ] },
            { name: 'rt-gateway', routes: [{ name: 'work-via-azfw', prefix: '10.1.3.0/24', nextHopType: 'VirtualAppliance', nextHop: 'azfw' }] }
        ]
    };
    const topology = build(spec);
    const result = computeRouting(topology, OPTIONS);

    it('each NIC of a multi-NIC NVA gets its own subnet\'s table', () => {
        expect(routesOf(result, topology, 'fw1/untrust').filter(r => r.includes('0.0.0.0/0'))).toEqual(['Default Invalid 0.0.0.0/0 Internet', 'User Active 0.0.0.0/0 Internet']);
        expect(routesOf(result, topology, 'fw1/trust').filter(r => r.includes('0.0.0.0/0'))).toEqual(['Default Active 0.0.0.0/0 Internet']);
        expect(routesOf(result, topology, 'fw1')).toEqual(routesOf(result, topology, 'fw1/untrust'));
    });

    it('a UDR naming a multi-NIC NVA points at its first NIC; one naming a firewall at its IP', () => {
        const rows = routesOf(result, topology, 'vm');
        expect(rows).toContain('User Active 10.50.0.0/16 VirtualAppliance 10.1.1.4');
        expect(rows).toContain('User Active 0.0.0.0/0 VirtualAppliance 10.1.4.4');
    });

    it('the firewall\'s AzureFirewallSubnet and the GatewaySubnet (with the gateway\'s routeTable) have tables', () => {
        expect(bgpRows(routesOf(result, topology, 'azfw'))).toEqual(['VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway']);
        const gatewaySubnet = el(topology, 'vpngw', 'gateway').gatewaySubnet;
        const rows = result.effectiveRoutes(gatewaySubnet).map(r => `${r.source} ${r.state} ${r.addressPrefix.text} ${r.nextHopType} ${r.nextHopIpAddress.join(',')}`.trim());
        expect(rows).toContain('User Active 10.1.3.0/24 VirtualAppliance 10.1.4.4');
        expect(rows).toContain('VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway');
    });
});

describe('NVAs without asn and firewalls speak no BGP (docs/semantics.md §1 v2)', () => {
    it('a bgp statement with an NVA without asn is down and carries nothing', () => {
        const spec: TopologySpec = {
            vnets: [{
                name: 'hub', addressSpace: ['10.1.0.0/16'],
                routeServers: [{ name: 'rs', subnet: '10.1.0.0/26' }],
                nvas: [{ name: 'plain', ip: '10.1.1.4', advertises: ['0.0.0.0/0'] }],
                vms: [{ name: 'vm', ip: '10.1.2.4' }]
            }],
            sessions: [{ left: 'plain', right: 'rs' }]
        };
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        expect(result.downSessions.map(s => `${s.id} ${s.down?.kind}`)).toEqual(['bgp:plain<->rs asn-undefined']);
        expect(bgpRows(routesOf(result, topology, 'vm'))).toEqual([]);
        expect(result.rib(el(topology, 'rs', 'routeServer'))!.received).toEqual([]);
    });
});

describe('VNet-to-VNet with a route server in the hub (docs/semantics.md §2 v2)', () => {
    it('with branch-to-branch the hub gateway sends the branch its route server\'s best routes, not a default route (RT-VPN-NO-DEFAULT)', () => {
        const spec = (branchToBranch: boolean): TopologySpec => ({
            vnets: [
                {
                    name: 'hub', addressSpace: ['10.1.0.0/16'],
                    routeServers: [{ name: 'rs', subnet: '10.1.0.0/26', branchToBranch }],
                    gateways: [{ name: 'vpngw', type: 'Vpn', subnet: '10.1.255.0/27', connections: ['branch-gw'] }],
                    nvas: [{ name: 'nva', ip: '10.1.1.4', asn: 65001, advertises: ['0.0.0.0/0', '172.30.0.0/16'] }]
                },
                {
                    name: 'branch', addressSpace: ['10.200.0.0/16'],
                    gateways: [{ name: 'branch-gw', type: 'Vpn', subnet: '10.200.255.0/27', asn: 65200, connections: ['vpngw'] }],
                    vms: [{ name: 'branch-vm', ip: '10.200.1.4' }]
                }
            ],
            sessions: [{ left: 'nva', right: 'rs' }]
        });
        const on = build(spec(true));
        expect(bgpRows(routesOf(computeRouting(on, OPTIONS), on, 'branch-vm'))).toEqual([
            'VirtualNetworkGateway Active 10.1.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 172.30.0.0/16 VirtualNetworkGateway'
        ]);
        const off = build(spec(false));
        expect(bgpRows(routesOf(computeRouting(off, OPTIONS), off, 'branch-vm'))).toEqual(['VirtualNetworkGateway Active 10.1.0.0/16 VirtualNetworkGateway']);
    });
});
