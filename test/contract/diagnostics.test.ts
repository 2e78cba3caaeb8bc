import { describe, it, expect } from 'vitest';
import { check, pos, type Diag } from './run.js';
import { DUAL } from './fixtures.js';

/** Diagnostics with the given code. */
function find(text: string, code: string, extra: string[] = []): Diag[] {
    return check(text, extra).diags.filter(d => d.code === code);
}
/** Asserts exactly one diagnostic with code, with severity, anchored at the n-th occurrence of needle. */
function expectOne(text: string, code: string, severity: string, needle?: string, nth = 0, extra: string[] = []): Diag {
    const all = check(text, extra).diags;
    const ds = all.filter(d => d.code === code);
    expect(ds.length, `${code} in ${JSON.stringify(all.map(d => `${d.line}:${d.column} ${d.code}`))}`).toBe(1);
    const d = ds[0];
    expect(d.severity).toBe(severity);
    if (needle !== undefined) expectAnchor(d, text, needle, nth);
    return d;
}
/** Start must be exactly the needle start; end is accepted as exclusive or inclusive. */
function expectAnchor(d: Diag, text: string, needle: string, nth = 0) {
    const p = pos(text, needle, nth);
    expect({ line: d.line, column: d.column }, `anchor of ${d.code}: ${d.message}`).toEqual({ line: p.line, column: p.column });
    expect(d.endLine).toBe(p.endLine);
    expect([p.endColumn, p.endColumn - 1]).toContain(d.endColumn);
}
/** Asserts the line only (for statement-level anchors where the exact start is ambiguous). */
function expectLine(d: Diag, text: string, needle: string, nth = 0) {
    expect(d.line, `line of ${d.code}`).toBe(pos(text, needle, nth).line);
}
function absent(text: string, code: string, extra: string[] = []) {
    const all = check(text, extra).diags;
    expect(all.filter(d => d.code === code), JSON.stringify(all)).toEqual([]);
}

const HUB_RS = `
hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
bgp fw1 <-> rs1
`;

describe('clean baseline', () => {
    it('a minimal hub with route server and NVA has no diagnostics', () => {
        const r = check(HUB_RS);
        expect(r.diags).toEqual([]);
        expect(r.code).toBe(0);
    });
});

describe('names and addressing', () => {
    it('duplicate-name: two VMs in different VNets share a name (error)', () => {
        const t = `
vnet a { addressSpace: [10.1.0.0/16]
  vm web { ip: 10.1.0.4 } }
vnet b { addressSpace: [10.2.0.0/16]
  vm web { ip: 10.2.0.4 } }
`;
        const ds = find(t, 'duplicate-name');
        expect(ds.length).toBeGreaterThanOrEqual(1);
        expect(ds.every(d => d.severity === 'error')).toBe(true);
    });
    it('duplicate-name near miss: a subnet name may repeat across VNets; a route name across route tables', () => {
        const t = `
vnet a { addressSpace: [10.1.0.0/16]
  subnet workload { prefix: 10.1.1.0/24, routeTable: rta } }
vnet b { addressSpace: [10.2.0.0/16]
  subnet workload { prefix: 10.2.1.0/24, routeTable: rtb } }
routeTable rta { route r1 { prefix: 10.99.0.0/16, nextHopType: None } }
routeTable rtb { route r1 { prefix: 10.99.0.0/16, nextHopType: None } }
`;
        expect(check(t).diags).toEqual([]);
    });
    it('duplicate-name: two subnets with one name in a VNet', () => {
        const t = `
vnet a { addressSpace: [10.1.0.0/16]
  subnet s { prefix: 10.1.1.0/24 }
  subnet s { prefix: 10.1.2.0/24 } }
`;
        expect(find(t, 'duplicate-name').length).toBeGreaterThanOrEqual(1);
    });
    it('duplicate-name: a VNet and an onprem site share a name (global namespace)', () => {
        const t = `
vnet x { addressSpace: [10.1.0.0/16] }
onprem x { asn: 65020, prefixes: [192.168.0.0/16] }
`;
        expect(find(t, 'duplicate-name').length).toBeGreaterThanOrEqual(1);
    });
    it('duplicate-name across two files of one topology', async () => {
        const { run } = await import('./run.js');
        const r = run({ 'a.azrs': 'vnet a { addressSpace: [10.1.0.0/16] }\n', 'b.azrs': 'vnet a { addressSpace: [10.2.0.0/16] }\n' }, ['check', 'a.azrs', 'b.azrs', '--format', 'json']);
        const ds = JSON.parse(r.stdout).diagnostics;
        expect(ds.some((d: Diag) => d.code === 'duplicate-name')).toBe(true);
        expect(r.code).toBe(1);
    });

    it('invalid-prefix: octet > 255 (error on the literal)', () => {
        const t = `vnet a { addressSpace: [10.1.300.0/24] }\n`;
        expectOne(t, 'invalid-prefix', 'error', '10.1.300.0/24');
    });
    it('invalid-prefix: length > 32', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/33] }\n`;
        expectOne(t, 'invalid-prefix', 'error', '10.1.0.0/33');
    });
    it('invalid-prefix: malformed VM IP', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  vm v { ip: 10.1.0.256 } }\n`;
        const d = find(t, 'invalid-prefix');
        expect(d.length).toBe(1);
        expectAnchor(d[0], t, '10.1.0.256');
    });
    it('invalid-prefix near miss: /32 and /0 are valid lengths', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }
