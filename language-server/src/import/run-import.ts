import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployTemplate, readParametersFile } from './arm-template.js';
import { classify } from './classify.js';
import type { Mapping } from './classify.js';
import { loadHclFolder } from './load-hcl.js';
import type { ImportFormat } from './load-json.js';
import { detectJsonFormat, loadAzureObjects, loadTerraformState } from './load-json.js';
import { applyOverlay, readOverlay } from './overlay.js';
import type { ArmResource } from './resources.js';
import { ImportError, ImportLog, isObject } from './resources.js';
import type { ImportedModel } from './imported-model.js';
import { writeAzrs } from './write-azrs.js';

export interface ImportOptions {
    readonly from?: 'auto' | ImportFormat;
    readonly parameters?: string;
    readonly overlay?: string;
    /** Write language v2 constructs (firewall, nic blocks, nextHopIps, VNet-to-VNet). */
    readonly v2: boolean;
}

/** The JSON report of `azrs import --report`. */
export interface ImportReport {
    inputs: Array<{ file: string; format: ImportFormat }>;
    resourcesRead: number;
    byType: Record<string, number>;
    mapped: Mapping[];
    skipped: Array<{ id: string; type: string; reason: string }>;
    unresolved: Array<{ file: string; path: string; expression: string; reason: string }>;
    gaps: Array<{ element: string; what: string }>;
    notes: string[];
    files: string[];
}

export interface ImportResult {
    /** Unformatted `.azrs` text by file name. */
    readonly files: Map<string, string>;
    readonly report: ImportReport;
    readonly model: ImportedModel;
}

/**
 * `azrs import`: reads every input into ARM resources, classifies them, applies the overlay and
 * writes `.azrs` text (unformatted; the caller formats). Throws {@link ImportError} for bad input.
 */
export async function runImport(inputs: readonly string[], opts: ImportOptions): Promise<ImportResult> {
    const log = new ImportLog();
    const resources: ArmResource[] = [];
    const report: ImportReport = { inputs: [], resourcesRead: 0, byType: {}, mapped: [], skipped: log.skipped, unresolved: log.unresolved, gaps: [], notes: log.notes, files: [] };
    const explicitParams = opts.parameters ? readParametersFile(opts.parameters, readJson(opts.parameters)) : undefined;
    const { jsonFiles, tfFolders } = expandInputs(inputs, opts, log);
    for (const { file, explicit } of jsonFiles) {
        const json = readJson(file);
        let format = opts.from && opts.from !== 'auto' ? opts.from : detectJsonFormat(json);
        if (format === 'parameters') {
            if (explicit && !opts.parameters) log.notes.push(`${file}: a parameters file; used for the template next to it`);
            continue;
        }
        if (format === 'hcl') throw new ImportError(file, '', '--from hcl reads .tf files, not JSON');
        if (!format) {
            if (explicit) throw new ImportError(file, '$', 'cannot tell the format (an ARM template, az/Resource Graph output or terraform show -json)', 'give --from');
            log.notes.push(`${file}: not an import format; ignored`);
            continue;
        }
        report.inputs.push({ file, format });
        if (format === 'arm') {
            if (!isObject(json)) throw new ImportError(file, '$', 'an ARM template must be a JSON object');
            const params = explicitParams ?? findParameters(file);
            resources.push(...deployTemplate(file, json, params, log));
        } else if (format === 'tfstate') {
            if (!isObject(json)) throw new ImportError(file, '$', 'a Terraform state must be a JSON object');
            resources.push(...loadTerraformState(file, json, log));
        } else {
            resources.push(...loadAzureObjects(file, json, log));
        }
    }
    for (const folder of tfFolders) {
        for (const f of folder) report.inputs.push({ file: f, format: 'hcl' });
        resources.push(...await loadHclFolder(folder, log));
    }
    if (report.inputs.length === 0) throw new ImportError(inputs.join(', '), '', 'no importable input found (ARM or az JSON, terraform show -json, or .tf files)');
    report.resourcesRead = resources.length;
    for (const r of resources) report.byType[r.type] = (report.byType[r.type] ?? 0) + 1;
    const { model, mapped } = classify(resources, log);
    report.mapped = mapped;
    if (opts.overlay) log.notes.push(...applyOverlay(model, readOverlay(opts.overlay), opts.overlay));
    for (const v of model.vnets) for (const n of v.nvas) if (n.asn !== undefined && n.advertises === undefined) report.gaps.push({ element: n.name, what: 'advertises' });
    for (const s of model.sites) if (s.gap) report.gaps.push({ element: s.name, what: s.gap });
    const files = writeAzrs(model, { v2: opts.v2 });
    report.files = [...files.keys()];
    return { files, report, model };
}

