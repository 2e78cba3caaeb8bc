import { describe, expect, it } from 'vitest';
import { actionsFor, apply, check, diagnose, only } from './check-helpers.js';

/** docs/language.md §3 "v2: changed and new codes" for the v2 elements, and v1 codes on v2 elements. */

describe('route-table-on-route-server-subnet', () => {
    it('is an error on the routeTable of a subnet whose prefix is a route server\'s subnet', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet RouteServerSubnet { prefix: 10.1.0.0/26, routeTable: rt }
}
routeTable rt`)).toEqual(['route-table-on-route-server-subnet/error@4:51-4:65']);
    });

    it('near miss: the same subnet without a route table (and no subnet-overlap), a route table on another subnet', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet RouteServerSubnet { prefix: 10.1.0.0/26 }
  subnet app { prefix: 10.1.0.64/26, routeTable: rt }
}
routeTable rt`)).toEqual([]);
    });
});

describe('gateway connections', () => {
    const branch = (connections: string) => `vnet branch {
  addressSpace: [10.200.0.0/16]
  gateway vpngw2 { type: Vpn, asn: 65200, subnet: 10.200.255.0/27, connections: [${connections}] }
}`;

    it('connection-not-reciprocal: a warning on the name of the gateway that does not list this one back', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [vpngw2] }
}
${branch('')}`)).toEqual(['connection-not-reciprocal/warning@3:68-3:74']);
    });

    it('near miss: both list each other', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [vpngw2] }
}
${branch('vpngw1')}`)).toEqual([]);
    });

    it('connection-invalid: a gateway listing itself, and a VNet-to-VNet connection with an ExpressRoute gateway', async () => {
        const { seen } = await check(`hub h {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [vpngw1, ergw2] }
}
vnet v {
  addressSpace: [10.2.0.0/16]
  gateway ergw2 { type: ExpressRoute, connections: [vpngw1] }
}`);
        expect(seen[0].map(s => `${s.code}/${s.severity}@${s.range.start.line + 1}:${s.range.start.character + 1} ${s.message}`)).toEqual([
            "connection-invalid/error@3:68 Gateway 'vpngw1' lists itself in its connections; a VNet-to-VNet connection joins two different Vpn gateways. Remove 'vpngw1'.",
            "connection-invalid/error@3:76 Gateway 'vpngw1' connects gateway 'ergw2', but 'ergw2' is an ExpressRoute gateway: a VNet-to-VNet connection joins two Vpn gateways. Connect two Vpn gateways, or peer the VNets.",
            "connection-invalid/error@7:53 Gateway 'ergw2' connects gateway 'vpngw1', but 'ergw2' is an ExpressRoute gateway: a VNet-to-VNet connection joins two Vpn gateways. Connect two Vpn gateways, or peer the VNets."
        ]);
    });

    it('expressroute-requires-bgp: an error on the static site\'s name in an ExpressRoute gateway\'s connections', async () => {
        expect(await diagnose(`onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
onprem branch { prefixes: [172.20.0.0/16] }
hub h {
  addressSpace: [10.1.0.0/16]
  gateway ergw1 { type: ExpressRoute, subnet: 10.1.255.0/27, connections: [dc1, branch] }
}`)).toEqual(['expressroute-requires-bgp/error@5:81-5:87']);
    });

    it('near miss: a static site on a Vpn gateway', async () => {
        expect(await diagnose(`onprem branch { prefixes: [172.20.0.0/16] }
hub h {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [branch] }
}`)).toEqual([]);
    });
});