routeTable rt { route r { prefix: 10.1.2.3/32, nextHopType: None }
  route d { prefix: 0.0.0.0/0, nextHopType: Internet } }
`;
        expect(check(t).diags).toEqual([]);
    });

    it('prefix-host-bits: 10.1.0.1/16 (error on the literal)', () => {
        const t = `vnet a { addressSpace: [10.1.0.1/16] }\n`;
        expectOne(t, 'prefix-host-bits', 'error', '10.1.0.1/16');
    });
    it('prefix-host-bits in a UDR prefix', () => {
        const t = `routeTable rt { route r { prefix: 10.9.0.5/16, nextHopType: None } }\n`;
        expectOne(t, 'prefix-host-bits', 'error', '10.9.0.5/16');
    });
    it('prefix-host-bits in an NVA advertises list', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [172.16.1.1/16] }');
        expectOne(t, 'prefix-host-bits', 'error', '172.16.1.1/16');
    });

    it('address-space-overlap: two ranges of one VNet, reported on the second', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16, 10.1.128.0/17] }\n`;
        expectOne(t, 'address-space-overlap', 'error', '10.1.128.0/17');
    });
    it('address-space-overlap: two peered VNets overlap (on either range or the peering)', () => {
        const t = `
vnet a { addressSpace: [10.1.0.0/16] }
vnet b { addressSpace: [10.1.5.0/24] }
peering a -> b
peering b -> a
`;
        const ds = find(t, 'address-space-overlap');
        expect(ds.length).toBeGreaterThanOrEqual(1);
        expect(ds[0].severity).toBe('error');
        const okLines = [pos(t, '10.1.0.0/16').line, pos(t, '10.1.5.0/24').line, pos(t, 'peering a -> b').line, pos(t, 'peering b -> a').line];
        expect(okLines).toContain(ds[0].line);
    });
    it('address-space-overlap near miss: overlapping VNets that are not peered', () => {
        const t = `
vnet a { addressSpace: [10.1.0.0/16] }
vnet b { addressSpace: [10.1.0.0/16] }
`;
        absent(t, 'address-space-overlap');
    });

    it('subnet-outside-address-space: subnet, RouteServerSubnet and GatewaySubnet', () => {
        const t = `
hub h {
  addressSpace: [10.1.0.0/16]
  subnet s { prefix: 10.2.1.0/24 }
  routeServer rs { subnet: 10.3.0.0/26 }
  gateway gw { type: ExpressRoute, subnet: 10.4.0.0/27 }
}
`;
        const ds = find(t, 'subnet-outside-address-space');
        expect(ds.length).toBe(3);
        expect(ds.every(d => d.severity === 'error')).toBe(true);
        const sorted = [...ds].sort((x, y) => x.line - y.line);
        expectAnchor(sorted[0], t, '10.2.1.0/24');
        expectAnchor(sorted[1], t, '10.3.0.0/26');
        expectAnchor(sorted[2], t, '10.4.0.0/27');
    });
    it('subnet-outside-address-space: partially outside (subnet larger than the space)', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/24]\n  subnet s { prefix: 10.1.0.0/23 } }\n`;
        expectOne(t, 'subnet-outside-address-space', 'error', '10.1.0.0/23');
    });
    it('subnet-outside-address-space near miss: subnet in the second range', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/24, 10.2.0.0/24]\n  subnet s { prefix: 10.2.0.0/25 } }\n`;
        expect(check(t).diags).toEqual([]);
    });

    it('subnet-overlap: second of two overlapping subnets', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  subnet s1 { prefix: 10.1.0.0/23 }
  subnet s2 { prefix: 10.1.1.0/24 } }
`;
        expectOne(t, 'subnet-overlap', 'error', '10.1.1.0/24');
    });
    it('subnet-overlap: RouteServerSubnet overlapping a declared subnet', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]
  subnet s1 { prefix: 10.1.0.0/24 }
  routeServer rs { subnet: 10.1.0.64/26 } }
`;
        expectOne(t, 'subnet-overlap', 'error', '10.1.0.64/26');
    });
    it('subnet-overlap near miss: adjacent subnets', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]
  subnet s1 { prefix: 10.1.1.0/24 }
  routeServer rs { subnet: 10.1.0.0/26 }
  gateway gw { type: ExpressRoute, subnet: 10.1.0.64/27 } }
