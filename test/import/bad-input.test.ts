import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azrs } from '../cli/cli-run.js';

/**
 * Bad input: a clear message naming the file and the place inside it, exit 2, and no output
 * folder written (docs/language.md §5 v2; issue 14).
 */
const dir = mkdtempSync(join(tmpdir(), 'azrs-import-bad-'));
const TEMPLATE = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": {}, ';

function write(name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
}

function importFails(args: string[], message: RegExp): void {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const r = azrs(['import', ...args, '-o', out]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
    expect(existsSync(out), 'no output folder').toBe(false);
    expect(r.stdout).toBe('');
}

describe('azrs import: bad input', () => {
    it('a file that is not JSON: file, line and column', () => {
        const f = write('broken.json', '[\n  {"id": "/x", "type": "Microsoft.Network/virtualNetworks",}\n]\n');
        importFails([f], new RegExp(`^azrs: ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: line 2, column \\d+: not JSON`));
    });

    it('a template with an unknown function: the JSON path and the function', () => {
        const f = write('unknown-fn.json', `${TEMPLATE}"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[frobnicate('v')]", "properties": {}}]}`);
        importFails([f], /unknown-fn\.json: \$\.resources\[0\]\.name: unknown template function 'frobnicate' in \[frobnicate\('v'\)\]/);
    });

    it('a reference to a resource the template does not have', () => {
        const f = write('missing-ref.json', `${TEMPLATE}"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v1", "location": "westeurope",
            "properties": {"addressSpace": {"addressPrefixes": ["[reference(resourceId('Microsoft.Network/virtualNetworks', 'nope')).addressSpace.addressPrefixes[0]]"]}}}]}`);
        importFails([f], /missing-ref\.json: reference\('\/subscriptions\/[^']*\/virtualNetworks\/nope'\): the template has no such resource/);
    });

    it('an undeclared parameter or variable, and a syntax error in an expression', () => {
        const p = write('undeclared.json', `${TEMPLATE}"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('vnetName')]", "properties": {}}]}`);
        importFails([p], /undeclared\.json: \$\.parameters: parameters\('vnetName'\) is not declared/);
        const s = write('syntax.json', `${TEMPLATE}"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[concat('a', ]", "properties": {}}]}`);
        importFails([s], /syntax\.json: \$\.resources\[0\]\.name: expected a function call at character \d+/);
    });

    it('a JSON file of no known format, a missing file, and an overlay with an unknown property', () => {
        importFails([write('other.json', '{"hello": "world"}')], /other\.json: \$: cannot tell the format .* give --from/);
        importFails([join(dir, 'nope.json')], /nope\.json: no such file or directory/);
        const ok = write('ok.json', '[{"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "name": "v", "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}]');
        importFails([ok, '--overlay', write('overlay.yaml', 'fw1:\n  advertise: [0.0.0.0/0]\n')], /overlay\.yaml: \$\.fw1\.advertise: unknown overlay property/);
    });

    it('a good input writes the files and exits 0', () => {
        const ok = write('good.json', '[{"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "name": "v", "location": "West Europe", "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}]');
        const out = join(dir, 'good-out');
        const r = azrs(['import', ok, '-o', out, '--report', join(dir, 'good-report.json')]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(`${join(out, 'v.azrs')}\n`);
        expect(r.stderr).toMatch(/1 resources read, 1 mapped, 0 skipped/);
        expect(existsSync(join(dir, 'good-report.json'))).toBe(true);
    });
});