describe('firewall', () => {
    it('firewall-subnet-too-small: longer than /26, on the prefix; /26 and /25 are fine', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  firewall azfw { subnet: 10.1.4.0/27, ip: 10.1.4.4 }
}
hub g { addressSpace: [10.2.0.0/16], firewall fw2 { subnet: 10.2.4.0/26, ip: 10.2.4.4 } }
hub k { addressSpace: [10.3.0.0/16], firewall fw3 { subnet: 10.3.4.0/25, ip: 10.3.4.4 } }`)).toEqual(['firewall-subnet-too-small/error@3:27-3:38']);
    });

    it('firewall-ip-outside-subnet: on the ip', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.5.4 }
}`)).toEqual(['firewall-ip-outside-subnet/error@3:44-3:52']);
    });

    it('multiple-firewalls: the second firewall of a VNet, on its name; one per VNet in two VNets is fine', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  firewall azfw1 { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
  firewall azfw2 { subnet: 10.1.5.0/26, ip: 10.1.5.4 }
}
hub g { addressSpace: [10.2.0.0/16], firewall fw3 { subnet: 10.2.4.0/26, ip: 10.2.4.4 } }`)).toEqual(['multiple-firewalls/error@4:12-4:17']);
    });

    it('its subnet is checked like the other special subnets: outside the address space, overlapping', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  subnet app { prefix: 10.1.4.0/24 }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
}
hub g { addressSpace: [10.2.0.0/16], firewall fw2 { subnet: 10.9.4.0/26, ip: 10.9.4.4 } }`)).toEqual([
            'subnet-overlap/error@4:27-4:38',
            'subnet-outside-address-space/error@6:61-6:72', 'ip-outside-address-space/error@6:78-6:86'
        ]);
    });

    it('its ip is checked like a VM\'s: reserved, duplicate', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.1 }
}
hub g {
  addressSpace: [10.2.0.0/16]
  vm v { ip: 10.2.4.4 }
  firewall fw2 { subnet: 10.2.4.0/26, ip: 10.2.4.4 }
}`)).toEqual(['reserved-ip/error@3:44-3:52', 'duplicate-ip/error@8:43-8:51']);
    });
});

describe('NVA NICs and NVAs without asn', () => {
    it('each NIC\'s ip is checked like a VM\'s: outside the address space, reserved, duplicate', async () => {
        const { seen } = await check(`hub h {
  addressSpace: [10.1.0.0/16]
  subnet trust { prefix: 10.1.2.0/24 }
  vm v { ip: 10.1.2.10 }
  nva fw1 {
    nic untrust { ip: 10.9.1.4 }
    nic trust { ip: 10.1.2.3 }
    nic other { ip: 10.1.2.10 }
  }
}`);
        expect(seen[0].map(s => `${s.code}@${s.range.start.line + 1}:${s.range.start.character + 1} ${s.message.split(' is ')[0]}`)).toEqual([
            "ip-outside-address-space@6:23 The IP 10.9.1.4 of NIC 'fw1/untrust' of NVA 'fw1'",
            "reserved-ip@7:21 The IP 10.1.2.3 of NIC 'fw1/trust' of NVA 'fw1'",
            "duplicate-ip@8:21 The IP 10.1.2.10 of NIC 'fw1/other' of NVA 'fw1'"
        ]);
    });

    it('near miss: NICs in two subnets, an NVA with ip: keeps its v1 message', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  subnet untrust { prefix: 10.1.1.0/24 }
  subnet trust { prefix: 10.1.2.0/24 }
  nva fw1 { nic untrust { ip: 10.1.1.4 } nic trust { ip: 10.1.2.4 } }
}`)).toEqual([]);
        const { seen } = await check(`hub h { addressSpace: [10.1.0.0/16], nva n1 { ip: 10.1.0.4 }, vm v { ip: 10.1.0.4 } }`);
        expect(seen[0].map(s => s.message)).toEqual([
            "The IP 10.1.0.4 of VM 'v' is already used by NVA 'n1' in VNet 'h'; give each NIC its own address."]);
    });

    it('duplicate-name: two NICs of one NVA share a name; NIC names may repeat across NVAs', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  nva fw1 { nic a { ip: 10.1.0.4 } nic a { ip: 10.1.0.5 } }
  nva fw2 { nic a { ip: 10.1.0.6 } }
}`)).toEqual(['duplicate-name/error@3:40-3:41']);
    });

    it('duplicate-name: a firewall or an intent shares the global namespace', async () => {
        expect(await only('duplicate-name', `hub h {
  addressSpace: [10.1.0.0/16]
  vm azfw { ip: 10.1.0.4 }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
}
intent h { from: azfw, to: 10.1.0.4 }`)).toEqual(['duplicate-name/error@4:12-4:16', 'duplicate-name/error@6:8-6:9']);
    });

    it('bgp-endpoint-invalid: a session with an NVA that has no asn, and the session is down', async () => {
        const { seen, admission, topology } = await check(`hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4 }
}
bgp fw1 <-> rs1`);
        expect(seen[0].map(s => `${s.code}/${s.severity}@${s.range.start.line + 1}:${s.range.start.character + 1} ${s.message}`)).toEqual([
            "bgp-endpoint-invalid/error@6:1 The session 'fw1 <-> rs1' needs BGP on NVA 'fw1', which has no asn: an NVA without asn takes part in no BGP session. Give 'fw1' an asn, or remove the session."
        ]);
        expect(admission.downSessions.has(topology.sessions[0])).toBe(true);
    });

    it('near miss: an NVA without asn and without sessions is fine', async () => {
        expect(await diagnose(`hub h { addressSpace: [10.1.0.0/16], nva fw1 { ip: 10.1.2.4 } }`)).toEqual([]);
    });
});

describe('literals of the v2 elements', () => {
    it('invalid-prefix and prefix-host-bits on NIC, firewall, gateway next hop and intent addresses', async () => {
        expect(await diagnose(`hub h {
  addressSpace: [10.1.0.0/16]
  nva fw1 { nic a { ip: 10.1.300.4 } }
  firewall azfw { subnet: 10.1.4.1/26, ip: 10.1.4.4 }
  gateway g { type: Vpn, nextHopIps: [10.1.255.4, 10.1.255.999] }
}
intent i { from: fw1, to: 10.0.0.256 }`)).toEqual([
            'invalid-prefix/error@3:25-3:35',
            'prefix-host-bits/error@4:27-4:38',
            'invalid-prefix/error@5:51-5:63',
            'invalid-prefix/error@7:27-7:37'
        ]);
    });
});

describe('quick fixes for the v2 codes', () => {
    async function fix(text: string, code: string): Promise<{ title: string; after: string; codes: string[] }> {
        const before = await check(text);
        const target = before.seen[0].find(s => s.code === code)!;
        const fixes = (await actionsFor(before.documents[0], target.diagnostic)).filter(a => !a.title.startsWith('Suppress '));
        expect(fixes).toHaveLength(1);
        const after = apply(before.documents[0], fixes[0]);
        const rechecked = await check(after);
        return { title: fixes[0].title, after, codes: rechecked.seen[0].map(s => s.code) };
    }

    it('firewall-subnet-too-small: widen to the /26 that contains it', async () => {
        const text = 'hub h { addressSpace: [10.1.0.0/16], firewall azfw { subnet: 10.1.4.96/27, ip: 10.1.4.100 } }\n';
        const { title, after, codes } = await fix(text, 'firewall-subnet-too-small');
        expect(title).toBe('Change to 10.1.4.64/26');
        expect(after).toBe(text.replace('10.1.4.96/27', '10.1.4.64/26'));
        expect(codes).toEqual([]);
    });

    it('route-table-on-route-server-subnet: remove the routeTable property', async () => {
        const text = `hub h {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet RouteServerSubnet { prefix: 10.1.0.0/26, routeTable: rt }
}
routeTable rt
`;
        const { title, after, codes } = await fix(text, 'route-table-on-route-server-subnet');
        expect(title).toBe('Remove the route table from the RouteServerSubnet');
        expect(after).toBe(text.replace(', routeTable: rt }', ' }'));
        expect(codes).toEqual([]);
    });

    describe('connection-not-reciprocal: the other gateway lists this one back', () => {
        const hub = (connections: string) => `hub h {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [site1, vpngw2] }
}
onprem site1 { prefixes: [172.20.0.0/16] }
vnet b {
  addressSpace: [10.200.0.0/16]
  gateway vpngw2 { type: Vpn, asn: 65200${connections} }
}
`;
        it.each([
            ['no connections property', '', ', connections: [vpngw1]'],
            ['an empty list', ', connections: []', ', connections: [vpngw1]'],
            ['a list of other names', ', connections: [site1]', ', connections: [site1, vpngw1]']
        ])('with %s', async (_what, written, expected) => {
            const { title, after, codes } = await fix(hub(written), 'connection-not-reciprocal');
            expect(title).toBe("Add 'vpngw1' to the connections of 'vpngw2'");
            expect(after).toBe(hub(expected));
            expect(codes).toEqual([]);
        });

        it('in the other gateway\'s own file', async () => {
            const before = await check([hub('').split('vnet b')[0], 'vnet b {\n  addressSpace: [10.200.0.0/16]\n  gateway vpngw2 { type: Vpn, asn: 65200 }\n}\n']);
            const target = before.seen[0].find(s => s.code === 'connection-not-reciprocal')!;
            const [action] = (await actionsFor(before.documents[0], target.diagnostic)).filter(a => !a.title.startsWith('Suppress '));
            expect(Object.keys(action.edit!.changes!)).toEqual([before.documents[1].textDocument.uri]);
            expect(apply(before.documents[1], action)).toBe('vnet b {\n  addressSpace: [10.200.0.0/16]\n  gateway vpngw2 { type: Vpn, asn: 65200, connections: [vpngw1] }\n}\n');
        });
    });
});

describe('subnet-outside-address-space when the only addressSpace range is invalid (QA: bad input as users type it)', () => {
    it('does not claim that the VNet declares no addressSpace', async () => {
        const { seen } = await check('hub h { addressSpace: [10.0.0.0/33] subnet s { prefix: 10.0.0.0/24 } }');
        const finding = seen[0].find(s => s.code === 'subnet-outside-address-space');
        expect(finding?.message).toBe("The subnet 's' (10.0.0.0/24) is not inside VNet 'h', which has no valid addressSpace range (none is written, or each written one is invalid); add a range that contains it.");
        expect(seen[0].map(s => s.code)).toContain('invalid-prefix');
    });
});
