import { describe, expect, it } from 'vitest';
import { check, diagnose, only } from './check-helpers.js';

/** docs/language.md §3 "Route Server and gateways" (route-limit-exceeded: routing-checks.test.ts). */

const nvas = (n: number, from = 1) => Array.from({ length: n }, (_, i) =>
    `  nva fw${from + i} { ip: 10.1.2.${10 + from + i}, asn: ${65000 + from + i} }`).join('\n');
const sessions = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `bgp fw${from + i} <-> rs1`).join('\n');

describe('route-server-subnet-too-small', () => {
    it('is an error longer than /27, on the subnet value', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/28 }
}`)).toEqual(['route-server-subnet-too-small/error@3:29-3:40']);
    });

    it('is a warning at exactly /27', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/27 }
}`)).toEqual(['route-server-subnet-too-small/warning@3:29-3:40']);
    });

    it('near miss: /26 and /25, and a route server without a subnet', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
}
hub g {
  addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/25 }
}
hub k { addressSpace: [10.3.0.0/16], routeServer rs3 }`)).toEqual([]);
    });
});

describe('multiple-route-servers', () => {
    it('reports the second and later route servers of a VNet, on their statements', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  routeServer rs2 { subnet: 10.1.0.64/26 }
  routeServer rs3 { subnet: 10.1.0.128/26 }
}`)).toEqual(['multiple-route-servers/error@4:3-4:43', 'multiple-route-servers/error@5:3-5:44']);
    });

    it('near miss: one route server in each of two VNets', async () => {
        expect(await diagnose(`hub h { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 } }
hub g { addressSpace: [10.2.0.0/16], routeServer rs2 { subnet: 10.2.0.0/26 } }`)).toEqual([]);
    });
});

describe('multiple-gateways', () => {
    it('reports a second gateway of the same type', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  gateway vpn1 { type: Vpn }
  gateway er1 { type: ExpressRoute }
  gateway vpn2 { type: Vpn }
}`)).toEqual(['multiple-gateways/error@5:3-5:29']);
    });

    it('near miss: one ExpressRoute and one Vpn gateway coexist', async () => {
        expect(await diagnose('hub h { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute }, gateway vpn1 { type: Vpn } }')).toEqual([]);
    });
});

describe('too-many-bgp-peers', () => {
    it('reports each session past the eighth peer of a route server, in file order', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
${nvas(10)}
}
${sessions(10)}`;
        // Lines: 1-3 header, 4-13 NVAs, 14 `}`, 15-24 sessions: the 9th and 10th are lines 23 and 24.
        expect(await diagnose(text)).toEqual(['too-many-bgp-peers/error@23:1-23:16', 'too-many-bgp-peers/error@24:1-24:17']);
    });

    it('near miss: eight peers, plus a duplicate and an invalid session that do not count', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway er1 { type: ExpressRoute }
${nvas(8)}
}
${sessions(8)}
bgp rs1 <-> fw1
bgp rs1 <-> er1`;
        expect(await only('too-many-bgp-peers', text)).toEqual([]);
        expect(await only(['duplicate-bgp-session', 'bgp-endpoint-invalid'], text)).toEqual([
            'duplicate-bgp-session/error@22:1-22:16', 'bgp-endpoint-invalid/error@23:1-23:16']);
    });

    it('an unreachable ninth peer keeps only bgp-peer-not-reachable, but still counts', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
${nvas(8)}
}
hub far { addressSpace: [10.9.0.0/16], nva remote { ip: 10.9.0.4, asn: 65100 } }
bgp remote <-> rs1
${sessions(8)}`;
        // remote (line 14) is peer 1 in file order: fw8 (line 22) becomes the ninth.
        expect(await only(['too-many-bgp-peers', 'bgp-peer-not-reachable'], text)).toEqual([
            'bgp-peer-not-reachable/error@14:1-14:19', 'too-many-bgp-peers/error@22:1-22:16']);
    });
});

describe('vpn-gateway-asn and vpn-gateway-not-active-active', () => {
    it('beside a route server: the asn value and the `activeActive: false`', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway vpn1 { type: Vpn, asn: 65010, activeActive: false }
}`)).toEqual(['vpn-gateway-asn/error@4:34-4:39', 'vpn-gateway-not-active-active/error@4:41-4:60']);
    });

    it('near miss: the same gateway without a route server, and the defaults beside one', async () => {
        expect(await diagnose('hub h { addressSpace: [10.1.0.0/16], gateway vpn1 { type: Vpn, asn: 65010, activeActive: false } }')).toEqual([]);
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway vpn1 { type: Vpn }
  gateway er1 { type: ExpressRoute }
}`)).toEqual([]);
    });

    it('an asn of 0 beside a route server is vpn-gateway-asn only; without one, asn-out-of-range', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway vpn1 { type: Vpn, asn: 0 }
}`)).toEqual(['vpn-gateway-asn/error@4:34-4:35']);
        expect(await diagnose('hub h { addressSpace: [10.1.0.0/16], gateway vpn1 { type: Vpn, asn: 0 } }'))
            .toEqual(['asn-out-of-range/error@1:69-1:70']);
    });
});

describe('branch-to-branch-disabled', () => {
    const vnet = (rs: string) => `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
hub h {
  addressSpace: [10.1.0.0/16]
  ${rs}
  gateway er1 { type: ExpressRoute, connections: [dc1] }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
bgp fw1 <-> rs1`;

    it('is info on the route server when branchToBranch is left out', async () => {
        const { seen } = await check(vnet('routeServer rs1 { subnet: 10.1.0.0/26 }'));
        expect(seen[0].map(s => `${s.code}/${s.severity}@${s.range.start.line + 1}:${s.range.start.character + 1}`))
            .toEqual(['branch-to-branch-disabled/info@4:3']);
        expect(seen[0][0].message).toBe("Route server 'rs1' has branch-to-branch off: the routes of its NVA peers (fw1) do not reach 'er1' and on-premises routes do not reach the NVAs. Set branchToBranch: true if they should be exchanged.");
        expect(seen[0][0].diagnostic.severity).toBe(3);
    });

    it('is on the `branchToBranch: false` when written', async () => {
        expect(await diagnose(vnet('routeServer rs1 { subnet: 10.1.0.0/26, branchToBranch: false }')))
            .toEqual(['branch-to-branch-disabled/info@4:42-4:63']);
    });

    it('near miss: branchToBranch on, no NVA peer, or a gateway without connections', async () => {
        expect(await diagnose(vnet('routeServer rs1 { subnet: 10.1.0.0/26, branchToBranch: true }'))).toEqual([]);
        expect(await diagnose(vnet('routeServer rs1 { subnet: 10.1.0.0/26 }').replace('bgp fw1 <-> rs1', ''))).toEqual([]);
        expect(await diagnose(vnet('routeServer rs1 { subnet: 10.1.0.0/26 }').replace('connections: [dc1]', ''))).toEqual([]);
    });
});
