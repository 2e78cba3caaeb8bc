import { describe, expect, it } from 'vitest';
import { check, diagnose, only } from './check-helpers.js';

/** docs/language.md §3 "Peering flags" (forwarded-traffic-blocked: routing-checks.test.ts). */

const FLAG_CODES = [
    'remote-vnet-has-no-gateways', 'use-remote-gateways-without-transit', 'use-remote-gateways-with-local-gateway',
    'multiple-use-remote-gateways', 'dual-homed-use-remote-gateways'
];

describe('peering-not-connected', () => {
    it('is a warning on a peering whose reverse does not exist', async () => {
        expect(await diagnose(`hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 {
  allowForwardedTraffic: true
}`)).toEqual(['peering-not-connected/warning@3:1-5:2']);
    });

    it('also for a VNet peered with itself', async () => {
        expect(await diagnose('hub hub1 { addressSpace: [10.1.0.0/16] }\npeering hub1 -> hub1')).toEqual(['peering-not-connected/warning@2:1-2:21']);
    });

    it('near miss: both directions exist (in two files)', async () => {
        expect(await diagnose(['hub hub1 { addressSpace: [10.1.0.0/16] }\npeering hub1 -> spoke1',
            'spoke spoke1 { addressSpace: [10.10.0.0/16] }\npeering spoke1 -> hub1'])).toEqual([]);
    });
});

describe('remote-vnet-has-no-gateways', () => {
    it('is an error on `useRemoteGateways: true` toward a VNet with neither gateway nor route server', async () => {
        expect(await diagnose(`hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }`)).toEqual([
            'remote-vnet-has-no-gateways/error@3:26-3:49', 'gateway-transit-without-gateway/warning@4:26-4:51']);
    });

    it('near miss: `useRemoteGateways: false`', async () => {
        expect(await diagnose(`hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: false }
peering hub1 -> spoke1`)).toEqual([]);
    });
});

const HUB_RS = 'hub hub1 { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 } }\n';

describe('use-remote-gateways-without-transit', () => {
    it('is an error when the reverse peering lacks allowGatewayTransit, or does not exist', async () => {
        expect(await diagnose(`${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: false }`)).toEqual(['use-remote-gateways-without-transit/error@4:26-4:52']);
        // Issue 17: anchored on the line to change, the hub's peering that lacks allowGatewayTransit
        // (its written value, else the whole statement); the message says the rule.
        const lacking = await check(`${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1`);
        expect(lacking.seen[0].map(s => `${s.code}@${s.range.start.line + 1}:${s.range.start.character + 1}-${s.range.end.line + 1}:${s.range.end.character + 1}`))
            .toEqual(['use-remote-gateways-without-transit@4:1-4:23']);
        expect(lacking.seen[0][0].message).toBe("Peering 'spoke1 -> hub1' sets useRemoteGateways, but 'hub1 -> spoke1' does not set allowGatewayTransit: gateway transit takes both sides, useRemoteGateways on the spoke's peering and allowGatewayTransit on the hub's. Set allowGatewayTransit: true on 'hub1 -> spoke1', or disable useRemoteGateways on 'spoke1 -> hub1'.");
        const { seen } = await check(`${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }`);
        expect(seen[0].map(s => s.code)).toEqual(['peering-not-connected', 'use-remote-gateways-without-transit']);
        expect(seen[0][1].message).toContain("there is no peering 'hub1 -> spoke1' with allowGatewayTransit: true");
    });

    it('near miss: the hub allows gateway transit', async () => {
        expect(await diagnose(`${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }`)).toEqual([]);
    });
});

describe('use-remote-gateways-with-local-gateway', () => {
    it('is an error when the VNet has its own gateway or route server', async () => {
        expect(await diagnose(`${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16], gateway vpn1 { type: Vpn } }
spoke spoke2 { addressSpace: [10.20.0.0/16], routeServer rs2 { subnet: 10.20.0.0/26 } }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke2 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke2 { allowGatewayTransit: true }`)).toEqual([
            'use-remote-gateways-with-local-gateway/error@4:26-4:49', 'use-remote-gateways-with-local-gateway/error@6:26-6:49']);
    });

    it('wins over use-remote-gateways-without-transit', async () => {
        expect(await only(FLAG_CODES, `${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16], gateway vpn1 { type: Vpn } }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1`)).toEqual(['use-remote-gateways-with-local-gateway/error@3:26-3:49']);
    });
});

