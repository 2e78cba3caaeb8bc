/**
 * The forwarding checks' fast paths give the answers of the plain definitions (issue 15's
 * benchmark): `lookup` answered from the table's shared lists equals the longest-prefix-match
 * Active row of the subnet's full table (SEMANTICS.md §4.5), and `forwarding-loop` /
 * `asymmetric-path` computed over it equal the same checks over the plain lookup, on the samples,
 * on generated landing zones with loops and asymmetric paths, and on random topologies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate.js';
import type { Subnet, Topology } from '../../language-server/src/model/topology.js';
import { Forwarding } from '../../language-server/src/routing/forwarding.js';
import { computeRouting, type EffectiveRoute, type RoutingResult } from '../../language-server/src/routing/index.js';
import { checkForwarding } from '../../language-server/src/validation/forwarding-checks.js';
import { build } from '../routing/build.js';
import { randomTopology } from '../routing/random-topology.js';
import { traced } from './trace-helpers.js';

/** §4.5 as written: the longest Active row of the full table that holds the address. */
function naiveLookup(routing: RoutingResult, subnet: Subnet, address: number): EffectiveRoute | undefined {
    let best: EffectiveRoute | undefined;
    for (const row of routing.effectiveRoutes(subnet)) {
        if (row.state !== 'Active' || address < row.addressPrefix.first || address > row.addressPrefix.last) continue;
        if (!best || row.addressPrefix.length > best.addressPrefix.length) best = row;
    }
    return best;
}

function subnetsOf(topology: Topology): Subnet[] {
    return topology.vnets.flatMap(v => [...v.subnets, v.defaultSubnet]).filter((s, i, all) => s && all.indexOf(s) === i);
}

/** Every edge of every row of the subnet's table, and every device and site address. */
function probes(topology: Topology, routing: RoutingResult, subnet: Subnet): number[] {
    const out = new Set<number>();
    for (const row of routing.effectiveRoutes(subnet)) {
        const { first, last } = row.addressPrefix;
        for (const a of [first, last, first - 1, last + 1, (first + 1) >>> 0]) if (a >= 0 && a <= 0xffffffff) out.add(a >>> 0);
    }
    for (const vnet of topology.vnets) {
        for (const vm of vnet.vms) if (vm.ip !== undefined) out.add(vm.ip);
        for (const nva of vnet.nvas) for (const nic of nva.nics) if (nic.ip !== undefined) out.add(nic.ip);
    }
    for (const site of topology.sites) for (const p of site.prefixes) out.add((p.network + 1) >>> 0);
    return [...out];
}

/** Lookups agree on every probe of every subnet; the findings agree finding for finding. Returns the findings' codes. */
function expectSameAnswers(topology: Topology, routing: RoutingResult): string[] {
    let compared = 0;
    for (const subnet of subnetsOf(topology)) {
        for (const address of probes(topology, routing, subnet)) {
            expect(routing.lookup(subnet, address), `${subnet.vnet.name}/${subnet.name} ${address}`).toBe(naiveLookup(routing, subnet, address));
            compared++;
        }
    }
    expect(compared).toBeGreaterThan(0);
    const naive: RoutingResult = { ...routing, lookup: (subnet, address) => naiveLookup(routing, subnet, address) };
    const fast = checkForwarding(topology, new Forwarding(topology, routing));
    const plain = checkForwarding(topology, new Forwarding(topology, naive));
    expect(fast.map(f => [f.code, f.message, f.at])).toEqual(plain.map(f => [f.code, f.message, f.at]));
    return fast.map(f => f.code);
}

const SAMPLES = new URL('../../samples/', import.meta.url);

/** paths.test.ts's asymmetric design: dc1 on both circuits, nva2 prepending, hub1 no longer learning the spoke. */
const RETURN_BROKEN = readFileSync(new URL('dual-homed-er/dual-homed-er.azrs', SAMPLES), 'utf8')
    .replace('connections: [dc2]', 'connections: [dc2, dc1]')
    .replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }')
    .replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1');

function generated(spokes: number, edit: (text: string) => string = t => t): string {
    return edit(generateTopology(spokes, { sitePrefixes: [40, 5, 12] }).text);
}

describe('forwarding fast paths equal the plain definitions (issue 15)', () => {
    for (const dir of readdirSync(SAMPLES)) {
        for (const file of readdirSync(new URL(`${dir}/`, SAMPLES)).filter(f => f.endsWith('.azrs'))) {
            it(`sample ${dir}/${file}`, async () => {
                const t = await traced(readFileSync(new URL(`${dir}/${file}`, SAMPLES), 'utf8'));
                expectSameAnswers(t.topology, t.routing);
            });
        }
    }

    it('the dual-homed sample with its return path broken: the asymmetric-path findings', async () => {
        const t = await traced(RETURN_BROKEN);
        expect(expectSameAnswers(t.topology, t.routing)).toContain('asymmetric-path');
    });

    it('a generated landing zone, plain', async () => {
        const t = await traced(generated(24));
        expectSameAnswers(t.topology, t.routing);
    });

    it('a generated landing zone whose NVA subnet sends the sites back to an NVA: forwarding-loop', async () => {
        const text = generated(24, s => s.replace('route internet { prefix: 0.0.0.0/0, nextHopType: Internet }',
            'route internet { prefix: 0.0.0.0/0, nextHopType: Internet }\n  route back { prefix: 172.16.0.0/12, nextHopType: VirtualAppliance, nextHop: 10.1.2.5 }'));
        const t = await traced(text);
        expect(expectSameAnswers(t.topology, t.routing)).toContain('forwarding-loop');
    });

    it('a generated landing zone whose spokes keep out BGP and send everything to an NVA', async () => {
        const text = generated(12, s => s.replaceAll(/subnet workload \{ prefix: ([0-9./]+) \}/g, 'subnet workload { prefix: $1, routeTable: rt-spokes }')
            + '\nrouteTable rt-spokes {\n  disableBgpRoutePropagation: true\n  route all { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: 10.1.2.4 }\n}\n');
        const t = await traced(text);
        expectSameAnswers(t.topology, t.routing);
    });

    it('random topologies (UDRs, propagation off, static sites, VNet-to-VNet connections)', () => {
        for (let seed = 1; seed <= 60; seed++) {
            const topology = build(randomTopology(seed));
            expectSameAnswers(topology, computeRouting(topology, { routesPerPeer: 1000 }));
        }
    });
});
