import { describe, expect, test } from 'vitest';
import { buildDiagram, renderTopologySvg } from '../../language-server/src/diagram/index.js';
import { buildWorkspace } from '../helpers.js';

/** The diagram draws the v2 elements: firewalls, NVA NICs, VNet-to-VNet connections (docs/language.md §4). */

const V2 = `onprem branch-static { prefixes: [172.20.0.0/16] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [branch-static, vpngw2], nextHopIps: [10.1.255.4] }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
  nva fw1 { nic untrust { ip: 10.1.1.4 } nic trust { ip: 10.1.2.4 } }
}
vnet branch {
  addressSpace: [10.200.0.0/16]
  gateway vpngw2 { type: Vpn, asn: 65200, subnet: 10.200.255.0/27, connections: [vpngw1] }
}
vnet lab {
  addressSpace: [10.201.0.0/16]
  gateway vpngw3 { type: Vpn, asn: 65201, connections: [vpngw1] }
}
intent i { from: fw1, to: 172.20.0.10 }
`;

async function topologyOf(text: string) {
    const { services } = await buildWorkspace(text);
    return services.Azrs.analysis.WorkspaceAnalysis.get();
}

describe('diagram of the v2 elements', () => {
    test('a firewall node in its VNet, an NVA listing its NICs, gateway details', async () => {
        const { built } = await topologyOf(V2);
        const model = buildDiagram(built.topology);
        const fw = model.nodes.find(n => n.id === 'fw:azfw')!;
        expect(fw).toMatchObject({ kind: 'firewall', name: 'azfw', parent: 'vnet:hub1', sublabel: 'Azure Firewall · 10.1.4.4' });
        expect(fw.details).toContain('AzureFirewallSubnet: 10.1.4.0/26');
        const nva = model.nodes.find(n => n.id === 'nva:fw1')!;
        expect(nva.sublabel).toBe('NVA · 2 NICs');
        expect(nva.details).toEqual(expect.arrayContaining([
            'NIC untrust: 10.1.1.4 in subnet default (BGP)', 'NIC trust: 10.1.2.4 in subnet default']));
        const gw = model.nodes.find(n => n.id === 'gw:vpngw1')!;
        expect(gw.details).toEqual(expect.arrayContaining(['Connections: branch-static, vpngw2', 'Next hop IPs: 10.1.255.4']));
        // Intents are not drawn (the trace draws paths).
        expect(model.nodes.map(n => n.name)).not.toContain('i');
    });

    test('one edge per VNet-to-VNet pair, saying whether both directions exist', async () => {
        const { built } = await topologyOf(V2);
        const model = buildDiagram(built.topology);
        const connections = model.edges.filter(e => e.kind === 'connection').map(e => `${e.id} ${e.source}->${e.target} ${e.details.at(-1)}`);
        expect(connections).toEqual([
            'connection:vpngw1<->branch-static gw:vpngw1->onprem:branch-static Vpn gateway vpngw1 connects on-premises site branch-static (static, no BGP)',
            'connection:vpngw1<->vpngw2 gw:vpngw1->gw:vpngw2 Both directions exist: the connection is up',
            'connection:vpngw1<->vpngw3 gw:vpngw1->gw:vpngw3 Only vpngw3 -> vpngw1 exists: the connection is down'
        ]);
    });

    test('the SVG shows the firewall, the NVA and the gateway-to-gateway edges', async () => {
        const analysis = await topologyOf(V2);
        const svg = await renderTopologySvg(analysis.built.topology, analysis.routing);
        expect(svg).toMatch(/<g [^>]*class="node kind-firewall[^"]*"[^>]*data-node-id="fw:azfw"/);
        expect(svg).toContain('>azfw</text>');
        expect(svg).toContain('>NVA · 2 NICs</text>');
        expect(svg).toMatch(/data-edge-id="connection:vpngw1&lt;-&gt;vpngw2"/);
        expect(svg).toMatch(/data-edge-id="connection:vpngw1&lt;-&gt;vpngw3"/);
    });
});
