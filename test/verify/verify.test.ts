import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    ActualInputError, readActualFolder, readActualTexts, verifyTopology, type VerifyReport
} from '../../language-server/src/verify/index.js';
import { check } from '../checks/check-helpers.js';

/**
 * `azrs verify`'s comparison (docs/verify.md): readers, normalisation and the differences a user
 * sees, on Azure's real outputs (test/fixtures/verify, from shared/import-corpus) and on small
 * hand-written outputs for each rule.
 */

const FIXTURES = new URL('../fixtures/verify/', import.meta.url);
const fixture = (rel: string) => new URL(rel, FIXTURES);

async function verifyTexts(topology: string, files: Record<string, string>, strict = false): Promise<VerifyReport> {
    const checked = await check(topology);
    return verifyTopology(checked.topology, checked.routing, readActualTexts(new Map(Object.entries(files))), { strict });
}

async function verifyFixture(dir: string, azrsFile: string, edit: (text: string) => string = t => t): Promise<VerifyReport> {
    const text = edit(readFileSync(fixture(`${dir}/${azrsFile}`), 'utf8'));
    const checked = await check(text);
    expect(checked.seen[0].filter(s => s.severity === 'error').map(s => `${s.code}: ${s.message}`)).toEqual([]);
    return verifyTopology(checked.topology, checked.routing, readActualFolder(new URL(`${dir}/azure-state`, FIXTURES).pathname));
}

const summary = (r: VerifyReport) => r.differences.map(d => `${d.code} ${d.element} ${d.addressPrefix}`);

/** Two NVAs advertise the same prefix to one route server: azrs has one ECMP row. */
const ECMP_TOPOLOGY = `
hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet nva { prefix: 10.1.1.0/24 }
  nva nva1 { ip: 10.1.1.4, asn: 65001, advertises: [10.50.0.0/16] }
  nva nva2 { ip: 10.1.1.5, asn: 65001, advertises: [10.50.0.0/16] }
  subnet app { prefix: 10.1.2.0/24 }
  vm vm1 { ip: 10.1.2.4 }
}
bgp nva1 <-> rs1
bgp nva2 <-> rs1
`;
const SYSTEM_ROWS = [
    { source: 'Default', state: 'Active', addressPrefix: ['10.1.0.0/16'], nextHopType: 'VnetLocal', nextHopIpAddress: [] },
    { source: 'Default', state: 'Active', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddress: [] },
    { source: 'Default', state: 'Active', addressPrefix: ['10.0.0.0/8'], nextHopType: 'None', nextHopIpAddress: [] },
    { source: 'Default', state: 'Active', addressPrefix: ['172.16.0.0/12'], nextHopType: 'None', nextHopIpAddress: [] },
    { source: 'Default', state: 'Active', addressPrefix: ['192.168.0.0/16'], nextHopType: 'None', nextHopIpAddress: [] },
    { source: 'Default', state: 'Active', addressPrefix: ['100.64.0.0/10'], nextHopType: 'None', nextHopIpAddress: [] }
];
const bgpRow = (ips: string[]) => ({ source: 'VirtualNetworkGateway', state: 'Active', addressPrefix: ['10.50.0.0/16'], nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ips });
const azJson = (rows: object[]) => JSON.stringify({ nextLink: null, value: rows }, null, 2);

