import { describe, expect, it } from 'vitest';
import { check, diagnose, only } from './check-helpers.js';

/** docs/language.md §3 "BGP" (missing-as-override: routing-checks.test.ts). */

const HUB = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
`;

describe('reserved-asn', () => {
    it('is an error on the asn value of an NVA or onprem site in the reserved lists', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  nva a { ip: 10.1.2.4, asn: 65515 }
  nva b { ip: 10.1.2.5, asn: 12076 }
  nva c { ip: 10.1.2.6, asn: 64500 }
  nva d { ip: 10.1.2.7, asn: 65518 }
  nva e { ip: 10.1.2.8, asn: 23456 }
}
onprem dc1 { asn: 8075 }
onprem dc2 { asn: 65550 }`)).toEqual([
            'reserved-asn/error@3:30-3:35', 'reserved-asn/error@4:30-4:35', 'reserved-asn/error@5:30-5:35',
            'reserved-asn/error@6:30-6:35', 'reserved-asn/error@7:30-7:35', 'reserved-asn/error@9:19-9:23',
            'reserved-asn/error@10:19-10:24']);
    });

    it('is a warning for 65516', async () => {
        const { seen } = await check('hub h { addressSpace: [10.1.0.0/16], nva a { ip: 10.1.2.4, asn: 65516 } }');
        expect(seen[0].map(s => `${s.code}/${s.severity}`)).toEqual(['reserved-asn/warning']);
        expect(seen[0][0].message).toContain('65516');
    });

    it('near miss: the edges of the private ranges and ASNs next to reserved ones', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  nva a { ip: 10.1.2.4, asn: 64512 }
  nva b { ip: 10.1.2.5, asn: 65514 }
  nva c { ip: 10.1.2.6, asn: 65521 }
  nva d { ip: 10.1.2.7, asn: 65534 }
  nva e { ip: 10.1.2.8, asn: 12077 }
}
onprem dc1 { asn: 64495 }
onprem dc2 { asn: 65552 }`)).toEqual([]);
    });
});

describe('asn-out-of-range', () => {
    it('is an error for 0 and above 4294967295, on the asn value', async () => {
        expect(await diagnose(`hub h { addressSpace: [10.1.0.0/16], nva a { ip: 10.1.2.4, asn: 0 } }
onprem dc1 { asn: 4294967296 }`)).toEqual(['asn-out-of-range/error@1:65-1:66', 'asn-out-of-range/error@2:19-2:29']);
    });

    it('is an error above 65535 for an NVA that peers a route server', async () => {
        expect(await diagnose(HUB.replace('asn: 65001', 'asn: 4200000001') + 'bgp fw1 <-> rs1'))
            .toEqual(['asn-out-of-range/error@4:32-4:42']);
    });

    it('near miss: a 4-byte ASN on an NVA that peers only on-premises, and 4294967295 on a site', async () => {
        expect(await diagnose(`hub h { addressSpace: [10.1.0.0/16], nva a { ip: 10.1.2.4, asn: 4200000001 } }
onprem dc1 { asn: 4294967295 }
bgp a <-> dc1`)).toEqual([]);
    });

    it('a reserved 4-byte value (65540) is reserved-asn only', async () => {
        expect(await diagnose(HUB.replace('asn: 65001', 'asn: 65540') + 'bgp fw1 <-> rs1'))
            .toEqual(['reserved-asn/error@4:32-4:37']);
    });
});

describe('bgp-endpoint-invalid', () => {
    it('is an error on the statement for route server <-> onprem, NVA <-> gateway and an NVA with itself', async () => {
        expect(await diagnose(`hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
  gateway er1 { type: ExpressRoute }
}
onprem dc1 { asn: 65020 }
bgp rs1 <-> dc1
bgp fw1 <-> er1
bgp fw1 <-> fw1`)).toEqual([
            'bgp-endpoint-invalid/error@8:1-8:16', 'bgp-endpoint-invalid/error@9:1-9:16', 'bgp-endpoint-invalid/error@10:1-10:16']);
    });

    it('near miss: NVA <-> route server, NVA <-> onprem and NVA <-> NVA', async () => {
        expect(await diagnose(`${HUB}hub hub2 { addressSpace: [10.2.0.0/16], nva fw2 { ip: 10.2.2.4, asn: 65002 } }