`;
        expect(check(t).diags).toEqual([]);
    });

    it('ip-outside-address-space: VM and NVA IP outside the VNet (on the IP literal)', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  vm v { ip: 10.2.0.4 }
  nva n { ip: 10.3.0.4, asn: 65001 } }
`;
        const ds = find(t, 'ip-outside-address-space');
        expect(ds.length).toBe(2);
        const s = [...ds].sort((x, y) => x.line - y.line);
        expect(s[0].severity).toBe('error');
        expectAnchor(s[0], t, '10.2.0.4');
        expectAnchor(s[1], t, '10.3.0.4');
    });

    for (const ip of ['10.1.3.0', '10.1.3.1', '10.1.3.2', '10.1.3.3', '10.1.3.255']) {
        it(`reserved-ip: ${ip} in a declared /24 subnet`, () => {
            const t = `vnet a { addressSpace: [10.1.0.0/16]\n  subnet s { prefix: 10.1.3.0/24 }\n  vm v { ip: ${ip} } }\n`;
            expectOne(t, 'reserved-ip', 'error', ip, 0 + (t.indexOf(ip) < t.indexOf('vm v') ? 1 : 0));
        });
    }
    it('reserved-ip near miss: .4 and .254 are usable; the implicit default subnet is not checked', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  subnet s { prefix: 10.1.3.0/24 }
  vm v1 { ip: 10.1.3.4 }
  vm v2 { ip: 10.1.3.254 }
  vm v3 { ip: 10.1.5.1 } }
`;
        expect(check(t).diags).toEqual([]);
    });

    it('duplicate-ip: VM and NVA of one VNet share an IP', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  nva n { ip: 10.1.0.10, asn: 65001 }
  vm v { ip: 10.1.0.10 } }
`;
        const ds = find(t, 'duplicate-ip');
        expect(ds.length).toBeGreaterThanOrEqual(1);
        expect(ds[0].severity).toBe('error');
    });
    it('duplicate-ip near miss: the same IP in two unrelated VNets', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  vm v1 { ip: 10.1.0.10 } }\nvnet b { addressSpace: [10.1.0.0/16]\n  vm v2 { ip: 10.1.0.10 } }\n`;
        absent(t, 'duplicate-ip');
    });
});

describe('route server and gateways', () => {
    it('route-server-subnet-too-small: /28 is an error on the prefix', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/28 } }\n`;
        expectOne(t, 'route-server-subnet-too-small', 'error', '10.1.0.0/28');
    });
    it('route-server-subnet-too-small: /27 is a warning', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/27 } }\n`;
        expectOne(t, 'route-server-subnet-too-small', 'warning', '10.1.0.0/27');
    });
    it('route-server-subnet-too-small near miss: /26 and /25', () => {
        absent(`hub a { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/26 } }\n`, 'route-server-subnet-too-small');
        absent(`hub a { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/25 } }\n`, 'route-server-subnet-too-small');
    });

    it('multiple-route-servers (error)', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  routeServer rs2 { subnet: 10.1.1.0/26 } }
`;
        expectOne(t, 'multiple-route-servers', 'error');
    });
    it('multiple-gateways: two ExpressRoute gateways (error); near miss ER + Vpn', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]
  gateway g1 { type: ExpressRoute }
  gateway g2 { type: ExpressRoute } }
`;
        expectOne(t, 'multiple-gateways', 'error');
        absent(`hub a { addressSpace: [10.1.0.0/16]
  gateway g1 { type: ExpressRoute }
  gateway g2 { type: Vpn } }
