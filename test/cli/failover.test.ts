import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'azrs-failover-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('azrs failover', () => {
    it('the seed design: a data centre reached through one hub only is cut off when that hub, its NVA or its circuit fails', () => {
        const r = azrs(['failover', 'samples/dual-homed-er']);
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe('6 failures tried; nva1 down cuts 2 VMs off a site prefix; nva2 down cuts 2 VMs off a site prefix; '
            + 'ergw1->dc1 down cuts 2 VMs off a site prefix; ergw2->dc2 down cuts 2 VMs off a site prefix; '
            + 'hub1 down cuts 2 VMs off a site prefix; hub2 down cuts 2 VMs off a site prefix');
        expect(r.stdout).toMatch(/Route servers and gateways are not tried alone: Azure runs each as a redundant pair of instances/);
        expect(lines).toContainEqual(expect.stringMatching(/^ergw1->dc1\s+connection\s+0\s+2\s+0\s+0\s+2 VMs lose 10\.2\.13\.0\/25$/));
        // Why: the route each VM used before the failure went through what failed.
        expect(r.stdout).toContain('ergw1->dc1 (connection) down:\n'
            + '  hub1-vm loses every route to 10.2.13.0/25 (before the failure: via ergw1)\n'
            + '  app-vm loses every route to 10.2.13.0/25 (before the failure: via nva1, learned by rs0)\n');
        expect(r.stdout).toContain('nva1 (nva) down:\n'
            + '  hub1-vm loses every route to 10.2.20.0/25 (before the failure: via nva1, learned by rs1)\n'
            + '  app-vm loses every route to 10.2.13.0/25 (before the failure: via nva1, learned by rs0)\n');
    });

    it('prints the contract JSON: one entry per failure tried, failures that break nothing included', () => {
        const r = azrs(['failover', 'samples/dual-homed-er-broken', '--format', 'json']);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout);
        expect(Object.keys(json)).toEqual(['tried', 'failures']);
        expect(json.tried).toBe(6);
        expect(json.failures.map((f: { failure: string; kind: string }) => `${f.failure}:${f.kind}`))
            .toEqual(['nva1:nva', 'nva2:nva', 'ergw1->dc1:connection', 'ergw2->dc2:connection', 'hub1:hub', 'hub2:hub']);
        expect(Object.keys(json.failures[0])).toEqual(['failure', 'kind', 'brokenIntents', 'lostRoutes', 'asymmetric', 'loops']);
        expect(json.failures[2]).toEqual({ failure: 'ergw1->dc1', kind: 'connection', brokenIntents: [],
            lostRoutes: [{ element: 'hub1-vm', prefixes: ['10.2.13.0/25'] }], asymmetric: [], loops: [] });
        // The spoke never had dc1's route (missing-as-override): it cannot lose it.
        expect(json.failures[0].lostRoutes).toEqual([]);
    });

    it('--all-components tries route servers and gateways alone and says why they are not tried by default', () => {
        const r = azrs(['failover', 'samples/dual-homed-er', '--all-components', '--format', 'json']);
        const json = JSON.parse(r.stdout);
        expect(json.tried).toBe(11);
        expect(json.failures.slice(6).map((f: { failure: string; kind: string }) => `${f.failure}:${f.kind}`))
            .toEqual(['rs1:routeServer', 'rs2:routeServer', 'rs0:routeServer', 'ergw1:gateway', 'ergw2:gateway']);
        // rs0 is the spoke's own route server: without it the spoke learns no on-premises route, and
        // hub1 no longer hears dc2 (which reached it through nva2 -> rs0 -> nva1).
        expect(json.failures[8].lostRoutes).toEqual([
            { element: 'hub1-vm', prefixes: ['10.2.20.0/25'] },
            { element: 'app-vm', prefixes: ['10.2.13.0/25', '10.2.20.0/25'] }
        ]);
        const text = azrs(['failover', 'samples/dual-homed-er', '--all-components']);
        expect(text.stdout).toMatch(/Route servers and gateways are tried alone too \(--all-components\), although Azure runs each as a redundant pair of instances/);
    });

    it('markdown: a headline, a table with a row per failure, then the details', () => {
        const r = azrs(['failover', 'samples/udr-routing-example', '--format', 'markdown']);
        expect(r.stdout.split('\n')[0]).toBe('### azrs failover: 2 failures tried; vpngw->on-premises down cuts 1 VM off a site prefix');
        expect(r.stdout).toContain('| `vpngw->on-premises` | connection | 0 | 1 | 0 | 0 | 1 VM loses 10.10.0.0/16 |');
        expect(r.stdout).toContain('#### `vpngw->on-premises` (connection) down\n\n- `vm2` loses every route to `10.10.0.0/16` (before the failure: via vpngw)');
    });

    it('never changes the files it reads', () => {
        const file = path.join(tmp, 'seed.azrs');
        const text = readFileSync('samples/dual-homed-er/dual-homed-er.azrs', 'utf8');
        writeFileSync(file, text);
        expect(azrs(['failover', file, '--all-components']).code).toBe(0);
        expect(readFileSync(file, 'utf8')).toBe(text);
    });

    it('exits 1 when an intent breaks under a single failure, and names it in the headline', () => {
        const file = path.join(tmp, 'seed-intents.azrs');
        writeFileSync(file, readFileSync('samples/dual-homed-er/dual-homed-er.azrs', 'utf8') + '\nintent app-to-dc1 { from: app-vm, to: dc1 }\n');
        const r = azrs(['failover', file]);
        expect(r.code).toBe(1);
        expect(r.stdout.split('\n')[0]).toBe('6 failures tried; nva1 down breaks 1 intent; ergw1->dc1 down breaks 1 intent; hub1 down breaks 1 intent; '
            + 'nva2 down cuts 2 VMs off a site prefix; ergw2->dc2 down cuts 2 VMs off a site prefix; hub2 down cuts 2 VMs off a site prefix');
        expect(JSON.parse(azrs(['failover', file, '--format', 'json']).stdout).failures[0].brokenIntents).toEqual(['app-to-dc1']);
        const good = azrs(['failover', 'samples/dual-homed-er-intents']);
        expect(good.code).toBe(0);
        expect(good.stdout.split('\n')[0]).toBe('8 failures tried; every single failure is survived');
    });

    it('azrs diagram --failure draws the topology under one failure: the failed NVA down', () => {
        const out = path.join(tmp, 'nva1-down.svg');
        const r = azrs(['diagram', 'samples/dual-homed-er', '-o', out, '--failure', 'nva1']);
        expect(r.code).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('NVA nva1 (down)');
        expect(azrs(['diagram', 'samples/dual-homed-er', '-o', out]).code).toBe(0);
        expect(readFileSync(out, 'utf8')).not.toContain('(down)');
        const bad = azrs(['diagram', 'samples/dual-homed-er', '-o', out, '--failure', 'nva9']);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/--failure: no failure named 'nva9' \(azrs failover --all-components lists them: nva1, nva2, ergw1->dc1, /);
    });

    it('a topology with nothing to fail says so', () => {
        const file = path.join(tmp, 'spoke-only.azrs');
        writeFileSync(file, 'spoke s1 {\n  addressSpace: [10.1.0.0/16]\n  vm v1 { ip: 10.1.0.4 }\n}\n');
        const r = azrs(['failover', file]);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[0]).toBe('0 failures tried: no NVA, firewall, gateway connection or hub to fail');
        expect(JSON.parse(azrs(['failover', file, '--format', 'json']).stdout)).toEqual({ tried: 0, failures: [] });
    });

    it('exits 2 with a message for a missing path and a bad format', () => {
        const missing = azrs(['failover', 'samples/nope']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/cannot read 'samples\/nope': no such file or directory/);
        const format = azrs(['failover', 'samples/dual-homed-er', '--format', 'yaml']);
        expect(format.code).toBe(2);
        expect(format.stderr).toMatch(/Allowed choices are text, json, markdown/);
    });
});
