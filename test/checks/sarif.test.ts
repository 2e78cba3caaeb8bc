import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgram } from '../../language-server/src/cli/main.js';
import { artifactUri, toSarif, type SarifInputDiagnostic } from '../../language-server/src/cli/sarif.js';
import { RULES, RULES_DOC_URL } from '../../language-server/src/validation/issue-codes.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/**
 * The parts of the SARIF 2.1.0 schema that code-scanning consumers rely on: the required
 * properties of sarifLog, run, tool, toolComponent, reportingDescriptor, result, message,
 * location and region, and the cross-references between results and rules.
 */
function validateSarif(log: Json): string[] {
    const problems: string[] = [];
    const need = (cond: boolean, what: string) => { if (!cond) problems.push(what); };
    need(log.$schema === 'https://json.schemastore.org/sarif-2.1.0.json', '$schema');
    need(log.version === '2.1.0', 'version');
    need(Array.isArray(log.runs) && log.runs.length === 1, 'runs');
    const run = log.runs?.[0];
    const driver = run?.tool?.driver;
    need(driver?.name === 'azrs', 'tool.driver.name');
    need(typeof driver?.informationUri === 'string' && /^https:\/\//.test(driver.informationUri), 'informationUri');
    need(Array.isArray(driver?.rules), 'rules');
    const ids = new Set<string>();
    for (const [i, rule] of (driver?.rules ?? []).entries()) {
        need(typeof rule.id === 'string' && rule.id.length > 0, `rules[${i}].id`);
        need(!ids.has(rule.id), `rules[${i}].id unique`);
        ids.add(rule.id);
        need(typeof rule.shortDescription?.text === 'string' && rule.shortDescription.text.length > 0, `rules[${i}].shortDescription`);
        need(['error', 'warning', 'note'].includes(rule.defaultConfiguration?.level), `rules[${i}].defaultConfiguration.level`);
        if (rule.helpUri !== undefined) need(/^https:\/\//.test(rule.helpUri), `rules[${i}].helpUri`);
    }
    for (const [i, result] of (run?.results ?? []).entries()) {
        const at = `results[${i}]`;
        need(typeof result.message?.text === 'string', `${at}.message.text`);
        need(['error', 'warning', 'note', 'none'].includes(result.level), `${at}.level`);
        need(Number.isInteger(result.ruleIndex) && driver.rules[result.ruleIndex]?.id === result.ruleId, `${at}.ruleIndex -> ruleId`);
        const loc = result.locations?.[0]?.physicalLocation;
        const uri: unknown = loc?.artifactLocation?.uri;
        need(typeof uri === 'string' && !uri.includes('\\') && !/\s/.test(uri), `${at}.artifactLocation.uri`);
        const r = loc?.region ?? {};
        need([r.startLine, r.startColumn, r.endLine, r.endColumn].every(n => Number.isInteger(n) && n >= 1), `${at}.region 1-based`);
        need(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn), `${at}.region end >= start`);
    }
    return problems;
}

const D = (code: string, severity: SarifInputDiagnostic['severity'], file = 'samples/a.azrs'): SarifInputDiagnostic =>
    ({ file, line: 12, column: 3, endLine: 12, endColumn: 20, severity, code, message: `a ${code}` });

describe('toSarif', () => {
    it('lists the whole rule catalogue with doc links and default levels', () => {
        const log: Json = toSarif([], '0.1.0');
        expect(validateSarif(log)).toEqual([]);
        const rules = log.runs[0].tool.driver.rules;
        expect(rules.map((r: Json) => r.id)).toEqual(RULES.map(r => r.code));
        expect(rules.find((r: Json) => r.id === 'missing-as-override')).toMatchObject({
            name: 'MissingAsOverride',
            shortDescription: { text: 'Routes relayed to a route server carry 65515 and are dropped without as-override' },
            helpUri: `${RULES_DOC_URL}#missing-as-override`,
            defaultConfiguration: { level: 'warning' }
        });
        expect(rules.find((r: Json) => r.id === 'bgp-propagation-disabled').defaultConfiguration.level).toBe('note');
        expect(rules.find((r: Json) => r.id === 'reserved-asn').defaultConfiguration.level).toBe('error');
        expect(log.runs[0].tool.driver.version).toBe('0.1.0');
        expect(log.runs[0].results).toEqual([]);
    });

    it('maps each diagnostic to a result with its rule index, level, message and region', () => {
        const log: Json = toSarif([D('missing-as-override', 'warning'), D('branch-to-branch-disabled', 'info'), D('reserved-asn', 'error', 'dir\\sub\\b.azrs')], '0.1.0');
        expect(validateSarif(log)).toEqual([]);
        const [warning, info, error] = log.runs[0].results;
        expect(warning).toEqual({
            ruleId: 'missing-as-override',
            ruleIndex: RULES.findIndex(r => r.code === 'missing-as-override'),
            level: 'warning',
            message: { text: 'a missing-as-override' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'samples/a.azrs' }, region: { startLine: 12, startColumn: 3, endLine: 12, endColumn: 20 } } }]
        });
        expect(info.level).toBe('note');
        expect(error.level).toBe('error');
        expect(error.locations[0].physicalLocation.artifactLocation.uri).toBe('dir/sub/b.azrs');
        expect(log.runs[0].artifacts).toEqual([{ location: { uri: 'samples/a.azrs' } }, { location: { uri: 'dir/sub/b.azrs' } }]);
    });

    it('appends a rule for codes outside the catalogue, with a consistent index', () => {
        const log: Json = toSarif([D('linking-error', 'error'), D('duplicate-name', 'error'), D('linking-error', 'error'), D('parsing-error', 'error')], '0.1.0');
        expect(validateSarif(log)).toEqual([]);
        const rules = log.runs[0].tool.driver.rules;
        expect(rules).toHaveLength(RULES.length + 2);
        expect(log.runs[0].results.map((r: Json) => r.ruleIndex)).toEqual([RULES.length, 0, RULES.length, RULES.length + 1]);
    });

    it('keeps regions valid for empty ranges and encodes paths as URI references', () => {
        const log: Json = toSarif([{ ...D('parsing-error', 'error', './my models/a b.azrs'), line: 4, column: 1, endLine: 4, endColumn: 1 }], '0.1.0');
        expect(validateSarif(log)).toEqual([]);
        expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: 'my%20models/a%20b.azrs' }, region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 }
        });
        expect(artifactUri('C:\\work\\a.azrs')).toBe('file:///C:/work/a.azrs');
        expect(artifactUri('/abs/a.azrs')).toBe('file:///abs/a.azrs');
    });
});