`, 'multiple-gateways');
    });

    function nNvas(n: number): string {
        let s = `hub h { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/26 }\n  subnet nva { prefix: 10.1.2.0/24 }\n`;
        for (let i = 1; i <= n; i++) s += `  nva n${i} { ip: 10.1.2.${10 + i}, asn: ${65000 + i} }\n`;
        s += '}\n';
        for (let i = 1; i <= n; i++) s += `bgp n${i} <-> rs\n`;
        return s;
    }
    it('too-many-bgp-peers: 9 NVA peers on one route server (error)', () => {
        const t = nNvas(9);
        const ds = find(t, 'too-many-bgp-peers');
        expect(ds.length).toBeGreaterThanOrEqual(1);
        expect(ds[0].severity).toBe('error');
    });
    it('too-many-bgp-peers near miss: 8 peers', () => {
        expect(check(nNvas(8)).diags).toEqual([]);
    });

    it('route-limit-exceeded: --routes-per-peer 2 and 3 advertised prefixes (error)', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [172.16.1.0/24, 172.16.2.0/24, 172.16.3.0/24] }');
        const r = check(t, ['--routes-per-peer', '2']);
        const ds = r.diags.filter(d => d.code === 'route-limit-exceeded');
        expect(ds.length).toBe(1);
        expect(ds[0].severity).toBe('error');
        expect(r.code).toBe(1);
    });
    it('route-limit-exceeded near miss: exactly at the limit', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [172.16.1.0/24, 172.16.2.0/24] }');
        absent(t, 'route-limit-exceeded', ['--routes-per-peer', '2']);
    });
    it('route-limit-exceeded: default limit 1000', () => {
        const pfx = Array.from({ length: 1001 }, (_, i) => `172.16.${Math.floor(i / 256)}.${i % 256}/32`).join(', ');
        const t = HUB_RS.replace('asn: 65001 }', `asn: 65001, advertises: [${pfx}] }`);
        expect(find(t, 'route-limit-exceeded').length).toBe(1);
        const t2 = HUB_RS.replace('asn: 65001 }', `asn: 65001, advertises: [${pfx.split(', ').slice(0, 1000).join(', ')}] }`);
        absent(t2, 'route-limit-exceeded');
    });

    it('vpn-gateway-asn: Vpn gateway with RS and asn 65001 (error on the asn value); near miss without RS', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  gateway vpn { type: Vpn, asn: 65001 } }
`;
        expectOne(t, 'vpn-gateway-asn', 'error', '65001');
        absent(`hub a { addressSpace: [10.1.0.0/16]\n  gateway vpn { type: Vpn, asn: 65001 } }\n`, 'vpn-gateway-asn');
    });
    it('vpn-gateway-not-active-active: activeActive: false with RS (error); near miss without RS', () => {
        const t = `hub a { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  gateway vpn { type: Vpn, activeActive: false } }
`;
        const d = expectOne(t, 'vpn-gateway-not-active-active', 'error');
        // anchored on the property or its value
        expect(d.line).toBe(pos(t, 'activeActive: false').line);
        expect(d.column).toBeGreaterThanOrEqual(pos(t, 'activeActive: false').column);
        absent(`hub a { addressSpace: [10.1.0.0/16]\n  gateway vpn { type: Vpn, activeActive: false } }\n`, 'vpn-gateway-not-active-active');
    });

    const B2B = (b2b: string, conns: string, bgp: string) => `
onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26${b2b} }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27${conns} }
  subnet nva { prefix: 10.1.2.0/24 }
  nva fw { ip: 10.1.2.4, asn: 65001 } }
${bgp}
`;
    it('branch-to-branch-disabled: RS with NVA peer + gateway with connections, b2b false (info)', () => {
        const d = expectOne(B2B('', ', connections: [dc1]', 'bgp fw <-> rs'), 'branch-to-branch-disabled', 'info');
        expect(d).toBeTruthy();
    });
    it('branch-to-branch-disabled near misses: b2b true / no connections / no NVA peers', () => {
        absent(B2B(', branchToBranch: true', ', connections: [dc1]', 'bgp fw <-> rs'), 'branch-to-branch-disabled');
        absent(B2B('', '', 'bgp fw <-> rs'), 'branch-to-branch-disabled');
        absent(B2B('', ', connections: [dc1]', ''), 'branch-to-branch-disabled');
    });
});