describe('multiple-use-remote-gateways', () => {
    it('reports the second peering of a VNet that sets useRemoteGateways, the first keeps it', async () => {
        expect(await only(FLAG_CODES, `${HUB_RS}hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> hub2 { useRemoteGateways: true }`)).toEqual(['multiple-use-remote-gateways/error@6:26-6:49']);
    });

    it('near miss: a flag that already drew a more specific error does not count', async () => {
        expect(await only(FLAG_CODES, `${HUB_RS}vnet plain { addressSpace: [10.2.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> plain { useRemoteGateways: true }
peering plain -> spoke1
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }`)).toEqual(['remote-vnet-has-no-gateways/error@4:27-4:50']);
    });
});

describe('dual-homed-use-remote-gateways', () => {
    const DUAL = (flags: string) => `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], routeServer rs2 { subnet: 10.2.0.0/26 } }
spoke spoke1 { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
${flags}`;

    it('is the only finding on the flag, over with-local-gateway, without-transit and multiple', async () => {
        const text = DUAL(`peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1
peering spoke1 -> hub2 { useRemoteGateways: true }
peering hub2 -> spoke1`);
        const { seen } = await check(text);
        // spoke1 has its own route server, hub1 -> spoke1 lacks transit and two peerings set the
        // flag: each flag is still reported once, under the most specific code.
        expect(seen[0].map(s => `${s.code}/${s.severity}@${s.range.start.line + 1}:${s.range.start.character + 1}-${s.range.end.line + 1}:${s.range.end.character + 1}`)).toEqual([
            'dual-homed-use-remote-gateways/error@4:26-4:49', 'dual-homed-use-remote-gateways/error@6:26-6:49']);
        expect(seen[0][0].message).toBe("Spoke 'spoke1' hosts route server 'rs0' and is peered with 2 hubs that host gateways or Route Servers (hub1, hub2): in the dual-homed design the spoke's own Route Server learns every hub's routes from the hubs' NVAs, and a VNet with its own Route Server cannot use a remote gateway. Disable useRemoteGateways on 'spoke1 -> hub1'.");
    });

    it('near miss: the flag off, and a second hub whose peering is only Initiated', async () => {
        expect(await diagnose(DUAL(`peering spoke1 -> hub1
peering hub1 -> spoke1
peering spoke1 -> hub2
peering hub2 -> spoke1`))).toEqual([]);
        expect(await only(FLAG_CODES, `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering hub2 -> spoke1`)).toEqual([]);
    });

    it('uses "VNets" when the remote VNets are not all hubs', async () => {
        const { seen } = await check(`hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
vnet shared { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
vnet app { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
peering app -> hub1 { useRemoteGateways: true }
peering hub1 -> app { allowGatewayTransit: true }
peering app -> shared
peering shared -> app`);
        expect(seen[0].map(s => s.message)).toEqual([
            "VNet 'app' hosts route server 'rs0' and is peered with 2 VNets that host gateways or Route Servers (hub1, shared): in the dual-homed design the spoke's own Route Server learns every hub's routes from the hubs' NVAs, and a VNet with its own Route Server cannot use a remote gateway. Disable useRemoteGateways on 'app -> hub1'."]);
    });

    // Issue 17 (false alarm): the dual-homed rule is the design of a spoke that hosts its own route
    // server (S4). A spoke without one, peered with two gateway hubs, may use the gateway of one
    // (PF-URG (c)); turning the flag off would cut it off from on-premises.
    const TWO_HUBS = `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
`;
    it('near miss: a spoke without a route server uses the gateway of one of two hubs', async () => {
        const text = `${TWO_HUBS}peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> hub2
peering hub2 -> spoke1`;
        expect(await diagnose(text)).toEqual([]);
        // ...and gets hub1's on-premises routes (PROP-1).
        const onprem = `onprem dc1 { asn: 65020, prefixes: [192.168.10.0/24] }\n${text.replace('gateway er1 { type: ExpressRoute }', 'gateway er1 { type: ExpressRoute, connections: [dc1] }')}`;
        const { routing, topology } = await check(onprem);
        const spoke = topology.vnets.find(v => v.name === 'spoke1')!;
        expect(routing.effectiveRoutes(spoke.defaultSubnet).filter(r => r.source === 'VirtualNetworkGateway').map(r => r.addressPrefix.text)).toEqual(['192.168.10.0/24']);
    });

    it('the other codes still fire on such a spoke: two flags, no transit, no gateway', async () => {
        expect(await only(FLAG_CODES, `${TWO_HUBS}peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> hub2 { useRemoteGateways: true }
peering hub2 -> spoke1 { allowGatewayTransit: true }`)).toEqual(['multiple-use-remote-gateways/error@6:26-6:49']);
        expect(await only(FLAG_CODES, `${TWO_HUBS}peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1
peering spoke1 -> hub2
peering hub2 -> spoke1`)).toEqual(['use-remote-gateways-without-transit/error@5:1-5:23']);
        expect(await only(FLAG_CODES, `${TWO_HUBS}vnet plain { addressSpace: [10.3.0.0/16] }
peering spoke1 -> plain { useRemoteGateways: true }
peering plain -> spoke1
peering spoke1 -> hub2
peering hub2 -> spoke1`)).toEqual(['remote-vnet-has-no-gateways/error@5:27-5:50']);
    });
});

