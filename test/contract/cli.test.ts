import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.js';

const WARN = `vnet a { addressSpace: [10.1.0.0/16]
  vm v { ip: 10.1.0.4 } }
peering a -> b
`;
const B = `vnet b { addressSpace: [10.2.0.0/16] }\n`;
const ERR = `vnet a { addressSpace: [10.1.0.1/16]\n  vm v { ip: 10.1.0.4 } }\n`;
const CLEAN = `vnet a { addressSpace: [10.1.0.0/16]\n  subnet w { prefix: 10.1.0.0/24 }\n  vm v { ip: 10.1.0.4 } }\n`;

describe('azrs check', () => {
    it('exit 0 when clean, JSON {"diagnostics": []}', () => {
        const r = run({ 'a.azrs': CLEAN }, ['check', 'a.azrs', '--format', 'json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [] });
    });
    it('exit 0 with warnings only, 1 with an error', () => {
        expect(run({ 'a.azrs': WARN, 'b.azrs': B }, ['check', 'a.azrs', 'b.azrs']).code).toBe(0);
        expect(run({ 'a.azrs': ERR }, ['check', 'a.azrs']).code).toBe(1);
    });
    it('exit 0 with info only', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  subnet nva { prefix: 10.1.2.0/24 }
  nva fw { ip: 10.1.2.4, asn: 65001 } }
bgp fw <-> rs
`;
        const r = run({ 'a.azrs': t }, ['check', 'a.azrs', '--format', 'json']);
        expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.severity)).toEqual(['info']);
        expect(r.code).toBe(0);
    });
    it('JSON key order and 1-based positions; file as given on the command line', () => {
        const r = run({ 'net/a.azrs': WARN, 'net/b.azrs': B }, ['check', './net/a.azrs', 'net/b.azrs', '--format', 'json']);
        const obj = JSON.parse(r.stdout);
        expect(Object.keys(obj)).toEqual(['diagnostics']);
        const d = obj.diagnostics[0];
        expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
        expect(d.file).toBe('./net/a.azrs');
        expect(d.line).toBe(3);
        expect(d.column).toBe(1);
        expect(d.code).toBe('peering-not-connected');
        expect(r.stderr).not.toContain('{');
    });
    it('folder walking: file = folder joined with the path below it', () => {
        const r = run({ 'net/sub/a.azrs': WARN, 'net/b.azrs': B, 'net/readme.txt': 'not azrs' }, ['check', 'net', '--format', 'json']);
        const d = JSON.parse(r.stdout).diagnostics;
        expect(d.length).toBe(1);
        expect(d[0].file).toBe(join('net', 'sub', 'a.azrs'));
        expect(r.code).toBe(0);
    });
    it('absolute path stays absolute', () => {
        const r0 = run({ 'a.azrs': WARN, 'b.azrs': B }, ['check', 'a.azrs', 'b.azrs']);
        const abs = join(r0.dir, 'a.azrs');
        const r = run({ 'b.azrs': B }, ['check', abs, 'b.azrs', '--format', 'json']);
        expect(JSON.parse(r.stdout).diagnostics[0].file).toBe(abs);
    });
    it('files given together are one topology (cross-file references)', () => {
        const r = run({ 'a.azrs': WARN, 'b.azrs': B + 'peering b -> a\n' }, ['check', 'a.azrs', 'b.azrs', '--format', 'json']);
        expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    });
    it('text format goes to stdout and names file:line:col, severity and code', () => {
        const r = run({ 'a.azrs': WARN, 'b.azrs': B }, ['check', 'a.azrs', 'b.azrs']);
        expect(r.stdout).toContain('a.azrs:3:1');
        expect(r.stdout).toContain('warning');
        expect(r.stdout).toContain('peering-not-connected');
    });
    it('sarif: version 2.1.0, ruleId, level, uri and region', () => {
        const r = run({ 'a.azrs': WARN, 'b.azrs': B }, ['check', 'a.azrs', 'b.azrs', '--format', 'sarif']);
        const s = JSON.parse(r.stdout);
        expect(s.version).toBe('2.1.0');
        const res = s.runs[0].results;
        expect(res.length).toBe(1);
        expect(res[0].ruleId).toBe('peering-not-connected');
        expect(res[0].level).toBe('warning');
        expect(res[0].locations[0].physicalLocation.artifactLocation.uri).toBe('a.azrs');
        expect(res[0].locations[0].physicalLocation.region.startLine).toBe(3);
        expect(res[0].locations[0].physicalLocation.region.startColumn).toBe(1);
    });
    it('sarif: info maps to note', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }\n`;
        const r = run({ 'a.azrs': t }, ['check', 'a.azrs', '--format', 'sarif']);
        expect(JSON.parse(r.stdout).runs[0].results).toEqual([]);
    });
    it('exit 2: missing file, unknown format, unknown command, bad --routes-per-peer; message on stderr, nothing on stdout', () => {
        for (const args of [['check', 'missing.azrs'], ['check', 'a.azrs', '--format', 'xml'], ['frobnicate'], ['check', 'a.azrs', '--routes-per-peer', 'x']]) {
            const r = run({ 'a.azrs': CLEAN }, args);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stdout, args.join(' ')).toBe('');
            expect(r.stderr.length).toBeGreaterThan(0);
        }
    });
    it('a syntax error is an error diagnostic (exit 1)', () => {
        const r = run({ 'a.azrs': 'vnet a { addressSpace: [10.1.0.0/16]\n' }, ['check', 'a.azrs', '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).diagnostics[0].severity).toBe('error');
    });
    it('an unresolved reference is an error (exit 1)', () => {
        const r = run({ 'a.azrs': 'vnet a { addressSpace: [10.1.0.0/16] }\npeering a -> nowhere\n' }, ['check', 'a.azrs', '--format', 'json']);
        expect(r.code).toBe(1);
    });
    it('// azrs-disable-next-line suppresses a finding', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }\nvnet b { addressSpace: [10.2.0.0/16] }\n// azrs-disable-next-line peering-not-connected\npeering a -> b\n`;
        const r = run({ 'a.azrs': t }, ['check', 'a.azrs', '--format', 'json']);
        expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    });
    it('output is deterministic byte for byte', () => {
        const a = run({ 'a.azrs': WARN, 'b.azrs': B }, ['check', 'a.azrs', 'b.azrs', '--format', 'json']);
        const b = run({ 'a.azrs': WARN, 'b.azrs': B }, ['check', 'a.azrs', 'b.azrs', '--format', 'json']);
        expect(a.stdout).toBe(b.stdout);
    });
});