describe('azrs check --format sarif', () => {
    let dir: string | undefined;
    afterEach(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
        dir = undefined;
        process.exitCode = undefined;
    });

    it('prints a valid log of the diagnostics of a folder', async () => {
        dir = mkdtempSync(join(tmpdir(), 'azrs-sarif-'));
        mkdirSync(join(dir, 'net'));
        writeFileSync(join(dir, 'net', 'hub.azrs'), `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/28 }
  nva fw1 { ip: 10.1.2.4, asn: 65516 }
}
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1
`);
        let out = '';
        const program = createProgram({ out: s => { out += s; }, err: () => undefined, isTTY: false });
        const cwd = process.cwd();
        process.chdir(dir);
        try {
            await program.parseAsync(['node', 'azrs', 'check', '--format', 'sarif', 'net']);
        } finally {
            process.chdir(cwd);
        }
        const log: Json = JSON.parse(out);
        expect(validateSarif(log)).toEqual([]);
        expect(log.runs[0].results.map((r: Json) => `${r.ruleId}/${r.level}@${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`)).toEqual([
            'route-server-subnet-too-small/error@net/hub.azrs:3',
            'reserved-asn/warning@net/hub.azrs:4',
            'peering-not-connected/warning@net/hub.azrs:7'
        ]);
        expect(process.exitCode).toBe(1);
    });
});