describe('remote-vnet-has-no-gateways: suggestions checked first', () => {
    it('names the rule when the remote VNet only uses a third VNet\'s gateway', async () => {
        const { seen } = await check(`${HUB_RS}vnet transit { addressSpace: [10.2.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering transit -> hub1 { useRemoteGateways: true }
peering hub1 -> transit { allowGatewayTransit: true }
peering spoke1 -> transit { useRemoteGateways: true }
peering transit -> spoke1 { allowGatewayTransit: true }`);
        const f = seen[0].find(s => s.code === 'remote-vnet-has-no-gateways')!;
        expect(f.message).toContain('gateway transit does not extend over a second peering');
        expect(f.message).not.toContain('add a gateway or route server');
    });

    it('suggests a gateway where adding one creates no new error', async () => {
        const { seen } = await check(`hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1`);
        expect(seen[0].map(s => s.message)).toEqual(["Peering 'spoke1 -> hub1' sets useRemoteGateways, but hub 'hub1' has neither a gateway nor a route server: useRemoteGateways needs a gateway or Route Server in the remote VNet (Azure: RemoteVnetHasNoGateways). Disable useRemoteGateways on 'spoke1 -> hub1', or add a gateway or route server to 'hub1' and set allowGatewayTransit: true on 'hub1 -> spoke1'."]);
    });

    it('does not suggest a gateway that would turn the remote VNet\'s own useRemoteGateways into an error', async () => {
        // hub2 uses hub1's route server; a gateway of its own would draw use-remote-gateways-with-local-gateway.
        const { seen } = await check(`${HUB_RS}hub hub2 { addressSpace: [10.2.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering hub2 -> hub1 { useRemoteGateways: true }
peering hub1 -> hub2 { allowGatewayTransit: true }
peering spoke1 -> hub2 { useRemoteGateways: false }
peering hub2 -> spoke1 { allowGatewayTransit: true }`);
        const f = seen[0].find(s => s.code === 'gateway-transit-without-gateway')!;
        expect(f.message).toContain("a gateway or route server in 'hub2' is no way out: use-remote-gateways-with-local-gateway on 'hub2 -> hub1'");
        expect(f.message).not.toContain("or add a gateway or route server to 'hub2'");
    });
});

describe('gateway-transit-without-gateway', () => {
    it('is a warning on `allowGatewayTransit: true` of a VNet with neither gateway nor route server', async () => {
        expect(await diagnose(`hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering hub1 -> spoke1 {
  allowGatewayTransit: true
}
peering spoke1 -> hub1`)).toEqual(['gateway-transit-without-gateway/warning@4:3-4:28']);
    });

    it('near miss: a hub with a route server', async () => {
        expect(await diagnose(`${HUB_RS}spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> hub1`)).toEqual([]);
    });
});
