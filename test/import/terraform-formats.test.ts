import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAndFormat } from '../../language-server/src/import/import-files.js';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;

describe('azrs import: Terraform', () => {
    it('a plan (terraform show -json of a plan file) is read from planned_values', async () => {
        const state = JSON.parse(readFileSync(`${FIXTURES}udr-routing-example/tfstate.json`, 'utf8'));
        const plan = { format_version: '1.2', terraform_version: '1.9.8', planned_values: state.values, resource_changes: [] };
        const f = join(mkdtempSync(join(tmpdir(), 'azrs-plan-')), 'plan.json');
        writeFileSync(f, JSON.stringify(plan));
        const r = await importAndFormat([f], {});
        expect(r.report.inputs).toEqual([{ file: f, format: 'tfstate' }]);
        expect([...r.files.keys()]).toEqual(['Virtual-network-1.azrs', 'Virtual-network-2.azrs', 'sites-and-sessions.azrs']);
    });

    it('HCL: literals, var defaults and references between resources are used; other expressions are reported, never guessed', async () => {
        const r = await importAndFormat([`${FIXTURES}hcl-literal`], {});
        expect(r.report.inputs).toEqual([{ file: `${FIXTURES}hcl-literal/main.tf`, format: 'hcl' }]);
        const text = r.files.get('lab-hub.azrs')!;
        expect(text).toMatch(/vnet lab-hub \{\n {2}addressSpace: \[10\.1\.0\.0\/16\]\n/);
        expect(text).toMatch(/subnet workload \{ prefix: 10\.1\.3\.0\/24, routeTable: rt-workload \}/);
        expect(text).toMatch(/vm app \{ ip: 10\.1\.3\.10 \}/);
        expect(text).toMatch(/routeTable rt-workload \{\n {2}disableBgpRoutePropagation: true\n[\s\S]*route blackhole \{ prefix: 10\.99\.0\.0\/16, nextHopType: None \}\n\}/);
        expect(text).not.toMatch(/route default/);
        expect(r.report.unresolved).toContainEqual(expect.objectContaining({ path: 'azurerm_route_table.workload.route[0].next_hop_in_ip_address', expression: '${cidrhost("10.1.2.0/24", 4)}' }));
        expect(r.report.unresolved).toContainEqual(expect.objectContaining({ path: 'azurerm_resource_group.net.location', expression: '${var.location}' }));
        expect(r.report.skipped).toContainEqual(expect.objectContaining({ id: expect.stringMatching(/routeTables\/rt-workload\/routes\/default$/), reason: 'VirtualAppliance route without a known nextHopIpAddress' }));
    });
});
