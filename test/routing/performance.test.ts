import { describe, expect, it } from 'vitest';
import { computeRouting } from '../../language-server/src/routing/index.js';
import { build, spokeOf, type TopologySpec } from './build.js';

/** The scale the project promises: thousands of spokes, sites with a thousand prefixes, about a second. */
function large(spokes: number, sitePrefixes: number): TopologySpec {
    const prefixes = (second: number) => Array.from({ length: sitePrefixes }, (_, i) => `172.${second + (i >> 8)}.${i & 255}.0/24`);
    const spec: TopologySpec = {
        sites: [{ name: 'dc1', asn: 65100, prefixes: prefixes(16) }, { name: 'dc2', asn: 65200, prefixes: prefixes(24) }],
        vnets: [{
            name: 'hub', addressSpace: ['10.0.0.0/16'],
            subnets: [{ name: 'nva', prefix: '10.0.1.0/24' }],
            routeServers: [{ name: 'rs', subnet: '10.0.0.0/26', branchToBranch: true }],
            gateways: [{ name: 'ergw', connections: ['dc1', 'dc2'] }],
            nvas: [
                { name: 'fw1', ip: '10.0.1.4', asn: 65001, advertises: ['0.0.0.0/0', '10.0.0.0/8'] },
                { name: 'fw2', ip: '10.0.1.5', asn: 65001, advertises: ['0.0.0.0/0', '10.0.0.0/8'] }
            ]
        }],
        peerings: [],
        sessions: [{ left: 'fw1', right: 'rs' }, { left: 'fw2', right: 'rs' }]
    };
    for (let i = 0; i < spokes; i++) {
        const name = `spoke${i}`;
        spec.vnets!.push({
            name, addressSpace: [`10.${1 + (i >> 8)}.${i & 255}.0/24`],
            subnets: [{ name: 'app', prefix: `10.${1 + (i >> 8)}.${i & 255}.0/25` }],
            vms: [{ name: `vm${i}`, ip: `10.${1 + (i >> 8)}.${i & 255}.4` }]
        });
        spec.peerings!.push(...spokeOf(name, 'hub'));
    }
    return spec;
}

describe('performance', () => {
    it('3000 spokes and two sites of 1000 prefixes: routing and every spoke\'s table in about a second', () => {
        const topology = build(large(3000, 1000));
        const start = performance.now();
        const result = computeRouting(topology, { routesPerPeer: 1000 });
        const routed = performance.now();
        let rows = 0;
        for (const vnet of topology.vnets) for (const subnet of vnet.subnets) rows += result.effectiveRoutes(subnet).length;
        const done = performance.now();
        console.log(`routing ${(routed - start).toFixed(0)} ms, ${topology.vnets.length} tables ${(done - routed).toFixed(0)} ms, ${rows} rows, ${result.rounds} rounds`);
        expect(result.converged).toBe(true);
        const spokeTable = result.effectiveRoutes(topology.vnets[1].subnets[0]);
        expect(spokeTable.filter(r => r.source === 'VirtualNetworkGateway')).toHaveLength(2002);
        // Generous bound for slow CI machines; the target is about one second.
        expect(done - start).toBeLessThan(10_000);
    });
});
