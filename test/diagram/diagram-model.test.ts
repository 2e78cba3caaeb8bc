import { describe, expect, test } from 'vitest';
import { buildDiagram, diagramPrefixes, normalisePrefix } from '../../language-server/src/diagram/index.js';
import type { Finding } from '../../language-server/src/validation/finding.js';
import { TopologyBuilder, URI, seedRouting, seedTopology } from './fixtures.js';

describe('diagram model', () => {
    test('has one node per element and the edges of the seed design, with stable ids', () => {
        const { topology } = seedTopology();
        const model = buildDiagram(topology);
        expect(new Set(model.nodes.map(n => n.id))).toEqual(new Set([
            'onprem:dc1', 'onprem:dc2',
            'vnet:s', 'vnet:h1', 'vnet:h2',
            'gw:er1', 'gw:er2', 'rs:rs0', 'rs:rs1', 'rs:rs2', 'nva:nva1', 'nva:nva2', 'vm:app1', 'vm:web1'
        ]));
        expect(model.nodes).toHaveLength(14);
        expect(model.edges.map(e => e.id)).toEqual([
            'bgp:nva1<->rs0', 'bgp:nva1<->rs1', 'bgp:nva2<->rs2', 'bgp:rs0<->nva2',
            'branch-to-branch:rs1<->er1', 'branch-to-branch:rs2<->er2',
            'connection:er1<->dc1', 'connection:er2<->dc2',
            'peering:h1--h2', 'peering:h1--s', 'peering:h2--s'
        ]);
        expect(model.flow).toBeUndefined();
    });

    test('VNets contain their route server, gateways, NVAs and VMs and come before them', () => {
        const model = buildDiagram(seedTopology().topology);
        const parent = Object.fromEntries(model.nodes.map(n => [n.id, n.parent]));
        expect(parent['rs:rs0']).toBe('vnet:s');
        expect(parent['vm:web1']).toBe('vnet:s');
        expect(parent['gw:er1']).toBe('vnet:h1');
        expect(parent['nva:nva2']).toBe('vnet:h2');
        expect(parent['onprem:dc1']).toBeUndefined();
        expect(parent['vnet:h1']).toBeUndefined();
        const index = new Map(model.nodes.map((n, i) => [n.id, i]));
        for (const n of model.nodes) if (n.parent) expect(index.get(n.parent)!).toBeLessThan(index.get(n.id)!);
        expect(model.nodes.find(n => n.id === 'vnet:h1')?.role).toBe('hub');
        expect(model.nodes.find(n => n.id === 'vnet:s')?.role).toBe('spoke');
    });

    test('every node carries its source location for click-to-reveal', () => {
        const { topology } = seedTopology();
        const model = buildDiagram(topology);
        for (const n of model.nodes) {
            expect(n.source?.uri).toBe(URI);
            expect(n.source?.range.start.line).toBeTypeOf('number');
        }
        const nva1 = topology.vnets.find(v => v.name === 'h1')!.nvas[0];
        expect(model.nodes.find(n => n.id === 'nva:nva1')?.source).toEqual(nva1.source);
        expect(model.edges.find(e => e.id === 'bgp:nva1<->rs0')?.sourceRef).toBeDefined();
    });

    test('one peering edge per VNet pair shows both directions and the state', () => {
        const model = buildDiagram(seedTopology().topology);
        const connected = model.edges.find(e => e.id === 'peering:h1--s')!;
        expect(connected.peeringState).toBe('Connected');
        expect(connected.directions?.map(d => [d.from, d.to, d.exists])).toEqual([['h1', 's', true], ['s', 'h1', true]]);
        const initiated = model.edges.find(e => e.id === 'peering:h1--h2')!;
        expect(initiated.peeringState).toBe('Initiated');
        expect(initiated.directions?.map(d => [d.from, d.to, d.exists])).toEqual([['h1', 'h2', true], ['h2', 'h1', false]]);
        expect(initiated.labels.map(l => l.text)).toEqual(['Initiated', 'h1 → h2: no flags', 'h2 → h1: missing']);
    });

    test('peering flags are shown per direction', () => {
        const t = new TopologyBuilder();
        const hub = t.vnet('hub', 'hub1', ['10.1.0.0/16'], v => { v.routeServer('rs1'); });
        const spoke = t.vnet('spoke', 'spoke1', ['10.10.0.0/16']);
        t.peering(spoke, hub, { useRemoteGateways: true, allowForwardedTraffic: true });
        t.peering(hub, spoke, { allowGatewayTransit: true, allowVirtualNetworkAccess: false });
        const edge = buildDiagram(t.build()).edges.find(e => e.id === 'peering:hub1--spoke1')!;
        expect(edge.labels.map(l => l.text)).toEqual([
            'hub1 → spoke1: no access, gatewayTransit', 'spoke1 → hub1: forwarded, useRemoteGateways'
        ]);
        expect(edge.directions?.[1]).toMatchObject({ from: 'spoke1', useRemoteGateways: true, allowForwardedTraffic: true, allowGatewayTransit: false });
    });

    test('diagnostics mark their target: by topology object, by id, by directional peering id and by location', () => {
        const { topology, peerings, sessions } = seedTopology();
        const nva2 = topology.vnets.find(v => v.name === 'h2')!.nvas[0];
        const model = buildDiagram(topology, {
            diagnostics: [
                { code: 'dual-homed-use-remote-gateways', severity: 'error', message: 'dual-homed', target: peerings['s->h1'] },
                { code: 'missing-as-override', severity: 'warning', message: 'add asOverride', target: sessions['nva1-rs0'] },
                { code: 'reserved-asn', severity: 'warning', message: '65516', targetId: 'nva:nva1' },
                { code: 'peering-not-connected', severity: 'warning', message: 'no reverse', targetId: 'peering:h1->h2' },
                { code: 'duplicate-ip', severity: 'error', message: 'by range', at: { uri: URI, range: nva2.source.range } },
                { code: 'duplicate-name', severity: 'error', message: 'nowhere', at: { uri: 'file:///other.azrs', range: nva2.source.range } }
            ]
        });
        const edge = (id: string) => model.edges.find(e => e.id === id)!;
        const node = (id: string) => model.nodes.find(n => n.id === id)!;
        expect(edge('peering:h1--s').marks.map(m => m.code)).toEqual(['dual-homed-use-remote-gateways']);
        expect(edge('peering:h1--s').directions?.map(d => d.severity)).toEqual([undefined, 'error']);
        expect(edge('peering:h1--s').labels.find(l => l.text.startsWith('s → h1'))?.severity).toBe('error');
        expect(edge('bgp:nva1<->rs0').marks.map(m => m.severity)).toEqual(['warning']);
        expect(node('nva:nva1').marks.map(m => m.code)).toEqual(['reserved-asn']);
        expect(edge('peering:h1--h2').directions?.map(d => d.severity)).toEqual(['warning', undefined]);
        expect(node('nva:nva2').marks.map(m => m.code)).toEqual(['duplicate-ip']);
        expect(model.diagnostics.map(d => d.targetId)).toEqual(['peering:h1--s', 'bgp:nva1<->rs0', 'nva:nva1', 'peering:h1--h2', 'nva:nva2', undefined]);
    });

    test('the checks\' findings can be given as they are', () => {
        const { topology, sessions } = seedTopology();
        const finding: Finding = {
            code: 'bgp-multihop-disabled', severity: 'error', message: 'multihop off', at: sessions['nva1-rs1'].source, target: sessions['nva1-rs1']
        };
        const edge = buildDiagram(topology, { diagnostics: [finding] }).edges.find(e => e.id === 'bgp:nva1<->rs1')!;
        expect(edge.marks).toEqual([{ code: 'bgp-multihop-disabled', severity: 'error', message: 'multihop off' }]);
        expect(edge.down).toBe('bgp-multihop-disabled');
    });

    test('BGP sessions are down when an NVA is down or a diagnostic tears them down', () => {
        const t = new TopologyBuilder();
        let ok!: ReturnType<typeof t.bgp>;
        t.vnet('hub', 'hub1', ['10.1.0.0/16'], v => {
            const rs = v.routeServer('rs1');
            const up = v.nva('fw1', 65001, '10.1.2.4');
            const down = v.nva('fw2', 65002, '10.1.2.5', { state: 'down' });
            const bad = v.nva('fw3', 65003, '10.1.2.6');
            ok = t.bgp(up, rs);
            t.bgp(down, rs);
            t.bgp(bad, rs);
        });
        const topology = t.build();
        const model = buildDiagram(topology, {
            diagnostics: [{ code: 'bgp-peer-asn-mismatch', severity: 'error', message: 'x', target: topology.sessions[2] }]
        });
        const down = Object.fromEntries(model.edges.map(e => [e.id, e.down]));
        expect(down).toEqual({ 'bgp:fw1<->rs1': undefined, 'bgp:fw2<->rs1': 'fw2 has state: down', 'bgp:fw3<->rs1': 'bgp-peer-asn-mismatch' });
        expect(model.nodes.find(n => n.id === 'nva:fw2')?.down).toBe(true);
        const withRouting = buildDiagram(topology, { routing: { ...seedRouting, sessionDown: (a, b) => a === ok.left.name || b === ok.left.name ? 'route limit' : undefined } });
        expect(withRouting.edges.find(e => e.id === 'bgp:fw1<->rs1')?.down).toBe('route limit');
    });

    test('flow mode: origin, advertisements along sessions, drops with reason, installs with next hops', () => {
        const model = buildDiagram(seedTopology().topology, { routing: seedRouting, prefix: '10.2.13.0/25' });
        const flow = model.flow!;
        expect(flow.prefix).toBe('10.2.13.0/25');
        expect(flow.origins.map(o => o.nodeId)).toEqual(['onprem:dc1']);
        expect(flow.adverts.map(a => [a.from, a.to, a.edgeId, a.text])).toEqual([
            ['onprem:dc1', 'gw:er1', 'connection:er1<->dc1', '→ er1: 12076 65021'],
            ['gw:er1', 'rs:rs1', 'branch-to-branch:rs1<->er1', '→ rs1: 12076 65021'],
            ['rs:rs1', 'nva:nva1', 'bgp:nva1<->rs1', '→ nva1: 65515 12076 65021'],
            ['nva:nva1', 'rs:rs0', 'bgp:nva1<->rs0', '→ rs0: 65001 65515 12076 65021']
        ]);
        expect(flow.drops).toHaveLength(1);
        expect(flow.drops[0]).toMatchObject({ nodeId: 'rs:rs0', fromNodeId: 'nva:nva1', edgeId: 'bgp:nva1<->rs0', text: 'rs0: AS path contains 65515' });
        const dropLabel = model.edges.find(e => e.id === 'bgp:nva1<->rs0')!.labels.find(l => l.kind === 'drop')!;
        expect(dropLabel.text).toBe('rs0: AS path contains 65515');
        expect(flow.installs.map(i => [i.nodeId, i.nextHops])).toEqual([['vm:app1', []], ['vm:web1', ['10.101.2.4', '10.102.2.4']]]);
        const web1 = model.nodes.find(n => n.id === 'vm:web1')!;
        expect(web1.badges).toEqual([{ id: 'vm:web1/install', kind: 'install', text: '10.2.13.0/25 → nva1 10.101.2.4, nva2 10.102.2.4' }]);
        expect(model.nodes.find(n => n.id === 'onprem:dc1')!.badges.map(b => b.kind)).toEqual(['origin']);
    });

    test('a prefix typed with host bits is normalised; an invalid one gives a flow error', () => {
        const topology = seedTopology().topology;
        expect(buildDiagram(topology, { routing: seedRouting, prefix: '10.2.13.1/25' }).flow?.origins).toHaveLength(1);
        const bad = buildDiagram(topology, { routing: seedRouting, prefix: '10.2.13.0/33' }).flow!;
        expect(bad.error).toMatch(/invalid prefix length/);
        expect(normalisePrefix('300.1.1.1/8')).toHaveProperty('error');
    });

    test('the prefix picker lists the routing prefixes, else the prefixes written in the topology', () => {
        const topology = seedTopology().topology;
        expect(diagramPrefixes(topology, seedRouting)).toEqual(['10.2.13.0/25', '10.2.20.0/25']);
        expect(diagramPrefixes(topology)).toEqual(['10.2.13.0/25', '10.2.20.0/25', '10.100.0.0/24', '10.101.0.0/16', '10.102.0.0/16']);
    });

    test('the model is plain data: a JSON round trip keeps it intact', () => {
        const model = buildDiagram(seedTopology().topology, { routing: seedRouting, prefix: '10.2.13.0/25' });
        expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    });
});
