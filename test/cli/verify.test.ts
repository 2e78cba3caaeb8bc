import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';

/** `azrs verify` as a user runs it (docs/language.md §5): output, JSON shape and exit codes 0/1/2. */

const TOPOLOGY = `vnet app {
  addressSpace: [10.1.0.0/16]
  subnet web { prefix: 10.1.0.0/24, routeTable: rt-web }
  vm vm1 { ip: 10.1.0.4 }
}
routeTable rt-web {
  route default { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: 10.1.2.4 }
}
`;
const ROWS = (nextHop: string) => JSON.stringify({
    nextLink: null,
    value: [
        { source: 'Default', state: 'Active', addressPrefix: ['10.1.0.0/16'], nextHopType: 'VnetLocal', nextHopIpAddress: [] },
        { source: 'Default', state: 'Invalid', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddress: [] },
        { source: 'User', state: 'Active', addressPrefix: ['0.0.0.0/0'], nextHopType: 'VirtualAppliance', nextHopIpAddress: [nextHop] },
        { source: 'Default', state: 'Active', addressPrefix: ['10.1.7.4/32'], nextHopType: 'InterfaceEndpoint', nextHopIpAddress: [] }
    ]
}, null, 2);

function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'azrs-verify-'));
    writeFileSync(join(dir, 'app.azrs'), TOPOLOGY);
    mkdirSync(join(dir, 'azure-state'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'azure-state', name), text);
    return dir;
}

describe('azrs verify', () => {
    it('exits 0 and says so when every compared row agrees; not-modelled rows are counted', () => {
        const dir = workspace({ 'vm1.effective-routes.json': ROWS('10.1.2.4') });
        const r = azrs(['verify', join(dir, 'app.azrs'), '--actual', join(dir, 'azure-state')]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toBe([
            `vm1 effective routes (${join(dir, 'azure-state', 'vm1.effective-routes.json')}): matches Azure; 3 matched, 1 not modelled`,
            '  not modelled: a private endpoint (InterfaceEndpoint) route: 10.1.7.4/32',
            '1 file compared: 3 rows match, 0 differences, 1 not modelled (not compared; --strict compares them)',
            ''
        ].join('\n'));
    });

    it('exits 1 on a difference; --format json is docs/language.md §5\'s shape', () => {
        const dir = workspace({ 'vm1.effective-routes.json': ROWS('10.1.2.5') });
        const actual = join(dir, 'azure-state');
        const r = azrs(['verify', dir, '--actual', actual, '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout)).toEqual({
            compared: 1, matched: 2, notModelled: 1,
            differences: [{
                code: 'verify-route-different', file: join(actual, 'vm1.effective-routes.json'), element: 'vm1', addressPrefix: '0.0.0.0/0',
                azure: { source: 'User', state: 'Active', nextHopType: 'VirtualAppliance', nextHopIpAddress: ['10.1.2.5'] },
                azrs: { source: 'User', state: 'Active', nextHopType: 'VirtualAppliance', nextHopIpAddress: ['10.1.2.4'] },
                explanation: "user route 'default' of route table rt-web"
            }]
        });
    });

    it('text output names Azure\'s file and line; --strict compares the private endpoint row too', () => {
        const dir = workspace({ 'vm1.effective-routes.json': ROWS('10.1.2.4') });
        const actual = join(dir, 'azure-state');
        const r = azrs(['verify', dir, '--actual', actual, '--strict']);
        expect(r.code).toBe(1);
        expect(r.stdout.split('\n')[1]).toBe(`  ${join(actual, 'vm1.effective-routes.json')}:33: verify-route-missing: Azure has 10.1.7.4/32 (Default, Active, next hop InterfaceEndpoint) on vm1, azrs does not: no range of VNet app (10.1.0.0/16) or of a VNet with a Connected peering to it is 10.1.7.4/32, and it is not one of the system None ranges azrs shows here`);
    });

    it('--format sarif: one result per difference, at Azure\'s file and line', () => {
        const dir = workspace({ 'vm1.effective-routes.json': ROWS('10.1.2.5') });
        const r = azrs(['verify', dir, '--actual', join(dir, 'azure-state'), '--format', 'sarif']);
        expect(r.code).toBe(1);
        const results = JSON.parse(r.stdout).runs[0].results;
        expect(results.map((x: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
            [x.ruleId, x.locations[0].physicalLocation.region.startLine])).toEqual([['verify-route-different', 22]]);
    });

    it('exits 2 with file and line for malformed JSON, unknown names and elements, and a missing folder', () => {
        const bad = workspace({ 'vm1.effective-routes.json': '{"value": [\n  {"source": "Default",\n' });
        const r1 = azrs(['verify', bad, '--actual', join(bad, 'azure-state')]);
        expect(r1.code).toBe(2);
        expect(r1.stdout).toBe('');
        expect(r1.stderr).toBe(`azrs: ${join(bad, 'azure-state', 'vm1.effective-routes.json')}:3: malformed JSON: Expected double-quoted property name\n`);

        const unknown = workspace({ 'vm1.json': '{}' });
        const r2 = azrs(['verify', unknown, '--actual', join(unknown, 'azure-state')]);
        expect(r2.code).toBe(2);
        expect(r2.stderr).toMatch(/^azrs: .*azure-state\/vm1\.json: unknown file name \(expected <vm>\.effective-routes\.json\|\.txt/);

        const noVm = workspace({ 'vm2.effective-routes.json': ROWS('10.1.2.4') });
        const r3 = azrs(['verify', noVm, '--actual', join(noVm, 'azure-state')]);
        expect(r3.code).toBe(2);
        expect(r3.stderr).toBe(`azrs: ${join(noVm, 'azure-state', 'vm2.effective-routes.json')}: no VM or NVA named 'vm2' in the topology\n`);

        const r4 = azrs(['verify', noVm, '--actual', join(noVm, 'nowhere')]);
        expect(r4.code).toBe(2);
        expect(r4.stderr).toBe(`azrs: ${join(noVm, 'nowhere')}: cannot read the folder: no such folder\n`);

        const r5 = azrs(['verify', noVm]);
        expect(r5.code).toBe(2);
        expect(r5.stderr).toMatch(/required option '--actual <dir>' not specified/);
    });

    it('the REST example\'s learned routes agree with the topology written for them', () => {
        const r = azrs(['verify', 'test/fixtures/verify/rest-api-example', '--actual', 'test/fixtures/verify/rest-api-example/azure-state']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('virtualRouter1/peer1 learned routes (test/fixtures/verify/rest-api-example/azure-state/virtualRouter1.peer1.learned-routes.json): matches Azure; 1 matched');
        expect(r.stdout).toContain('ignored (not Azure outputs): SOURCE.md');
    });
});