describe('real outputs (kaysalawu labs, REST example)', () => {
    it('lab 08: the topology written for it agrees with all four files; IBgp rows and filtered None rows are counted as not modelled', async () => {
        const report = await verifyFixture('kaysalawu-lab08', 'lab08.azrs');
        expect(summary(report)).toEqual([]);
        expect(report.elements.map(e => `${e.element}:${e.matched}`)).toEqual(['branch2-ergw:11', 'branch2-nva/untrust:12', 'branch2-vm:4', 'spoke1-vm:12']);
        expect(report.ignoredFiles).toEqual(['LICENSE', 'SOURCE.md']);
        const spoke = report.elements.find(e => e.element === 'spoke1-vm')!;
        // Four ECMP next hops, printed by Azure as four entries, are one row on both sides.
        expect(spoke.rows.find(r => r.addressPrefix === '10.20.0.0/20')!.azure).toEqual({
            source: 'VirtualNetworkGateway', state: 'Active', nextHopType: 'VirtualNetworkGateway',
            nextHopIpAddress: ['10.20.88.110', '10.20.88.111', '10.63.110.248', '10.63.110.252']
        });
        expect(spoke.notModelled.map(n => `${n.side} ${n.addressPrefix}`)).toEqual(['azrs 10.0.0.0/8', 'azrs 100.64.0.0/10', 'azrs 172.16.0.0/12', 'azrs 192.168.0.0/16']);
    });

    it('lab 08 with one fact changed (a prefix the circuit no longer sends): verify reports the row Azure has, with azrs\'s reason', async () => {
        const report = await verifyFixture('kaysalawu-lab08', 'lab08.azrs', t => t.replace('10.20.16.0/20,\n', '\n'));
        expect(summary(report)).toEqual(['verify-route-missing spoke1-vm 10.20.16.0/20']);
        const [d] = report.differences;
        expect(d.file).toBe('spoke1-vm.effective-routes.txt');
        expect(d.line).toBe(12);
        expect(d.azrs).toBeNull();
        expect(d.explanation).toBe('no site, NVA or gateway in the topology advertises 10.20.16.0/20 to hub1-ergw');
    });

    it('lab 08 with a wrong gateway next hop: the ECMP row differs in its next hop IPs', async () => {
        const report = await verifyFixture('kaysalawu-lab08', 'lab08.azrs', t => t.replace('nextHopIps: [10.20.88.110]', 'nextHopIps: [10.20.88.111]'));
        expect(new Set(report.differences.map(d => `${d.code} ${d.element} ${d.fields?.join()}`))).toEqual(new Set(['verify-route-different branch2-nva/untrust nextHopIpAddress']));
        expect(report.differences).toHaveLength(9);
        expect(report.differences[0].explanation).toMatch(/^programmed by ExpressRoute gateway branch2-ergw, learned from site er-provider over connection:branch2-ergw<->er-provider/);
    });

    it('lab 01: private endpoint rows are not modelled; the UDR-overridden system rows are Invalid on both sides', async () => {
        const report = await verifyFixture('kaysalawu-lab01', 'lab01.azrs');
        expect(summary(report)).toEqual([]);
        expect(report.elements.map(e => `${e.element}:${e.matched}:${e.notModelled.length}`)).toEqual(['hub1-nva/untrust:7:6', 'spoke1-vm:5:2']);
        const spoke = report.elements.find(e => e.element === 'spoke1-vm')!;
        expect(spoke.notModelled.map(n => `${n.line} ${n.addressPrefix} ${n.reason}`)).toEqual([
            '10 10.11.7.99/32 a private endpoint (InterfaceEndpoint) route',
            '11 10.11.7.88/32 a private endpoint (InterfaceEndpoint) route'
        ]);
        expect(spoke.rows.filter(r => r.azure && 'state' in r.azure && r.azure.state === 'Invalid').map(r => r.addressPrefix)).toEqual(['0.0.0.0/0', '10.11.0.0/16']);
    });

    it('lab 01 with the UDR\'s next hop changed: verify-route-different names the user route', async () => {
        const report = await verifyFixture('kaysalawu-lab01', 'lab01.azrs', t => t.replace('route default { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: 10.11.2.99 }', 'route default { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: 10.11.2.98 }'));
        expect(summary(report)).toEqual(['verify-route-different spoke1-vm 0.0.0.0/0']);
        expect(report.differences[0].message).toBe("0.0.0.0/0 on spoke1-vm differs in nextHopIpAddress: Azure User, Active, next hop VirtualAppliance 10.11.2.99; azrs User, Active, next hop VirtualAppliance 10.11.2.98 (azrs: user route 'default' of route table spoke1-main)");
        expect(report.differences[0].line).toBe(9);
    });

    it('REST example: the route server learned 10.101.0.0/16 from peer1 on both instances; a changed AS path is missing and extra', async () => {
        const agreeing = await verifyFixture('rest-api-example', 'rest-example.azrs');
        expect(summary(agreeing)).toEqual([]);
        expect(agreeing.matched).toBe(1);
        const changed = await verifyFixture('rest-api-example', 'rest-example.azrs', t => t.replace('asn: 65001', 'asn: 65009'));
        expect(summary(changed)).toEqual(['verify-learned-missing virtualRouter1/peer1 10.101.0.0/16', 'verify-learned-extra virtualRouter1/peer1 10.101.0.0/16']);
        expect(changed.differences[0].line).toBe(3);
        expect(changed.differences[1].explanation).toBe('accepted, from NVA peer1 over bgp:peer1<->virtualRouter1, AS path 65002 65009, originated by site site65001');
    });
});

