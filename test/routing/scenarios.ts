/** Scenario topologies shared by several test files. */
import { peer, type TopologySpec } from './build.js';

/** T4 (lab S27): spoke with its own route server, an NVA per hub, on-premises behind both NVAs. */
export function t4(): TopologySpec {
    return {
        vnets: [
            {
                name: 'vnet0', role: 'spoke', addressSpace: ['10.0.0.0/24', '10.0.1.0/24'], region: 'westeurope',
                routeServers: [{ name: 'rs0', subnet: '10.0.0.0/25' }],
                vms: [{ name: 'vm02', ip: '10.0.1.4' }]
            },
            {
                name: 'vnet1', role: 'hub', addressSpace: ['10.101.0.0/16'], region: 'northeurope',
                nvas: [{ name: 'csr1', ip: '10.101.2.10', asn: 65001, advertises: ['10.101.1.0/24', '10.101.2.0/24', '10.101.3.0/24'] }]
            },
            {
                name: 'vnet2', role: 'hub', addressSpace: ['10.102.0.0/16'], region: 'uksouth',
                nvas: [{ name: 'csr2', ip: '10.102.2.10', asn: 65002, advertises: ['10.102.1.0/24', '10.102.2.0/24', '10.102.3.0/24'] }]
            },
            {
                // The lab's on-premises is a VNet with a router (csr5), reached over IPsec only: written
                // as an NVA so that its prepend towards csr2 can be expressed.
                name: 'vnet5', addressSpace: ['10.5.0.0/16'],
                nvas: [{ name: 'csr5', ip: '10.5.0.10', asn: 65005, advertises: ['10.5.1.0/24', '10.5.2.0/24', '10.5.3.0/24'] }]
            }
        ],
        peerings: [
            ...peer('vnet0', 'vnet1', { allowForwardedTraffic: true }, { allowForwardedTraffic: true }),
            ...peer('vnet0', 'vnet2', { allowForwardedTraffic: true }, { allowForwardedTraffic: true })
        ],
        sessions: [
            { left: 'csr1', right: 'rs0' },
            { left: 'csr2', right: 'rs0' },
            { left: 'csr5', right: 'csr1' },
            { left: 'csr5', right: 'csr2', asPathPrepend: 1 }
        ]
    };
}

/** docs/semantics.md §5 and T5 (lab S28): ExpressRoute in both hubs, route server in each hub and in the spoke. */
export function dualHomedEr(asOverride: boolean): TopologySpec {
    const hub = (n: 1 | 2, region: string, site: string): NonNullable<TopologySpec['vnets']>[number] => ({
        name: `h${n}`, role: 'hub', addressSpace: [`10.10${n}.0.0/16`], region,
        subnets: [{ name: 'nva', prefix: `10.10${n}.3.0/24` }, { name: 'workload', prefix: `10.10${n}.4.0/24` }],
        routeServers: [{ name: `rs${n}`, subnet: `10.10${n}.1.0/26`, branchToBranch: true }],
        gateways: [{ name: `ergw${n}`, type: 'ExpressRoute', subnet: `10.10${n}.0.0/27`, connections: [site] }],
        nvas: [{ name: `nva${n}`, ip: `10.10${n}.3.10`, asn: 65000 + n, advertises: [`10.10${n}.3.0/24`, `10.10${n}.4.0/24`] }],
        vms: [{ name: `vm${n}4`, ip: `10.10${n}.4.10` }]
    });
    return {
        sites: [
            { name: 'dc1', asn: 65021, prefixes: ['10.2.13.0/25'] },
            { name: 'dc2', asn: 65022, prefixes: ['10.2.20.0/25'] }
        ],
        vnets: [
            {
                name: 's', role: 'spoke', addressSpace: ['10.100.0.0/24', '10.200.0.0/24'], region: 'eastus',
                subnets: [{ name: 'workload', prefix: '10.100.0.128/25' }],
                routeServers: [{ name: 'rs0', subnet: '10.100.0.0/26' }],
                vms: [{ name: 'vm02', ip: '10.100.0.132' }]
            },
            hub(1, 'westus2', 'dc1'),
            hub(2, 'eastus', 'dc2')
        ],
        // All peerings Connected with every gateway flag off (DH-ER-2).
        peerings: [...peer('s', 'h1'), ...peer('s', 'h2')],
        sessions: [
            { left: 'nva1', right: 'rs1', asOverride },
            { left: 'nva1', right: 'rs0', asOverride },
            { left: 'nva2', right: 'rs2', asOverride },
            { left: 'nva2', right: 'rs0', asOverride }
        ]
    };
}

