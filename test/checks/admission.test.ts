import { describe, expect, it } from 'vitest';
import type { BgpSession, Peering } from '../../language-server/src/model/topology.js';
import { admissionFrom } from '../../language-server/src/validation/admission.js';
import { check } from './check-helpers.js';

/** docs/semantics.md §1: what the route engine takes from the configuration findings. */

const label = (s: BgpSession) => `${s.left.name}<->${s.right.name}#${s.index}`;
const peeringLabel = (p: Peering) => `${p.from.name}->${p.to.name}`;

describe('admissionFrom', () => {
    it('takes down the sessions whose statement or NVA drew a session-breaking error, and only those', async () => {
        const nvas = Array.from({ length: 8 }, (_, i) => `  nva p${i} { ip: 10.1.5.${10 + i}, asn: ${65100 + i} }`).join('\n');
        const { topology, findings, admission, routing } = await check(`onprem dc1 { asn: 65020 }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva ok { ip: 10.1.2.4, asn: 65001 }
  nva single { ip: 10.1.2.5, asn: 65002 }
  nva hop { ip: 10.1.2.6, asn: 65003 }
  nva mismatch { ip: 10.1.2.7, asn: 65004 }
  nva reserved { ip: 10.1.2.8, asn: 65515 }
  nva big { ip: 10.1.2.9, asn: 70000 }
  nva warned { ip: 10.1.2.10, asn: 65516 }
${nvas}
}
hub far { addressSpace: [10.9.0.0/16], nva remote { ip: 10.9.0.4, asn: 65009 } }
bgp ok <-> rs1
bgp single <-> rs1 { instances: 1 }
bgp hop <-> rs1 { multihop: false }
bgp mismatch <-> rs1 { peerAsn: 65099 }
bgp reserved <-> rs1
bgp reserved <-> dc1
bgp big <-> rs1
bgp warned <-> rs1
bgp remote <-> rs1
bgp rs1 <-> dc1
bgp rs1 <-> ok
${Array.from({ length: 8 }, (_, i) => `bgp p${i} <-> rs1`).join('\n')}`);
        expect(findings.length).toBeGreaterThan(0);
        const down = topology.sessions.filter(s => admission.downSessions.has(s)).map(label);
        expect(down).toEqual([
            'hop<->rs1#2', 'mismatch<->rs1#3', 'reserved<->rs1#4', 'reserved<->dc1#5', 'big<->rs1#6',
            'remote<->rs1#8', 'rs1<->dc1#9'
        ]);
        // The engine itself takes down the duplicate and, in file order, rs1's peers past the eighth
        // (ok, single, hop, mismatch, reserved, big, warned, remote; then p0.. are the ninth and later).
        const engineDown = (i: number) => routing.session(topology.sessions[i])?.down?.kind;
        expect(engineDown(10)).toBe('duplicate');
        expect(Array.from({ length: 8 }, (_, i) => engineDown(11 + i))).toEqual(Array(8).fill('too-many-peers'));
        expect(admission.ignoredFlags.size).toBe(0);
    });

    it('ignores the peering flags that drew an error, keeps those that drew a warning', async () => {
        const { topology, admission, routing } = await check(`hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
vnet plain { addressSpace: [10.3.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> hub2
peering hub2 -> spoke1
peering plain -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> plain`);
        const flags = [...admission.ignoredFlags].map(([p, set]) => `${peeringLabel(p)}: ${[...set].join(',')}`);
        expect(flags).toEqual(['spoke1->hub1: useRemoteGateways']);
        expect(admission.downSessions.size).toBe(0);
        // The engine honours it: the dual-homed spoke (with its own route server, docs/language.md §3 v2)
        // is not in hub1's gateway domain.
        const er1 = topology.vnets.find(v => v.name === 'hub1')!.gateways[0];
        expect(routing.program(er1)!.domain.map(v => v.name)).toEqual(['hub1']);
    });

    it('a suppressed diagnostic still counts: Azure still refuses the configuration', async () => {
        const { topology, admission, seen } = await check(`hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
// azrs-disable-next-line bgp-multihop-disabled
bgp fw1 <-> rs1 { multihop: false }`);
        expect(seen[0]).toEqual([]);
        expect(admission.downSessions.has(topology.sessions[0])).toBe(true);
    });

    it('is a pure function of the findings', async () => {
        const { topology } = await check('hub hub1 { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 }, nva fw1 { ip: 10.1.2.4, asn: 65001 } }\nbgp fw1 <-> rs1');
        const s = topology.sessions[0];
        expect(admissionFrom(topology, []).downSessions.size).toBe(0);
        const a = admissionFrom(topology, [{ code: 'bgp-peer-not-reachable', severity: 'error', message: '', at: s.source, target: s }]);
        expect([...a.downSessions]).toEqual([s]);
        // A warning never takes a session down.
        expect(admissionFrom(topology, [{ code: 'bgp-single-instance', severity: 'warning', message: '', at: s.source, target: s }]).downSessions.size).toBe(0);
    });
});