describe('normalisation', () => {
    it('ECMP: one entry per next hop and one entry with both give the same matched row; one next hop only differs', async () => {
        const perHop = await verifyTexts(ECMP_TOPOLOGY, { 'vm1.effective-routes.json': azJson([...SYSTEM_ROWS, bgpRow(['10.1.1.5']), bgpRow(['10.1.1.4'])]) });
        expect(summary(perHop)).toEqual([]);
        expect(perHop.matched).toBe(7);
        const together = await verifyTexts(ECMP_TOPOLOGY, { 'vm1.effective-routes.json': azJson([...SYSTEM_ROWS, bgpRow(['10.1.1.5', '10.1.1.4'])]) });
        expect(summary(together)).toEqual([]);
        const one = await verifyTexts(ECMP_TOPOLOGY, { 'vm1.effective-routes.json': azJson([...SYSTEM_ROWS, bgpRow(['10.1.1.4'])]) });
        expect(one.differences.map(d => [d.code, d.fields, d.azure, d.azrs])).toEqual([['verify-route-different', ['nextHopIpAddress'],
            { source: 'VirtualNetworkGateway', state: 'Active', nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ['10.1.1.4'] },
            { source: 'VirtualNetworkGateway', state: 'Active', nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ['10.1.1.4', '10.1.1.5'] }]]);
        expect(one.differences[0].explanation).toBe('programmed by route server rs1, learned from NVA nva1 over bgp:nva1<->rs1, AS path 65001; from NVA nva2 over bgp:nva2<->rs1, AS path 65001');
    });

    it('ECMP in az\'s table: the next hop IPs of one entry joined with spaces', async () => {
        const table = [
            'Source                 State    Address Prefix    Next Hop Type          Next Hop IP',
            '---------------------  -------  ----------------  ---------------------  -------------------',
            'Default                Active   10.1.0.0/16       VnetLocal',
            'VirtualNetworkGateway  Active   10.50.0.0/16      VirtualNetworkGateway  10.1.1.4 10.1.1.5',
            'Default                Active   0.0.0.0/0         Internet',
            'Default                Active   10.0.0.0/8        None',
            'Default                Active   172.16.0.0/12     None',
            'Default                Active   192.168.0.0/16    None',
            'Default                Active   100.64.0.0/10     None',
            ''
        ].join('\n');
        const report = await verifyTexts(ECMP_TOPOLOGY, { 'vm1.effective-routes.txt': table });
        expect(summary(report)).toEqual([]);
        expect(report.matched).toBe(7);
    });

    it('VirtualNetworkPeering is VNetPeering', async () => {
        const topology = 'vnet a { addressSpace: [10.1.0.0/16]  vm vm1 { ip: 10.1.0.4 } }\nvnet b { addressSpace: [10.2.0.0/16] }\npeering a -> b {}\npeering b -> a {}\n';
        const rows = [...SYSTEM_ROWS, { source: 'Default', state: 'Active', addressPrefix: ['10.2.0.0/16'], nextHopType: 'VirtualNetworkPeering', nextHopIpAddress: [] }];
        const report = await verifyTexts(topology, { 'vm1.effective-routes.json': azJson(rows) });
        expect(summary(report)).toEqual([]);
        expect(report.matched).toBe(7);
    });

    it('platform None routes, private and service endpoints: counted as not modelled, compared with --strict', async () => {
        const rows = [
            ...SYSTEM_ROWS,
            { source: 'Default', state: 'Active', addressPrefix: ['127.0.0.0/8'], nextHopType: 'None', nextHopIpAddress: [] },
            { source: 'Default', state: 'Active', addressPrefix: ['198.18.0.0/15'], nextHopType: 'None', nextHopIpAddress: [] },
            { source: 'Default', state: 'Active', addressPrefix: ['10.1.7.4/32'], nextHopType: 'InterfaceEndpoint', nextHopIpAddress: [] },
            { source: 'Default', state: 'Active', addressPrefix: ['13.66.0.0/17', '13.77.0.0/18'], nextHopType: 'VirtualNetworkServiceEndpoint', nextHopIpAddress: [] }
        ];
        const topology = 'vnet a { addressSpace: [10.1.0.0/16]  vm vm1 { ip: 10.1.0.4 } }\n';
        const loose = await verifyTexts(topology, { 'vm1.effective-routes.json': azJson(rows) });
        expect(summary(loose)).toEqual([]);
        expect(loose.notModelled).toBe(5);
        expect(loose.elements[0].notModelled.map(n => n.addressPrefix)).toEqual(['127.0.0.0/8', '198.18.0.0/15', '10.1.7.4/32', '13.66.0.0/17', '13.77.0.0/18']);
        const strict = await verifyTexts(topology, { 'vm1.effective-routes.json': azJson(rows) }, true);
        expect(summary(strict)).toEqual([
            'verify-route-missing vm1 10.1.7.4/32', 'verify-route-missing vm1 13.66.0.0/17', 'verify-route-missing vm1 13.77.0.0/18',
            'verify-route-missing vm1 127.0.0.0/8', 'verify-route-missing vm1 198.18.0.0/15'
        ]);
        expect(strict.notModelled).toBe(0);
    });

    it('gateway routes: next hop IPs compared only where the gateway declares nextHopIps', async () => {
        const topology = (hops: string) => `onprem dc1 { asn: 65021, prefixes: [10.2.13.0/25] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway ergw1 { type: ExpressRoute, subnet: 10.1.255.0/27, connections: [dc1]${hops} }
  subnet app { prefix: 10.1.2.0/24 }
  vm vm1 { ip: 10.1.2.4 }
}
`;
        const rows = [...SYSTEM_ROWS, { source: 'VirtualNetworkGateway', state: 'Active', addressPrefix: ['10.2.13.0/25'], nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ['10.3.129.70'] }];
        const files = { 'vm1.effective-routes.json': azJson(rows) };
        expect(summary(await verifyTexts(topology(''), files))).toEqual([]);
        expect(summary(await verifyTexts(topology(', nextHopIps: [10.3.129.70]'), files))).toEqual([]);
        expect(summary(await verifyTexts(topology(', nextHopIps: [10.3.129.71]'), files))).toEqual(['verify-route-different vm1 10.2.13.0/25']);
    });
});