onprem dc1 { asn: 65020 }
bgp fw1 <-> rs1
bgp fw1 <-> dc1
bgp fw1 <-> fw2`)).toEqual([]);
    });
});

describe('duplicate-bgp-session', () => {
    it('reports the later of two sessions between the same ends, in either order', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1
bgp rs1 <-> fw1 { asOverride: true }
bgp fw1 <-> rs1`)).toEqual(['duplicate-bgp-session/error@7:1-7:37', 'duplicate-bgp-session/error@8:1-8:16']);
    });

    it('two invalid sessions between the same ends are each bgp-endpoint-invalid, not duplicates', async () => {
        expect(await diagnose(`${HUB}onprem dc1 { asn: 65020 }
bgp rs1 <-> dc1
bgp dc1 <-> rs1`)).toEqual(['bgp-endpoint-invalid/error@7:1-7:16', 'bgp-endpoint-invalid/error@8:1-8:16']);
    });

    it('a duplicate gets no other finding (its options do not count)', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1
bgp fw1 <-> rs1 { multihop: false, instances: 1 }`)).toEqual(['duplicate-bgp-session/error@7:1-7:50']);
    });
});

describe('bgp-peer-not-reachable', () => {
    const far = (peerings: string) => `hub hub1 { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 } }
hub hub2 { addressSpace: [10.2.0.0/16], nva fw2 { ip: 10.2.2.4, asn: 65002 } }
${peerings}
bgp fw2 <-> rs1`;

    it('is an error on the statement when the VNets are not peered, or peered in one direction only', async () => {
        expect(await only('bgp-peer-not-reachable', far(''))).toEqual(['bgp-peer-not-reachable/error@4:1-4:16']);
        expect(await only('bgp-peer-not-reachable', far('peering hub2 -> hub1'))).toEqual(['bgp-peer-not-reachable/error@4:1-4:16']);
    });

    it('two peering hops away is not reachable either (BGP-PEER-LOCATION)', async () => {
        expect(await only('bgp-peer-not-reachable', `hub hub1 { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 } }
vnet transit { addressSpace: [10.5.0.0/16] }
hub hub2 { addressSpace: [10.2.0.0/16], nva fw2 { ip: 10.2.2.4, asn: 65002 } }
peering hub1 -> transit
peering transit -> hub1
peering transit -> hub2
peering hub2 -> transit
bgp fw2 <-> rs1`)).toEqual(['bgp-peer-not-reachable/error@8:1-8:16']);
    });

    it('near miss: a Connected peering, or the same VNet', async () => {
        expect(await diagnose(far('peering hub1 -> hub2\npeering hub2 -> hub1'))).toEqual([]);
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1`)).toEqual([]);
    });
});

describe('bgp-multihop-disabled', () => {
    it('is an error on the `multihop: false` of a session with a route server', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1 {
  multihop: false
}`)).toEqual(['bgp-multihop-disabled/error@7:3-7:18']);
    });

    it('near miss: multihop false towards an on-premises router, and multihop true', async () => {
        expect(await diagnose(`${HUB}onprem dc1 { asn: 65020 }
bgp fw1 <-> dc1 { multihop: false }
bgp fw1 <-> rs1 { multihop: true }`)).toEqual([]);
    });
});

describe('bgp-peer-asn-mismatch', () => {
    it('is an error on the peerAsn value when it differs from the NVA asn', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1 { peerAsn: 65010 }`)).toEqual(['bgp-peer-asn-mismatch/error@6:28-6:33']);
    });

    it('near miss: peerAsn equal to the NVA asn, or left out', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1 { peerAsn: 65001 }`)).toEqual([]);
    });

    it('between two NVAs it applies to both, whichever end is written first (docs/semantics.md §1 v2)', async () => {
        const two = `hub h {
  addressSpace: [10.1.0.0/16]
  nva a { ip: 10.1.2.4, asn: 65001 }
  nva b { ip: 10.1.2.5, asn: 65002 }
}
`;
        expect(await diagnose(`${two}bgp a <-> b { peerAsn: 65002 }`)).toEqual(['bgp-peer-asn-mismatch/error@6:24-6:29']);
        expect(await diagnose(`${two}bgp b <-> a { peerAsn: 65002 }`)).toEqual(['bgp-peer-asn-mismatch/error@6:24-6:29']);
    });
});

describe('bgp-single-instance', () => {
    it('is a warning on the `instances: 1`', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1 { asOverride: false, instances: 1 }`)).toEqual(['bgp-single-instance/warning@6:38-6:50']);
    });

    it('near miss: instances: 2', async () => {
        expect(await diagnose(`${HUB}bgp fw1 <-> rs1 { instances: 2 }`)).toEqual([]);
    });
});

