import { describe, expect, it } from 'vitest';
import { buildWorkspace, codesAt } from '../helpers.js';

/** Each code of docs/language.md §3 "Names and addressing": where it fires, and a near miss that must not. */
async function findings(text: string | string[], file = 0): Promise<string[]> {
    const { diagnostics } = await buildWorkspace(text);
    return codesAt(diagnostics[file]);
}

describe('names and addressing', () => {
    it('duplicate-name: across kinds and files, on the later name', async () => {
        expect(await findings(['hub fw1 { addressSpace: [10.0.0.0/16] }', 'hub h2 { addressSpace: [10.1.0.0/16]\n  nva fw1 { ip: 10.1.0.4, asn: 65001 } }'], 1))
            .toEqual(['duplicate-name@2:7-2:10']);
        expect(await findings('hub a { addressSpace: [10.0.0.0/16] subnet s { prefix: 10.0.1.0/24 } subnet s { prefix: 10.0.2.0/24 } }'))
            .toEqual(['duplicate-name@1:77-1:78']);
        expect(await findings('routeTable rt { route r { prefix: 0.0.0.0/0, nextHopType: Internet }\n route r { prefix: 10.0.0.0/8, nextHopType: None } }'))
            .toEqual(['duplicate-name@2:8-2:9']);
    });

    it('duplicate-name near miss: the same subnet or route name in two VNets or tables', async () => {
        expect(await findings(`
            hub a { addressSpace: [10.0.0.0/16] subnet workload { prefix: 10.0.1.0/24 } }
            hub b { addressSpace: [10.1.0.0/16] subnet workload { prefix: 10.1.1.0/24 } }
            routeTable r1 { route default { prefix: 0.0.0.0/0, nextHopType: Internet } }
            routeTable r2 { route default { prefix: 0.0.0.0/0, nextHopType: Internet } }`)).toEqual([]);
    });

    it('invalid-prefix: octet over 255, length over 32, missing length, address with a length', async () => {
        expect(await findings('hub h { addressSpace: [10.300.0.0/16, 10.0.0.0/33, 10.0.0.0] }'))
            .toEqual(['invalid-prefix@1:24-1:37', 'invalid-prefix@1:39-1:50', 'invalid-prefix@1:52-1:60']);
        expect(await findings('hub h { addressSpace: [10.0.0.0/16] vm v { ip: 10.0.0.4/32 } }')).toEqual(['invalid-prefix@1:48-1:59']);
        expect(await findings('hub h { addressSpace: [10.0.0.0/16] vm v { ip: 10.0.0.4 } }')).toEqual([]);
    });

    it('prefix-host-bits: reported with the normalised prefix for the quick fix', async () => {
        const { diagnostics } = await buildWorkspace('hub h { addressSpace: [10.1.0.1/16] }');
        expect(codesAt(diagnostics[0])).toEqual(['prefix-host-bits@1:24-1:35']);
        expect(diagnostics[0][0].message).toContain('10.1.0.0/16');
        expect(diagnostics[0][0].data).toMatchObject({ code: 'prefix-host-bits', normalized: '10.1.0.0/16' });
        expect(await findings('hub h { addressSpace: [10.1.0.0/16] }')).toEqual([]);
    });

    it('address-space-overlap: within a VNet on the second range; between peered VNets on the peering', async () => {
        expect(await findings('hub h { addressSpace: [10.0.0.0/16, 10.0.128.0/17] }')).toEqual(['address-space-overlap@1:37-1:50']);
        expect(await findings(`hub a { addressSpace: [10.0.0.0/16] }
spoke b { addressSpace: [10.0.5.0/24] }
peering a -> b
peering b -> a`)).toEqual(['address-space-overlap@3:1-3:15', 'address-space-overlap@4:1-4:15']);
        // Near miss: overlapping VNets that are not peered, and adjacent ranges.
        expect(await findings('hub a { addressSpace: [10.0.0.0/16] }\nspoke b { addressSpace: [10.0.5.0/24] }')).toEqual([]);
        expect(await findings('hub h { addressSpace: [10.0.0.0/16, 10.1.0.0/16] }')).toEqual([]);
    });

    it('subnet-outside-address-space: subnets, RouteServerSubnet and GatewaySubnet', async () => {
        expect(await findings(`hub h { addressSpace: [10.0.0.0/16]
  subnet s { prefix: 10.1.0.0/24 }
  routeServer rs { subnet: 10.2.0.0/26 }
  gateway gw { type: ExpressRoute, subnet: 10.0.255.0/27 }
}`)).toEqual(['subnet-outside-address-space@2:22-2:33', 'subnet-outside-address-space@3:28-3:39']);
    });

    it('subnet-overlap: on the second subnet in file order, RouteServerSubnet included', async () => {
        expect(await findings(`hub h { addressSpace: [10.0.0.0/16]
  routeServer rs { subnet: 10.0.0.0/26 }
  subnet s { prefix: 10.0.0.0/24 }
  subnet t { prefix: 10.0.1.0/24 }
}`)).toEqual(['subnet-overlap@3:22-3:33']);
    });

    it('ip-outside-address-space, reserved-ip and duplicate-ip', async () => {
        expect(await findings(`hub h { addressSpace: [10.0.0.0/16]
  subnet s { prefix: 10.0.1.0/24 }
  vm a { ip: 10.9.0.4 }
  vm b { ip: 10.0.1.3 }
  vm c { ip: 10.0.1.255 }
  nva n { ip: 10.0.1.10, asn: 65001 }
  vm d { ip: 10.0.1.10 }
}`)).toEqual(['ip-outside-address-space@3:14-3:22', 'reserved-ip@4:14-4:22', 'reserved-ip@5:14-5:24', 'duplicate-ip@7:14-7:23']);
        // Near misses: the first usable address, the last usable one, the implicit default subnet,
        // and the same IP in two VNets.
        expect(await findings(`hub h { addressSpace: [10.0.0.0/16]
  subnet s { prefix: 10.0.1.0/24 }
  vm a { ip: 10.0.1.4 }
  vm b { ip: 10.0.1.254 }
  vm c { ip: 10.0.2.1 }
}
spoke t { addressSpace: [10.1.0.0/16] vm d { ip: 10.1.0.4 } }
spoke u { addressSpace: [10.2.0.0/16] vm e { ip: 10.2.0.4 } }`)).toEqual([]);
    });
});
