import type { ArmResource, ImportLog } from './resources.js';
import { asArray, ImportError, isObject, toResource } from './resources.js';
import type { TfResource } from './azurerm-map.js';
import { mapTerraformResource, syntheticId } from './azurerm-map.js';

/** The input formats of `azrs import --from` (docs/language.md §5 v2). */
export type ImportFormat = 'arm' | 'cli' | 'graph' | 'tfstate' | 'hcl';

/** Guesses a JSON document's format: a template, a Terraform state or plan, Resource Graph rows, or `az` output. */
export function detectJsonFormat(json: unknown): ImportFormat | 'parameters' | undefined {
    if (isObject(json)) {
        const schema = typeof json.$schema === 'string' ? json.$schema.toLowerCase() : '';
        if (schema.includes('deploymentparameters')) return 'parameters';
        if (schema.includes('deploymenttemplate') || (Array.isArray(json.resources) && ('parameters' in json || 'variables' in json)) || (isObject(json.resources) && 'languageVersion' in json)) return 'arm';
        if ('format_version' in json && ('values' in json || 'planned_values' in json)) return 'tfstate';
        if (Array.isArray(json.data) && ('count' in json || 'total_records' in json || 'skip_token' in json || 'totalRecords' in json)) return 'graph';
        if (Array.isArray(json.value) || (typeof json.type === 'string' && typeof json.id === 'string')) return 'cli';
        return undefined;
    }
    if (Array.isArray(json)) {
        const first = json.find(isObject);
        if (!first) return 'cli';
        return typeof first.type === 'string' && first.type === first.type.toLowerCase() && first.type.includes('/') ? 'graph' : 'cli';
    }
    return undefined;
}

/**
 * `az … list -o json` output (one list, or several concatenated into one array), a single `show`
 * object, REST `{value: [...]}` or Resource Graph rows (`{data: [...]}` or a plain array, types
 * lower-cased). Each object needs `id` and `type`; `properties` may be flattened.
 */
export function loadAzureObjects(file: string, json: unknown, log: ImportLog): ArmResource[] {
    const rows: unknown[] = Array.isArray(json) ? json.flatMap(x => (Array.isArray(x) ? x : [x]))
        : isObject(json) && Array.isArray(json.data) ? json.data
        : isObject(json) && Array.isArray(json.value) ? json.value
        : [json];
    const base = Array.isArray(json) ? '$' : isObject(json) && Array.isArray(json.data) ? '$.data' : isObject(json) && Array.isArray(json.value) ? '$.value' : '$';
    const out: ArmResource[] = [];
    rows.forEach((row, i) => {
        const where = rows.length === 1 && base === '$' && !Array.isArray(json) ? '$' : `${base}[${i}]`;
        if (!isObject(row)) throw new ImportError(file, where, 'expected an Azure resource object with "id" and "type"');
        const r = toResource(row, file, where);
        if (!r) {
            if (typeof row.id === 'string') log.skip(row.id, 'unknown', 'no "type"');
            else throw new ImportError(file, where, 'expected an Azure resource object with "id" and "type"');
            return;
        }
        out.push(r);
    });
    return out;
}

interface StateModule { resources?: unknown; child_modules?: unknown; address?: string }

/** `terraform show -json` of a state or a plan: the root module and every child module. */
export function loadTerraformState(file: string, json: Record<string, unknown>, log: ImportLog): ArmResource[] {
    const values = isObject(json.values) ? json.values : isObject(json.planned_values) ? json.planned_values : undefined;
    if (!values || !isObject(values.root_module)) throw new ImportError(file, '$.values.root_module', 'a Terraform state or plan needs values.root_module (run terraform show -json)');
    const out: ArmResource[] = [];
    const walk = (m: StateModule, where: string) => {
        asArray(m.resources).forEach((r, i) => {
            if (!isObject(r)) return;
            if (r.mode === 'data') return;
            const type = String(r.type ?? '');
            const address = String(r.address ?? `${where}.resources[${i}]`);
            if (!isObject(r.values)) { log.skip(address, type, 'no values in the state'); return; }
            const tf: TfResource = { type, address, values: r.values, file };
            out.push(...mapTerraformResource(tf, syntheticId, log));
        });
        asArray(m.child_modules).forEach((c, i) => { if (isObject(c)) walk(c as StateModule, `${where}.child_modules[${i}]`); });
    };
    walk(values.root_module as StateModule, '$.values.root_module');
    return out;
}