describe('BGP', () => {
    for (const asn of ['65515', '8074', '8075', '12076', '65517', '65520', '23456', '64496', '64511', '65535']) {
        it(`reserved-asn: NVA asn ${asn} is an error on the asn value`, () => {
            const t = HUB_RS.replace('asn: 65001', `asn: ${asn}`);
            expectOne(t, 'reserved-asn', 'error', asn);
        });
    }
    it('reserved-asn: 65516 is a warning', () => {
        expectOne(HUB_RS.replace('asn: 65001', 'asn: 65516'), 'reserved-asn', 'warning', '65516');
    });
    it('reserved-asn: onprem asn 12076 is an error', () => {
        const t = `onprem dc1 { asn: 12076, prefixes: [192.168.0.0/16] }\n`;
        expectOne(t, 'reserved-asn', 'error', '12076');
    });
    it('reserved-asn near miss: 64512, 65514, 65521, 65534 and 4-byte 4200000000 on onprem', () => {
        for (const asn of ['64512', '65514', '65521', '65534']) absent(HUB_RS.replace('asn: 65001', `asn: ${asn}`), 'reserved-asn');
        expect(check(`onprem dc1 { asn: 4200000000, prefixes: [192.168.0.0/16] }\n`).diags).toEqual([]);
    });
    it('reserved-asn: 65540 on an NVA that peers no route server (IANA 65535-65551)', () => {
        const t = `vnet v { addressSpace: [10.1.0.0/16]\n  nva n { ip: 10.1.0.4, asn: 65540 } }\n`;
        expectOne(t, 'reserved-asn', 'error', '65540');
        absent(t, 'asn-out-of-range');
    });

    it('asn-out-of-range: 0 and 4294967296 (error)', () => {
        expectOne(`onprem dc1 { asn: 0, prefixes: [192.168.0.0/16] }\n`, 'asn-out-of-range', 'error', '0', 0);
        expectOne(`onprem dc1 { asn: 4294967296, prefixes: [192.168.0.0/16] }\n`, 'asn-out-of-range', 'error', '4294967296');
    });
    it('asn-out-of-range: NVA peering a route server with a 4-byte asn', () => {
        expectOne(HUB_RS.replace('asn: 65001', 'asn: 4200000000'), 'asn-out-of-range', 'error', '4200000000');
    });
    it('asn-out-of-range near miss: 4-byte asn on an NVA that only peers onprem; 4294967295 on onprem', () => {
        const t = `onprem dc1 { asn: 4294967295, prefixes: [192.168.0.0/16] }
vnet v { addressSpace: [10.1.0.0/16]
  nva n { ip: 10.1.0.4, asn: 4200000000 } }
bgp n <-> dc1
`;
        expect(check(t).diags).toEqual([]);
    });

    it('bgp-endpoint-invalid: routeServer <-> onprem, NVA <-> itself, NVA <-> gateway', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27 }
  subnet nva { prefix: 10.1.2.0/24 }
  nva fw { ip: 10.1.2.4, asn: 65001 } }
bgp rs <-> dc1
bgp fw <-> fw
bgp fw <-> er
`;
        const ds = find(t, 'bgp-endpoint-invalid');
        expect(ds.length).toBe(3);
        expect(ds.every(d => d.severity === 'error')).toBe(true);
        expect(ds.map(d => d.line).sort()).toEqual([pos(t, 'bgp rs').line, pos(t, 'bgp fw <-> fw').line, pos(t, 'bgp fw <-> er').line].sort());
    });
    it('bgp-endpoint-invalid near miss: NVA <-> onprem, NVA <-> NVA, onprem <-> NVA (reversed)', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
vnet v { addressSpace: [10.1.0.0/16]
  nva a { ip: 10.1.0.4, asn: 65001 }
  nva b { ip: 10.1.0.5, asn: 65002 } }
bgp dc1 <-> a
bgp a <-> b
`;
        expect(check(t).diags).toEqual([]);
    });

    it('duplicate-bgp-session: same ends written in reverse (error, on the second)', () => {
        const t = HUB_RS + 'bgp rs1 <-> fw1\n';
        const d = expectOne(t, 'duplicate-bgp-session', 'error');
        expectLine(d, t, 'bgp rs1 <-> fw1');
    });

    it('bgp-peer-not-reachable: NVA in an unpeered VNet (error)', () => {
        const t = `hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 } }
vnet other { addressSpace: [10.2.0.0/16]
  nva fw { ip: 10.2.0.4, asn: 65001 } }
bgp fw <-> rs
`;
        const d = expectOne(t, 'bgp-peer-not-reachable', 'error');
        expectLine(d, t, 'bgp fw <-> rs');
    });
    it('bgp-peer-not-reachable: two peering hops away', () => {
        const t = `hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 } }
vnet mid { addressSpace: [10.2.0.0/16] }
vnet far { addressSpace: [10.3.0.0/16]
  nva fw { ip: 10.3.0.4, asn: 65001 } }
peering h -> mid
peering mid -> h
peering mid -> far
peering far -> mid
bgp fw <-> rs
`;
        expectOne(t, 'bgp-peer-not-reachable', 'error');
    });
    it('bgp-peer-not-reachable: peering only Initiated', () => {
        const t = `hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 } }
vnet other { addressSpace: [10.2.0.0/16]
  nva fw { ip: 10.2.0.4, asn: 65001 } }
peering other -> h
bgp fw <-> rs
`;
        expectOne(t, 'bgp-peer-not-reachable', 'error');
    });
    it('bgp-peer-not-reachable near miss: Connected peering without any flags', () => {
        const t = `hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 } }
vnet other { addressSpace: [10.2.0.0/16]
  nva fw { ip: 10.2.0.4, asn: 65001 } }
peering other -> h
peering h -> other
bgp fw <-> rs
`;
        expect(check(t).diags).toEqual([]);
    });

    it('bgp-multihop-disabled: multihop: false on a session with a route server (error)', () => {
        const t = HUB_RS.replace('bgp fw1 <-> rs1', 'bgp fw1 <-> rs1 { multihop: false }');
        const d = expectOne(t, 'bgp-multihop-disabled', 'error');
        expect(d.line).toBe(pos(t, 'multihop: false').line);
        expect(d.column).toBeGreaterThanOrEqual(pos(t, 'multihop: false').column);
    });
    it('bgp-multihop-disabled near miss: multihop: false towards onprem', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
vnet v { addressSpace: [10.1.0.0/16]
  nva n { ip: 10.1.0.4, asn: 65001 } }
bgp n <-> dc1 { multihop: false }
`;
        expect(check(t).diags).toEqual([]);
    });

    it('bgp-peer-asn-mismatch: peerAsn differs (error on the peerAsn value); near miss equal', () => {
        const t = HUB_RS.replace('bgp fw1 <-> rs1', 'bgp fw1 <-> rs1 { peerAsn: 65002 }');
        expectOne(t, 'bgp-peer-asn-mismatch', 'error', '65002');
        expect(check(HUB_RS.replace('bgp fw1 <-> rs1', 'bgp fw1 <-> rs1 { peerAsn: 65001 }')).diags).toEqual([]);
    });

    it('bgp-single-instance: instances: 1 (warning); near miss instances: 2', () => {
        const t = HUB_RS.replace('bgp fw1 <-> rs1', 'bgp fw1 <-> rs1 { instances: 1 }');
        const d = expectOne(t, 'bgp-single-instance', 'warning');
        expect(d.line).toBe(pos(t, 'instances: 1').line);
        expect(check(HUB_RS.replace('bgp fw1 <-> rs1', 'bgp fw1 <-> rs1 { instances: 2 }')).diags).toEqual([]);
    });

    it('same-asn-nvas: two NVAs with one asn on the same RS, one prefix lost (warning); near misses ECMP pair, different RSs', () => {
        // v2 (docs/language.md §3, issue 17): only where a route is actually lost.
        const t = `hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  subnet nva { prefix: 10.1.2.0/24 }
  nva a { ip: 10.1.2.4, asn: 65001, advertises: [10.50.0.0/16] }
  nva b { ip: 10.1.2.5, asn: 65001 } }
