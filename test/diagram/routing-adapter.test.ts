import { describe, expect, test } from 'vitest';
import { buildDiagram, renderTopologySvg, routeFlowSource } from '../../language-server/src/diagram/index.js';
import { computeRouting } from '../../language-server/src/routing/index.js';
import type { BgpSession } from '../../language-server/src/model/topology.js';
import { seedTopology } from './fixtures.js';

/** The diagram over the real route engine, on the seed design of docs/semantics.md §5. */
describe('route flow from the route engine', () => {
    test('a session edge carries the route engine\'s id and kind for that session, and every session has one', () => {
        const { topology } = seedTopology();
        const routing = computeRouting(topology);
        const drawn = buildDiagram(topology).edges.filter(e => e.kind !== 'peering').map(e => `${e.kind} ${e.id}`);
        expect(drawn).toEqual(routing.sessions.map(s => `${s.kind} ${s.id}`));
        expect(drawn).toContain('branch-to-branch branch-to-branch:rs1<->er1');
    });

    test('without asOverride, rs0 drops dc1\'s prefix relayed by nva1: AS path contains 65515', () => {
        const { topology } = seedTopology();
        const source = routeFlowSource(topology, computeRouting(topology));
        expect(source.prefixes()).toContain('10.2.13.0/25');
        const flow = source.flow('10.2.13.0/25');
        expect(flow.origins.map(o => o.at)).toEqual(['dc1']);
        const hops = flow.advertisements.map(a => `${a.from}>${a.to} ${a.asPath.join(' ')}`);
        expect(hops).toContain('rs1>nva1 65515 12076 65021');
        expect(hops).toContain('nva1>rs0 65001 65515 12076 65021');
        expect(flow.drops).toContainEqual({ at: 'rs0', from: 'nva1', asPath: [65001, 65515, 12076, 65021], reason: 'AS path contains 65515' });
        expect(flow.installs.find(i => i.vm === 'app1')).toMatchObject({ source: 'VirtualNetworkGateway', nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: [] });
        expect(flow.installs.find(i => i.vm === 'web1')).toBeUndefined();

        const model = buildDiagram(topology, { routing: source, prefix: '10.2.13.0/25' });
        expect(model.flow?.drops.map(d => d.text)).toContain('rs0: AS path contains 65515');
        expect(model.flow?.drops.find(d => d.text === 'rs0: AS path contains 65515')?.edgeId).toBe('bgp:nva1<->rs0');
    });

    test('with asOverride, rs0 accepts it and programs it into the spoke: web1 installs it via nva1', () => {
        const { topology, sessions } = seedTopology();
        (sessions['nva1-rs0'] as { asOverride: boolean } & BgpSession).asOverride = true;
        const flow = routeFlowSource(topology, computeRouting(topology)).flow('10.2.13.0/25');
        expect(flow.advertisements.map(a => `${a.from}>${a.to} ${a.asPath.join(' ')}`)).toContain('nva1>rs0 65001 65001 12076 65021');
        expect(flow.drops.filter(d => d.at === 'rs0' && d.from === 'nva1')).toEqual([]);
        expect(flow.installs.find(i => i.vm === 'web1')).toMatchObject({ nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ['10.101.2.4'] });
    });

    test('renderTopologySvg takes the engine\'s result directly', async () => {
        const { topology } = seedTopology();
        const svg = await renderTopologySvg(topology, computeRouting(topology), [], '10.2.13.0/25');
        expect(svg).toContain('>rs0: AS path contains 65515</text>');
    });

    test('down sessions take their reason from the engine', () => {
        const { topology } = seedTopology();
        const nva2 = topology.vnets.find(v => v.name === 'h2')!.nvas[0] as { state: 'up' | 'down' };
        nva2.state = 'down';
        const model = buildDiagram(topology, { routing: routeFlowSource(topology, computeRouting(topology)) });
        expect(model.edges.find(e => e.id === 'bgp:nva2<->rs2')?.down).toBe('nva2 has state: down');
    });
});
