import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAndFormat } from '../../language-server/src/import/import-files.js';
import { toAzJson } from '../../language-server/src/routing/index.js';
import { buildWorkspace } from '../helpers.js';

/**
 * The round trip of issue 14: for each sample, an ARM export and a Terraform state written by hand
 * to describe the same network (test/fixtures/import/<sample>/), plus an overlay for what no
 * export holds, import to a topology whose effective routes (`azrs routes --format json`) equal
 * the hand-written sample's for every VM and NVA, with the same diagnostics.
 */
const SAMPLES = ['default-route-injection', 'dual-homed-er', 'dual-homed-er-broken', 'dual-homed-vpn', 'udr-routing-example'];
const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const SAMPLE_DIR = new URL('../../samples/', import.meta.url);

async function analyse(texts: string[]) {
    const { services, diagnostics } = await buildWorkspace(texts);
    const { built, routing } = services.Azrs.analysis.WorkspaceAnalysis.get();
    const routesOf = new Map<string, unknown>();
    for (const el of built.topology.byName.values()) {
        if (el.kind === 'vm' || el.kind === 'nva') routesOf.set(el.name, toAzJson(routing.effectiveRoutes(el.subnet)));
    }
    const findings = diagnostics.flat().filter(d => d.code !== 'import-gap').map(d => `${d.code}: ${String(d.message).replace(/\b(Hub|Spoke|VNet) '/, "'")}`).sort();
    return { routesOf, findings };
}

describe('azrs import round trip: samples as ARM exports, Terraform states, az output and Resource Graph rows', () => {
    it('has an ARM export and a Terraform state for every sample', () => {
        for (const sample of SAMPLES) expect(readdirSync(new URL(`${sample}/`, FIXTURES)), sample).toEqual(expect.arrayContaining(['arm-export.json', 'tfstate.json']));
    });

    for (const sample of SAMPLES) {
        const dir = new URL(`${sample}/`, FIXTURES);
        const overlay = readdirSync(dir).includes('overlay.yaml') ? new URL('overlay.yaml', dir).pathname : undefined;
        const sampleText = readFileSync(new URL(`${sample}/${sample}.azrs`, SAMPLE_DIR), 'utf8');
        const inputs = readdirSync(dir).filter(f => f !== 'overlay.yaml');
        for (const input of inputs) {
            it(`${sample}/${input}: every VM and NVA has the sample's effective routes`, async () => {
                const imported = await importAndFormat([new URL(input, dir).pathname], { overlay });
                const got = await analyse([...imported.files.values()]);
                const want = await analyse([sampleText]);
                expect([...got.routesOf.keys()].sort()).toEqual([...want.routesOf.keys()].sort());
                for (const [name, routes] of want.routesOf) expect(got.routesOf.get(name), name).toEqual(routes);
                expect(got.findings).toEqual(want.findings);
                expect(imported.report.gaps).toEqual([]);
            }, 30_000);
        }
    }
});