bgp a <-> rs
bgp b <-> rs
`;
        expectOne(t, 'same-asn-nvas', 'warning');
        absent(t.replace('nva b { ip: 10.1.2.5, asn: 65001 }', 'nva b { ip: 10.1.2.5, asn: 65001, advertises: [10.50.0.0/16] }'), 'same-asn-nvas');
        const t2 = `hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  subnet nva { prefix: 10.1.2.0/24 }
  nva a { ip: 10.1.2.4, asn: 65001 } }
hub h2 { addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/26 }
  subnet nva { prefix: 10.2.2.0/24 }
  nva b { ip: 10.2.2.4, asn: 65001 } }
bgp a <-> rs
bgp b <-> rs2
`;
        absent(t2, 'same-asn-nvas');
    });
});


describe('missing-as-override (docs/semantics.md §5)', () => {
    it('the worked example with every asOverride is clean of routing findings', () => {
        // v2 (docs/semantics.md §6.1, §6.9): h1vm's packets for dc2 reach nva1, whose own subnet has
        // dc2's prefix from rs1 with nva1 itself as next hop (nva1 relayed it), so they loop; the
        // reply from dc2 loops the same way at nva2. The hubs are not peered with each other.
        expect(check(DUAL()).diags.map(d => `${d.code}@${d.line}`)).toEqual([
            `forwarding-loop@${pos(DUAL(), 'bgp nva1 <-> rs1').line}`,
            `forwarding-loop@${pos(DUAL(), 'bgp nva2 <-> rs2').line}`
        ]);
    });
    it('without asOverride on nva1 <-> rs0: warning on that bgp statement, naming 10.2.13.0/25', () => {
        const t = DUAL({ ao0: false });
        const ds = find(t, 'missing-as-override');
        expect(ds.length).toBe(1);
        expect(ds[0].severity).toBe('warning');
        expect(ds[0].message).toContain('10.2.13.0/25');
        // anchored on the statement (or the asOverride: false property, both on that line)
        expect(ds[0].line).toBe(pos(t, 'bgp nva1 <-> rs0').line);
    });
    it('precedence: dual-homed-use-remote-gateways, not use-remote-gateways-with-local-gateway', () => {
        const t = DUAL({ urg: true });
        const all = check(t).diags;
        const ds = all.filter(d => d.code === 'dual-homed-use-remote-gateways');
        expect(ds.length).toBe(1);
        expect(ds[0].severity).toBe('error');
        expectAnchor(ds[0], t, 'useRemoteGateways: true');
        expect(all.filter(d => ['use-remote-gateways-with-local-gateway', 'use-remote-gateways-without-transit', 'remote-vnet-has-no-gateways', 'multiple-use-remote-gateways'].includes(d.code))).toEqual([]);
    });
});

describe('peering flags', () => {
    it('peering-not-connected: a -> b without b -> a (warning on the peering)', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }\nvnet b { addressSpace: [10.2.0.0/16] }\npeering a -> b\n`;
        const d = expectOne(t, 'peering-not-connected', 'warning');
        expectLine(d, t, 'peering a -> b');
    });
    it('remote-vnet-has-no-gateways: useRemoteGateways toward a VNet without gateway or RS (error on the flag)', () => {
        const t = `vnet hub { addressSpace: [10.1.0.0/16] }
vnet sp { addressSpace: [10.2.0.0/16] }
peering sp -> hub { useRemoteGateways: true }
peering hub -> sp { allowGatewayTransit: true }
`;
        expectOne(t, 'remote-vnet-has-no-gateways', 'error', 'useRemoteGateways: true');
        absent(t, 'use-remote-gateways-without-transit');
    });
    it('use-remote-gateways-without-transit (error on the hub peering that lacks allowGatewayTransit)', () => {
        // v2 (issue 17): anchored on the line the user must change, the peering without allowGatewayTransit.
        const t = HUB_RS + `vnet sp { addressSpace: [10.2.0.0/16] }
peering sp -> hub1 { useRemoteGateways: true }
peering hub1 -> sp
`;
        expectOne(t, 'use-remote-gateways-without-transit', 'error', 'peering hub1 -> sp');
    });
    it('use-remote-gateways-with-local-gateway (error on the flag)', () => {
        const t = HUB_RS + `vnet sp { addressSpace: [10.2.0.0/16]
  gateway vpn { type: Vpn } }
peering sp -> hub1 { useRemoteGateways: true }
peering hub1 -> sp { allowGatewayTransit: true }
`;
        expectOne(t, 'use-remote-gateways-with-local-gateway', 'error', 'useRemoteGateways: true');
    });
    it('use-remote-gateways near miss: correct spoke with transit is clean', () => {
        const t = HUB_RS + `vnet sp { addressSpace: [10.2.0.0/16] }
peering sp -> hub1 { useRemoteGateways: true }
peering hub1 -> sp { allowGatewayTransit: true }
`;
        expect(check(t).diags).toEqual([]);
    });
    it('dual-homed-use-remote-gateways: a spoke with its own RS peered with two RS hubs, URG on one; near miss a plain spoke (v2)', () => {
        const t = (spoke: string) => `hub h1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 } }
hub h2 { addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/26 } }
${spoke}
peering s -> h1 { useRemoteGateways: true }
peering h1 -> s { allowGatewayTransit: true }
peering s -> h2
peering h2 -> s
`;
        expectOne(t(`spoke s { addressSpace: [10.3.0.0/16]
  routeServer rs0 { subnet: 10.3.0.0/26 } }`), 'dual-homed-use-remote-gateways', 'error', 'useRemoteGateways: true');
        // docs/language.md §3 v2: a VNet without a route server of its own may use one hub's gateway.
        expect(check(t('spoke s { addressSpace: [10.3.0.0/16] }')).diags).toEqual([]);
    });
    it('gateway-transit-without-gateway: allowGatewayTransit on a VNet without gateway/RS (warning on the flag)', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }
vnet b { addressSpace: [10.2.0.0/16] }
peering a -> b { allowGatewayTransit: true }
peering b -> a
`;
        expectOne(t, 'gateway-transit-without-gateway', 'warning', 'allowGatewayTransit: true');
    });
    it('multiple-use-remote-gateways: two peerings of one VNet set useRemoteGateways (one hub not Connected)', () => {
        const t = `hub h1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 } }
hub h2 { addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/26 } }
spoke s { addressSpace: [10.3.0.0/16] }
peering s -> h1 { useRemoteGateways: true }
peering h1 -> s { allowGatewayTransit: true }
peering s -> h2 { useRemoteGateways: true }
`;
        const all = check(t).diags;
        const ds = all.filter(d => d.code === 'multiple-use-remote-gateways');
        expect(ds.length, JSON.stringify(all)).toBeGreaterThanOrEqual(1);
        expect(ds[0].severity).toBe('error');
        absent(t, 'dual-homed-use-remote-gateways');
    });

    const FWD = (fwd: string) => `
hub h { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  nva fw { ip: 10.1.2.4, asn: 65001 } }
spoke s { addressSpace: [10.2.0.0/16]
  subnet w { prefix: 10.2.1.0/24, routeTable: rt }
  vm v { ip: 10.2.1.4 } }
routeTable rt { route def { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw } }
peering s -> h${fwd}
peering h -> s
`;
    it('forwarded-traffic-blocked: spoke UDR to hub NVA without allowForwardedTraffic (warning)', () => {
        const t = FWD('');
        const d = expectOne(t, 'forwarded-traffic-blocked', 'warning');
        expectLine(d, t, 'peering s -> h');
    });
    it('forwarded-traffic-blocked anchored on an explicit allowForwardedTraffic: false', () => {
        const t = FWD(' { allowForwardedTraffic: false }');
        const d = expectOne(t, 'forwarded-traffic-blocked', 'warning');
        expect(d.line).toBe(pos(t, 'allowForwardedTraffic: false').line);
        expect(d.column).toBeGreaterThanOrEqual(pos(t, 'allowForwardedTraffic: false').column);
    });
    it('forwarded-traffic-blocked near miss: allowForwardedTraffic: true', () => {
        expect(check(FWD(' { allowForwardedTraffic: true }')).diags).toEqual([]);
    });
    it('"once per object": two wrong peerings get one finding each', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }
vnet b { addressSpace: [10.2.0.0/16] }
vnet c { addressSpace: [10.3.0.0/16] }
peering a -> b
peering a -> c
`;
        const ds = find(t, 'peering-not-connected');
        expect(ds.length).toBe(2);
    });
});