function readJson(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (e) {
        throw new ImportError(file, '', `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    try {
        return parseConcatenated(text.replace(/^\uFEFF/, ''));
    } catch (e) {
        const m = /position (\d+)/.exec((e as Error).message);
        const where = m ? lineCol(text, Number(m[1])) : '';
        throw new ImportError(file, where, `not JSON: ${(e as Error).message}`);
    }
}

/**
 * JSON, or several JSON documents one after the other (`az network vnet list >> all.json; az
 * network nic list >> all.json`): those come back as one array of their items.
 */
function parseConcatenated(text: string): unknown {
    const docs: unknown[] = [];
    let rest = text;
    let offset = 0;
    for (;;) {
        try {
            docs.push(JSON.parse(rest));
            break;
        } catch (e) {
            const m = /after JSON at position (\d+)/.exec((e as Error).message);
            if (!m) {
                const p = /position (\d+)/.exec((e as Error).message);
                throw new SyntaxError(p ? (e as Error).message.replace(/position \d+/, `position ${Number(p[1]) + offset}`) : `${(e as Error).message} at position ${offset}`);
            }
            const at = Number(m[1]);
            docs.push(JSON.parse(rest.slice(0, at)));
            rest = rest.slice(at);
            offset += at;
        }
    }
    return docs.length === 1 ? docs[0] : docs.flatMap(d => (Array.isArray(d) ? d : [d]));
}

function lineCol(text: string, offset: number): string {
    const before = text.slice(0, offset).split('\n');
    return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** `X.parameters.json` or `azuredeploy.parameters.json` next to a template. */
function findParameters(template: string): Record<string, unknown> {
    const dir = path.dirname(template);
    const base = path.basename(template, '.json');
    for (const c of [`${base}.parameters.json`, 'azuredeploy.parameters.json']) {
        const p = path.join(dir, c);
        if (p !== template && fs.existsSync(p)) {
            const json = readJson(p);
            if (detectJsonFormat(json) === 'parameters') return readParametersFile(p, json);
        }
    }
    return {};
}

function expandInputs(inputs: readonly string[], opts: ImportOptions, log: ImportLog): { jsonFiles: Array<{ file: string; explicit: boolean }>; tfFolders: string[][] } {
    const jsonFiles: Array<{ file: string; explicit: boolean }> = [];
    const tf = new Map<string, string[]>();
    const addTf = (f: string) => { const d = path.dirname(f); tf.set(d, [...(tf.get(d) ?? []), f]); };
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (e.name.startsWith('.') || e.name === 'node_modules') continue;
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith('.json') && !/^(bicepconfig|package|package-lock|tsconfig)\.json$/.test(e.name)) jsonFiles.push({ file: p, explicit: false });
            else if (e.name.endsWith('.tf')) addTf(p);
            else if (e.name.endsWith('.bicep')) log.notes.push(`${p}: Bicep is read as ARM JSON: run az bicep build --file ${e.name} and import the .json`);
        }
    };
    for (const input of inputs) {
        let stat: fs.Stats;
        try { stat = fs.statSync(input); } catch { throw new ImportError(input, '', 'no such file or directory'); }
        if (stat.isDirectory()) walk(input);
        else if (input.endsWith('.tf') || opts.from === 'hcl') addTf(input);
        else if (input.endsWith('.bicep')) throw new ImportError(input, '', 'Bicep is read as ARM JSON: run az bicep build and import the .json');
        else jsonFiles.push({ file: input, explicit: true });
    }
    if (opts.from === 'hcl') return { jsonFiles: [], tfFolders: [...tf.values()] };
    return { jsonFiles, tfFolders: opts.from && opts.from !== 'auto' ? [] : [...tf.values()] };
}