describe('azrs routes', () => {
    it('json shape and key order', () => {
        const r = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', '--vm', 'v', '--format', 'json']);
        expect(r.code).toBe(0);
        const o = JSON.parse(r.stdout);
        expect(Object.keys(o)).toEqual(['value']);
        expect(Object.keys(o.value[0])).toEqual(['source', 'state', 'addressPrefix', 'nextHopType', 'nextHopIpAddress', 'name', 'disableBgpRoutePropagation']);
        expect(o.value[0]).toEqual({ source: 'Default', state: 'Active', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddress: [], name: null, disableBgpRoutePropagation: false });
    });
    it('--subnet VNET/SUBNET gives the same table as a VM in it', () => {
        const a = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', '--vm', 'v', '--format', 'json']);
        const b = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', '--subnet', 'a/w', '--format', 'json']);
        expect(b.code).toBe(0);
        expect(b.stdout).toBe(a.stdout);
    });
    it('table format (default) has the portal columns', () => {
        const r = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', '--vm', 'v']);
        expect(r.code).toBe(0);
        const header = r.stdout.split('\n')[0];
        for (const col of ['Source', 'State', 'Address', 'Next hop type', 'Next hop IP']) expect(header.toLowerCase()).toContain(col.toLowerCase());
        expect(r.stdout).toContain('VnetLocal');
    });
    it('--to prints only the longest-prefix match (table and json)', () => {
        const r = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', '--vm', 'v', '--to', '10.9.9.9', '--format', 'json']);
        expect(JSON.parse(r.stdout).value.map((x: any) => x.addressPrefix[0])).toEqual(['10.0.0.0/8']);
        const t = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', '--vm', 'v', '--to', '10.1.200.1']);
        expect(t.stdout).toContain('10.1.0.0/16');
        expect(t.stdout).not.toContain('0.0.0.0/0');
    });
    it('exit 2: unknown VM, unknown subnet, neither/both selectors, bad --to, bad format', () => {
        for (const args of [
            ['--vm', 'nope'], ['--subnet', 'a/nope'], ['--subnet', 'zz/w'], [], ['--vm', 'v', '--subnet', 'a/w'],
            ['--vm', 'v', '--to', '10.1.2'], ['--vm', 'v', '--format', 'sarif'],
        ]) {
            const r = run({ 'a.azrs': CLEAN }, ['routes', 'a.azrs', ...args]);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stdout, args.join(' ')).toBe('');
        }
    });
    it('a topology with an error: routes still printed (stdout), exit 1, message on stderr', () => {
        const r = run({ 'a.azrs': ERR }, ['routes', 'a.azrs', '--vm', 'v', '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).value.length).toBeGreaterThan(0);
        expect(r.stderr.length).toBeGreaterThan(0);
    });
    it('--vm on an NVA: either its routes (an NVA is a VM) or exit 2 with a clear message [ambiguous]', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  nva fw { ip: 10.1.0.4, asn: 65001 } }\n`;
        const r = run({ 'a.azrs': t }, ['routes', 'a.azrs', '--vm', 'fw', '--format', 'json']);
        if (r.code === 0) expect(JSON.parse(r.stdout).value.length).toBeGreaterThan(0);
        else { expect(r.code).toBe(2); expect(r.stderr).toMatch(/fw/); }
    });
});

describe('azrs diagram', () => {
    it('writes an SVG naming the nodes; exit 0', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
hub hub1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway ergw1 { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  subnet nva { prefix: 10.1.2.0/24 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [172.20.0.0/16] } }
spoke spoke1 { addressSpace: [10.10.0.0/16]
  vm web1 { ip: 10.10.1.4 } }
peering spoke1 -> hub1 { useRemoteGateways: true, allowForwardedTraffic: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
bgp fw1 <-> rs1
`;
        const r = run({ 'a.azrs': t }, ['diagram', 'a.azrs', '-o', 'out.svg']);
        expect(r.code).toBe(0);
        const svg = readFileSync(join(r.dir, 'out.svg'), 'utf8');
        expect(svg).toMatch(/<svg[\s>]/);
        for (const n of ['hub1', 'spoke1', 'rs1', 'ergw1', 'fw1', 'web1', 'dc1']) expect(svg).toContain(n);
        const p = run({ 'a.azrs': t }, ['diagram', 'a.azrs', '-o', 'p.svg', '--prefix', '172.20.0.0/16']);
        expect(p.code).toBe(0);
        const psvg = readFileSync(join(p.dir, 'p.svg'), 'utf8');
        expect(psvg).toContain('172.20.0.0/16');
    });
    it('missing -o is a usage error (2); bad --prefix is 2', () => {
        expect(run({ 'a.azrs': CLEAN }, ['diagram', 'a.azrs']).code).toBe(2);
        const r = run({ 'a.azrs': CLEAN }, ['diagram', 'a.azrs', '-o', 'x.svg', '--prefix', '10.1.0.0/40']);
        expect(r.code).toBe(2);
        expect(existsSync(join(r.dir, 'x.svg'))).toBe(false);
    });
});