describe('same-asn-nvas', () => {
    const two = (asn2: number, rs2 = 'rs1', adv1 = '10.50.0.0/16', adv2 = '') => `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [${adv1}] }
}
hub hub2 {
  addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/26 }
  nva fw2 { ip: 10.2.2.4, asn: ${asn2}, advertises: [${adv2}] }
}
peering hub1 -> hub2
peering hub2 -> hub1
bgp fw1 <-> rs1
bgp fw2 <-> ${rs2}`;

    it('is a warning on the later NVA asn value when one NVA loses a prefix the other originates alone', async () => {
        const { seen } = await check(two(65001));
        expect(seen[0].map(s => `${s.code}/${s.severity}@${s.range.start.line + 1}:${s.range.start.character + 1}-${s.range.end.character + 1}`))
            .toEqual(['same-asn-nvas/warning@9:32-37']);
        expect(seen[0][0].message).toBe("NVAs 'fw1' and 'fw2' both use ASN 65001 and peer route server 'rs1': Route Server reflects each NVA's routes to the other, and an NVA drops a route whose AS path holds its own ASN, so 'fw2' drops 10.50.0.0/16, which it has no other path to. Give 'fw2' a different ASN (or allow its own AS in, allowas-in, on its sessions).");
    });

    it('names the losses both ways', async () => {
        const { seen } = await check(two(65001, 'rs1', '10.50.0.0/16', '10.60.0.0/16, 10.61.0.0/16'));
        expect(seen[0].map(s => s.code)).toEqual(['same-asn-nvas']);
        expect(seen[0][0].message).toContain("'fw2' drops 10.50.0.0/16, which it has no other path to; 'fw1' drops 10.60.0.0/16, 10.61.0.0/16, which it has no other path to");
    });

    // Issue 17 (false alarm): the standard active/active pair, two NVAs with one ASN originating the
    // same prefixes, is installed as ECMP (RT-ECMP) and loses nothing.
    it('near miss: an active/active pair originating the same prefixes (ECMP)', async () => {
        const pair = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0, 10.0.0.0/8] }
  nva fw2 { ip: 10.1.2.5, asn: 65001, advertises: [0.0.0.0/0, 10.0.0.0/8] }
  subnet nva { prefix: 10.1.2.0/24, routeTable: rt-nva }
  vm app { ip: 10.1.3.4 }
}
bgp fw1 <-> rs1
bgp fw2 <-> rs1
routeTable rt-nva { route internet { prefix: 0.0.0.0/0, nextHopType: Internet } }`;
        expect(await diagnose(pair)).toEqual([]);
        // ...and both next hops are programmed (ECMP).
        const { routing, topology } = await check(pair);
        const hub = topology.vnets[0];
        const row = routing.effectiveRoutes(hub.defaultSubnet).find(r => r.addressPrefix.text === '10.0.0.0/8' && r.source === 'VirtualNetworkGateway')!;
        expect(row.nextHopIpAddress).toEqual(['10.1.2.4', '10.1.2.5']);
    });

    it('near miss: nothing to lose, the same ASN on different route servers, or different ASNs', async () => {
        expect(await diagnose(two(65001, 'rs1', '', ''))).toEqual([]);
        expect(await diagnose(two(65001, 'rs2'))).toEqual([]);
        expect(await diagnose(two(65002))).toEqual([]);
    });

    it('a shared reserved ASN is reported as reserved-asn only', async () => {
        expect(await diagnose(two(65515).replace('asn: 65001', 'asn: 65515'))).toEqual([
            'reserved-asn/error@4:32-4:37', 'reserved-asn/error@9:32-9:37']);
    });
});

