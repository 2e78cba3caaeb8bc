import { describe, expect, it } from 'vitest';
import { buildWorkspace, codesAt } from '../helpers.js';
import { seedTopology } from './check-helpers.js';

describe('invalid-route', () => {
    const TOPOLOGY = (routes: string) => `vnet a {
  addressSpace: [10.1.0.0/16]
  subnet w { prefix: 10.1.1.0/24, routeTable: rt }
  vm v { ip: 10.1.1.4 }
}
routeTable rt {
${routes}
}`;

    it('requires nextHop for VirtualAppliance (on the nextHopType) and forbids it otherwise (on the nextHop)', async () => {
        const { services, diagnostics } = await buildWorkspace(TOPOLOGY(`  route r1 { prefix: 10.9.0.0/16, nextHopType: VirtualAppliance }
  route r2 { prefix: 10.8.0.0/16, nextHopType: Internet, nextHop: 10.1.0.4 }
  route r3 { nextHopType: None }
  route r4 { prefix: 10.7.0.0/16 }`));
        expect(codesAt(diagnostics[0])).toEqual([
            'invalid-route@7:35-7:64', 'invalid-route@8:58-8:75', 'invalid-route@9:3-9:33', 'invalid-route@10:3-10:35']);
        expect(diagnostics[0].every(d => d.severity === 1)).toBe(true);
        // Azure would not create them: none shows in the effective routes.
        const analysis = services.Azrs.analysis.WorkspaceAnalysis.get();
        const vm = analysis.built.topology.byName.get('v');
        expect(vm?.kind === 'vm' && analysis.routing.effectiveRoutes(vm.subnet).filter(r => r.source === 'User')).toEqual([]);
    });

    it('near miss: a complete VirtualAppliance route by NVA name or IP, and next-hop-less types', async () => {
        const { diagnostics } = await buildWorkspace(TOPOLOGY(`  route r1 { prefix: 10.9.0.0/16, nextHopType: VirtualAppliance, nextHop: 10.1.0.4 }
  route r2 { prefix: 10.8.0.0/16, nextHopType: Internet }
  route r3 { prefix: 10.7.0.0/16, nextHopType: None }
  route r4 { prefix: 10.6.0.0/16, nextHopType: VnetLocal }`));
        expect(codesAt(diagnostics[0])).toEqual([]);
    });
});

describe('missing-as-override anchor', () => {
    it('sits on a written asOverride: false, else on the bgp statement', async () => {
        const written = await buildWorkspace(seedTopology('bgp nva1 <-> rs0 { asOverride: false }'));
        expect(codesAt(written.diagnostics[0])).toEqual(['missing-as-override@15:20-15:37']);
        const absent = await buildWorkspace(seedTopology('bgp nva1 <-> rs0'));
        expect(codesAt(absent.diagnostics[0])).toEqual(['missing-as-override@15:1-15:17']);
    });
});
