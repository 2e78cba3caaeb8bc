import type { Topology, VNet } from '../../language-server/src/model/topology.js';
import { TopologyBuilder } from './fixtures.js';

/**
 * A generated landing zone for the layout tests, shaped like `bench/generate.ts`: N spokes over
 * max(2, floor(N / 250) + 1) hubs, each hub with an ExpressRoute gateway to its own site, a Route
 * Server with branch-to-branch and two NVAs peering it; each spoke one VM, peered both ways with
 * the hub `i % hubs` (gateway transit).
 */
export function landingZone(spokes: number, options: { hubs?: number; vmsPerSpoke?: number; hubPeering?: boolean } = {}): Topology {
    const hubCount = options.hubs ?? Math.max(2, Math.floor(spokes / 250) + 1);
    const t = new TopologyBuilder();
    const hubs: VNet[] = [];
    for (let h = 0; h < hubCount; h++) {
        const site = t.site(`dc${h + 1}`, 65100 + h, [`172.${16 + h}.0.0/16`]);
        hubs.push(t.vnet('hub', `hub${h + 1}`, [`10.${h + 1}.0.0/16`], v => {
            v.gateway(`ergw${h + 1}`, [site]);
            const rs = v.routeServer(`rs${h + 1}`, true);
            for (const k of [1, 2]) t.bgp(v.nva(`fw${h + 1}${String.fromCharCode(96 + k)}`, 65001 + h, `10.${h + 1}.2.${3 + k}`), rs);
        }));
    }
    if (options.hubPeering) {
        for (let h = 1; h < hubCount; h++) {
            t.peering(hubs[h - 1], hubs[h], { allowForwardedTraffic: true });
            t.peering(hubs[h], hubs[h - 1], { allowForwardedTraffic: true });
        }
    }
    for (let i = 0; i < spokes; i++) {
        const name = `spoke${String(i).padStart(3, '0')}`;
        const second = 64 + Math.floor(i / 256), third = i % 256;
        const spoke = t.vnet('spoke', name, [`10.${second}.${third}.0/24`], v => {
            for (let k = 0; k < (options.vmsPerSpoke ?? 1); k++) v.vm(`vm${String(i).padStart(3, '0')}${k ? `-${k}` : ''}`, `10.${second}.${third}.${4 + k}`);
        });
        const hub = hubs[i % hubCount];
        t.peering(spoke, hub, { useRemoteGateways: true, allowForwardedTraffic: true });
        t.peering(hub, spoke, { allowGatewayTransit: true, allowForwardedTraffic: true });
    }
    return t.build();
}