describe('malformed inputs: file and line, nothing skipped', () => {
    const fails = async (files: Record<string, string>, topology = ECMP_TOPOLOGY): Promise<string> => {
        try {
            await verifyTexts(topology, files);
        } catch (e) {
            if (e instanceof ActualInputError) return e.message;
            throw e;
        }
        throw new Error('no error');
    };

    it('malformed JSON names the line', async () => {
        expect(await fails({ 'vm1.effective-routes.json': '{"value": [\n  {"source": "Default",\n   "state": "Active",,\n  }\n]}' }))
            .toBe('vm1.effective-routes.json:3: malformed JSON: Expected double-quoted property name');
        expect(await fails({ 'vm1.effective-routes.json': '{"value": [\n  {"source": "Default"}\n' }))
            .toBe('vm1.effective-routes.json:3: malformed JSON: Expected \',\' or \']\' after array element');
        expect(await fails({ 'rs1.nva1.learned-routes.json': '{"RouteServiceRole_IN_0": [\n {"network": tru}\n]}' }))
            .toBe('rs1.nva1.learned-routes.json:2: malformed JSON: Unexpected token \'}\'');
    });

    it('a JSON entry without a field names its line', async () => {
        expect(await fails({ 'vm1.effective-routes.json': azJson([SYSTEM_ROWS[0], { source: 'Default', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet' }]) }))
            .toBe('vm1.effective-routes.json:13: the route entry has no "state" string');
        expect(await fails({ 'vm1.effective-routes.json': azJson([{ ...SYSTEM_ROWS[0], addressPrefix: ['10.1.0.0/33'] }]) }))
            .toBe('vm1.effective-routes.json:4: \'10.1.0.0/33\' is not an address prefix');
        expect(await fails({ 'vm1.effective-routes.json': '{"routes": []}' }))
            .toBe('vm1.effective-routes.json:1: expected the output of az network nic show-effective-route-table -o json: an object with a "value" array');
    });

    it('a table with an unexpected column, a misaligned row or text after it', async () => {
        expect(await fails({ 'vm1.effective-routes.txt': 'Source   State   Prefix       Metric\n-------  ------  -----------  ------\nDefault  Active  10.1.0.0/16  1\n' }))
            .toBe('vm1.effective-routes.txt:1: unexpected column \'Metric\' (expected Source, State, Address Prefix, Next Hop Type, Next Hop IP)');
        expect(await fails({ 'vm1.effective-routes.txt': 'Source   State\n-------  ------\nDefault  Active\n' }))
            .toBe('vm1.effective-routes.txt:1: the table has no addressPrefix column (expected Source, State, Address Prefix, Next Hop Type, Next Hop IP)');
        expect(await fails({ 'vm1.effective-routes.txt': 'Source   State   Prefix       NextHopType\n-------  ------  -----------  -----------\nDefault  Active  10.1.0.0/16  VnetLocal\n\nGateway: x\n' }))
            .toBe('vm1.effective-routes.txt:5: text after the table\'s rows: one table per file');
        expect(await fails({ 'vm1.effective-routes.txt': 'Source   State   Prefix       NextHopType\n-------  ------  -----------  -----------\nDefault  Active  10.1.0.0/16XXVnetLocal\n' }))
            .toBe('vm1.effective-routes.txt:3: the row does not line up with the columns (at column 31)');
        expect(await fails({ 'vm1.effective-routes.txt': 'just some text\n' }))
            .toBe('vm1.effective-routes.txt:1: not an az table: expected a header line and a line of dashes under it (az … -o table), or JSON (-o json)');
    });

    it('unknown file names and elements the topology lacks', async () => {
        expect(await fails({ 'vm1.routes.json': '{}' })).toMatch(/^vm1\.routes\.json: unknown file name \(expected <vm>\.effective-routes\.json/);
        expect(await fails({ 'vm9.effective-routes.json': azJson(SYSTEM_ROWS) })).toBe('vm9.effective-routes.json: no VM or NVA named \'vm9\' in the topology');
        expect(await fails({ 'rs1.effective-routes.json': azJson(SYSTEM_ROWS) })).toBe('rs1.effective-routes.json: \'rs1\' is a routeServer, not a VM or NVA');
        expect(await fails({ 'rs1.vm1.learned-routes.json': '{"RouteServiceRole_IN_0": []}' })).toBe('rs1.vm1.learned-routes.json: \'vm1\' is a vm, not an NVA');
        expect(await fails({ 'rs1.nva1.learned-routes.json': '{"RouteServiceRole_IN_0": [], "Other": []}' })).toBe('rs1.nva1.learned-routes.json:1: unexpected key "Other" (expected RouteServiceRole_IN_0, RouteServiceRole_IN_1)');
        expect(await fails({ 'rs1.nva1.learned-routes.json': '{"RouteServiceRole_IN_0": [{"network": "10.50.0.0/16", "asPath": "65001-x"}]}' }))
            .toBe('rs1.nva1.learned-routes.json:1: the AS path \'65001-x\' holds \'x\', which is not an ASN');
    });
});

describe('route server lists', () => {
    const learned = (entries: string) => `{\n "RouteServiceRole_IN_0": [${entries}],\n "RouteServiceRole_IN_1": [${entries}],\n "value": null\n}`;
    const entry = (network: string, asPath: string, nextHop: string) => `\n  {"localAddress": "10.1.0.4", "network": "${network}", "nextHop": "${nextHop}", "sourcePeer": "${nextHop}", "origin": "EBgp", "asPath": "${asPath}", "weight": 32768}`;

    it('learned routes: both instances merged; a route on one side only is missing or extra', async () => {
        const agree = await verifyTexts(ECMP_TOPOLOGY, { 'rs1.nva1.learned-routes.json': learned(entry('10.50.0.0/16', '65001', '10.1.1.4')) });
        expect(summary(agree)).toEqual([]);
        expect(agree.matched).toBe(1);
        const differ = await verifyTexts(ECMP_TOPOLOGY, { 'rs1.nva1.learned-routes.json': learned(entry('10.60.0.0/16', '65001', '10.1.1.4')) });
        expect(summary(differ)).toEqual(['verify-learned-missing rs1/nva1 10.60.0.0/16', 'verify-learned-extra rs1/nva1 10.50.0.0/16']);
        expect(differ.differences[0].message).toBe('Azure: rs1 learned from nva1 10.60.0.0/16 (AS path 65001, next hop 10.1.1.4); azrs does not: NVA nva1 neither advertises 10.60.0.0/16 nor relays it from another session');
    });

    it('advertised routes: what the route server sent the NVA, AS path 65515', async () => {
        const sent = (network: string) => `{"RouteServiceRole_IN_0": [{"localAddress": "10.1.0.4", "network": "${network}", "nextHop": "10.1.0.4", "origin": "Igp", "asPath": "65515", "weight": 0}], "value": null}`;
        const rs = await verifyTexts(ECMP_TOPOLOGY, { 'rs1.nva1.advertised-routes.json': sent('10.1.0.0/16') });
        expect(summary(rs)).toEqual([]);
        const other = await verifyTexts(ECMP_TOPOLOGY, { 'rs1.nva1.advertised-routes.json': sent('10.9.0.0/16') });
        expect(summary(other)).toEqual(['verify-learned-missing rs1/nva1 10.9.0.0/16', 'verify-learned-extra rs1/nva1 10.1.0.0/16']);
        expect(other.differences[1].message).toBe('azrs: rs1 advertised to nva1 10.1.0.0/16 (AS path 65515, next hop 10.1.0.4), Azure\'s list does not (azrs: advertised by route server rs1 to NVA nva1 over bgp:nva1<->rs1, originated by route server rs1)');
    });
});

describe('NVA NICs (v2)', () => {
    const TOPOLOGY = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet untrust { prefix: 10.1.1.0/24 }
  subnet trust { prefix: 10.1.2.0/24, routeTable: rt-trust }
  nva fw1 {
    nic untrust { ip: 10.1.1.4 }
    nic trust   { ip: 10.1.2.4 }
  }
}
routeTable rt-trust {
  route blackhole { prefix: 10.9.0.0/16, nextHopType: None }
}
`;
    const trustRows = azJson([...SYSTEM_ROWS, { source: 'User', state: 'Active', addressPrefix: ['10.9.0.0/16'], nextHopType: 'None', nextHopIpAddress: [] }]);

    it('fw1.trust.effective-routes.json and fw1/trust.effective-routes.json are the NIC fw1/trust; fw1.effective-routes.json its first NIC', async () => {
        const dotted = await verifyTexts(TOPOLOGY, { 'fw1.trust.effective-routes.json': trustRows, 'fw1.effective-routes.json': azJson(SYSTEM_ROWS) });
        expect(dotted.elements.map(e => `${e.element}:${e.matched}:${e.differences.length}`)).toEqual(['fw1:6:0', 'fw1/trust:7:0']);
        const dir = mkdtempSync(join(tmpdir(), 'azrs-verify-nic-'));
        mkdirSync(join(dir, 'fw1'));
        writeFileSync(join(dir, 'fw1', 'trust.effective-routes.json'), trustRows);
        const checked = await check(TOPOLOGY);
        const folder = verifyTopology(checked.topology, checked.routing, readActualFolder(dir));
        expect(folder.elements.map(e => `${e.file} ${e.element}:${e.matched}:${e.differences.length}`)).toEqual(['fw1/trust.effective-routes.json fw1/trust:7:0']);
        // The untrust NIC's subnet has no route table: the trust table there shows a user route azrs lacks.
        const swapped = await verifyTexts(TOPOLOGY, { 'fw1.untrust.effective-routes.json': trustRows });
        expect(summary(swapped)).toEqual(['verify-route-missing fw1/untrust 10.9.0.0/16']);
        expect(swapped.differences[0].explanation).toBe('subnet hub1/untrust has no route table');
    });

    it('a NIC the NVA lacks is an error naming its NICs', async () => {
        const checked = await check(TOPOLOGY);
        expect(() => verifyTopology(checked.topology, checked.routing, readActualTexts(new Map([['fw1.dmz.effective-routes.json', trustRows]]))))
            .toThrow("fw1.dmz.effective-routes.json: NVA 'fw1' has no NIC 'dmz' (it has: untrust, trust)");
    });
});