describe('routing results', () => {
    it('advertised-prefix-ignored: NVA advertises a prefix inside its hub range (warning on the prefix)', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [10.1.5.0/24] }');
        expectOne(t, 'advertised-prefix-ignored', 'warning', '10.1.5.0/24');
    });
    it('advertised-prefix-ignored: equal to a spoke range in the domain', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [10.2.0.0/16] }') + `vnet sp { addressSpace: [10.2.0.0/16] }
peering sp -> hub1 { useRemoteGateways: true }
peering hub1 -> sp { allowGatewayTransit: true }
`;
        expectOne(t, 'advertised-prefix-ignored', 'warning', '10.2.0.0/16', 0);
    });
    it('advertised-prefix-ignored near misses: a supernet, and a peered VNet outside the domain', () => {
        absent(HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [10.0.0.0/8] }'), 'advertised-prefix-ignored');
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [10.2.0.0/16] }') + `vnet sp { addressSpace: [10.2.0.0/16] }
peering sp -> hub1
peering hub1 -> sp
`;
        absent(t, 'advertised-prefix-ignored');
    });

    it('nva-default-route-loop: anchored on 0.0.0.0/0 in advertises (warning)', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [10.250.0.0/16, 0.0.0.0/0] }');
        expectOne(t, 'nva-default-route-loop', 'warning', '0.0.0.0/0');
    });
    it('nva-default-route-loop near miss: NVA subnet has UDR 0/0 -> Internet', () => {
        const t = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24, routeTable: rt-nva }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] }
}
bgp fw1 <-> rs1
routeTable rt-nva { route inet { prefix: 0.0.0.0/0, nextHopType: Internet } }
`;
        expect(check(t).diags).toEqual([]);
    });
    it('nva-default-route-loop near miss: 0/0 never reaches the RS (state: down)', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [0.0.0.0/0], state: down }');
        absent(t, 'nva-default-route-loop');
    });

    it('bgp-propagation-disabled: info on disableBgpRoutePropagation: true with the count', () => {
        const t = HUB_RS.replace('asn: 65001 }', 'asn: 65001, advertises: [10.250.0.0/16, 172.20.0.0/16] }').replace('subnet nva { prefix: 10.1.2.0/24 }', 'subnet nva { prefix: 10.1.2.0/24 }\n  subnet w { prefix: 10.1.3.0/24, routeTable: rt }') + `routeTable rt { disableBgpRoutePropagation: true }\n`;
        const d = expectOne(t, 'bgp-propagation-disabled', 'info');
        expect(d.line).toBe(pos(t, 'disableBgpRoutePropagation: true').line);
        expect(d.column).toBeGreaterThanOrEqual(pos(t, 'disableBgpRoutePropagation: true').column);
        expect(d.message).toMatch(/\b2\b/);
    });
    it('bgp-propagation-disabled near miss: nothing to remove', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  subnet w { prefix: 10.1.3.0/24, routeTable: rt } }
routeTable rt { disableBgpRoutePropagation: true }
`;
        absent(t, 'bgp-propagation-disabled');
    });
});

describe('syntax', () => {
    it('an IPv6 literal is a syntax error (exit 1)', () => {
        const r = check(`vnet a { addressSpace: [2001:db8::/32] }\n`);
        expect(r.diags.length).toBeGreaterThanOrEqual(1);
        expect(r.diags[0].severity).toBe('error');
        expect(r.diags.map(d => d.message).join(' ')).toMatch(/IPv6/i);
        expect(r.code).toBe(1);
    });
    it('comments, trailing commas, commas between properties, keywords as names', () => {
        const t = `topology t1
/* block */
vnet a { // line
  addressSpace: [10.1.0.0/16, 10.2.0.0/16,],
  subnet nva { prefix: 10.1.1.0/24 },
  vm route { ip: 10.1.1.4 }
}
routeTable onprem { route subnet { prefix: 10.9.0.0/16, nextHopType: None } }
`;
        expect(check(t).diags).toEqual([]);
    });
    it('hyphenated names', () => {
        expect(check(`hub hub-weu { addressSpace: [10.1.0.0/16]\n  vm vm-1_a { ip: 10.1.0.4 } }\n`).diags).toEqual([]);
    });
});
