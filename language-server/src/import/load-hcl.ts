import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArmResource, ImportLog } from './resources.js';
import { ImportError, isObject } from './resources.js';
import type { TfResource } from './azurerm-map.js';
import { mapTerraformResource, syntheticId } from './azurerm-map.js';

const WHOLE_REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(id|name)\}$/;
const INTERPOLATION = /\$\{([^}]*)\}/g;

/**
 * Best effort on Terraform configuration (`.tf`), read through @cdktn/hcl2json: literal values,
 * `var.x` with a literal default, and `${type.label.id}` / `${type.label.name}` references between
 * resources of the same folder. Every other expression (functions, locals, module outputs,
 * `count`/`for_each`) is reported as unresolved; modules are not expanded (import
 * `terraform show -json` for those).
 */
export async function loadHclFolder(files: readonly string[], log: ImportLog): Promise<ArmResource[]> {
    const { parse } = await import('@cdktn/hcl2json');
    const blocks: Array<{ file: string; json: Record<string, unknown> }> = [];
    for (const file of files) {
        let text: string;
        try { text = fs.readFileSync(file, 'utf8'); } catch (e) { throw new ImportError(file, '', `cannot read: ${(e as Error).message}`); }
        let json: unknown;
        try { json = await parse(path.basename(file), text); } catch (e) { throw new ImportError(file, '', `not valid HCL: ${String((e as Error).message ?? e).split('\n')[0]}`); }
        if (isObject(json)) blocks.push({ file, json });
    }
    const vars = new Map<string, unknown>();
    const resources: Array<TfResource & { label: string }> = [];
    for (const { file, json } of blocks) {
        if (isObject(json.variable)) {
            for (const [k, v] of Object.entries(json.variable)) {
                const decl = Array.isArray(v) ? v[0] : v;
                if (isObject(decl) && 'default' in decl) vars.set(k, decl.default);
            }
        }
        if (isObject(json.module)) {
            for (const k of Object.keys(json.module)) log.skip(`module.${k}`, 'module', 'Terraform modules are not expanded from configuration; import the state (terraform show -json)');
        }
        if (!isObject(json.resource)) continue;
        for (const [type, byLabel] of Object.entries(json.resource)) {
            if (!isObject(byLabel)) continue;
            for (const [label, list] of Object.entries(byLabel)) {
                const values = Array.isArray(list) ? list[0] : list;
                if (!isObject(values)) continue;
                const address = `${type}.${label}`;
                if ('count' in values || 'for_each' in values) {
                    log.unresolvedExpression(file, address, String(values.count ?? values.for_each), 'count/for_each is not expanded from configuration; one instance imported');
                }
                resources.push({ type, address, values, file, label });
            }
        }
    }
    const byAddress = new Map(resources.map(r => [r.address, r]));
    const names = new Map<string, string>();
    const resolving = new Set<string>();
    const nameOf = (address: string): string | undefined => {
        if (names.has(address)) return names.get(address);
        const r = byAddress.get(address);
        if (!r || resolving.has(address)) return undefined;
        resolving.add(address);
        const n = resolveString(r.values.name, address);
        resolving.delete(address);
        const name = typeof n === 'string' ? n : r.label;
        if (typeof n !== 'string') log.unresolvedExpression(r.file, `${address}.name`, String(r.values.name ?? ''), 'the name is not a literal; the Terraform label is used');
        names.set(address, name);
        return name;
    };
    const idOfAddress = new Map<string, string>();
    const idOf = (address: string): string | undefined => {
        if (idOfAddress.has(address)) return idOfAddress.get(address);
        const r = byAddress.get(address);
        if (!r) return undefined;
        const mapped = mapTerraformResource({ ...r, values: { ...resolveShallow(r.values, address), id: undefined } }, syntheticId, { skip() {}, unresolvedExpression() {} } as unknown as ImportLog);
        const id = mapped[0]?.id;
        if (id) idOfAddress.set(address, id);
        return id;
    };
    function resolveString(v: unknown, _where: string): unknown {
        if (typeof v !== 'string' || !v.includes('${')) return v;
        const whole = WHOLE_REF.exec(v);
        if (whole) {
            const address = `${whole[1]}.${whole[2]}`;
            if (whole[1] === 'var') return vars.get(whole[2]);
            return whole[3] === 'id' ? idOf(address) : nameOf(address);
        }
        let ok = true;
        const text = v.replace(INTERPOLATION, (_m, inner: string) => {
            const m = /^var\.([A-Za-z0-9_-]+)$/.exec(inner.trim());
            if (m && vars.has(m[1]) && typeof vars.get(m[1]) !== 'object') return String(vars.get(m[1]));
            const r = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.name$/.exec(inner.trim());
            if (r) { const n = nameOf(`${r[1]}.${r[2]}`); if (n !== undefined) return n; }
            ok = false;
            return _m;
        });
        if (v.startsWith('${var.') && v.endsWith('}') && !v.slice(2).includes('${')) {
            const m = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(v);
            if (m && vars.has(m[1])) return vars.get(m[1]);
        }
        return ok ? text : undefined;
    }
    function resolveShallow(values: Record<string, unknown>, address: string): Record<string, unknown> {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(values)) {
            if (k === 'name') { o[k] = nameOf(address); continue; }
            if (typeof v === 'string') { const r = resolveString(v, address); if (r !== undefined) o[k] = r; }
            else o[k] = v;
        }
        return o;
    }
    const out: ArmResource[] = [];
    const deep = (v: unknown, where: string, file: string): unknown => {
        if (typeof v === 'string') {
            const r = resolveString(v, where);
            if (r === undefined) log.unresolvedExpression(file, where, v, 'not a literal, a var with a default or a resource reference');
            return r;
        }
        if (Array.isArray(v)) return v.map((x, i) => deep(x, `${where}[${i}]`, file)).filter(x => x !== undefined);
        if (isObject(v)) {
            const o: Record<string, unknown> = {};
            for (const [k, x] of Object.entries(v)) {
                if (k === 'name' && where.split('.').length === 2) { o[k] = nameOf(where); continue; }
                const r = deep(x, `${where}.${k}`, file);
                if (r !== undefined) o[k] = r;
            }
            return o;
        }
        return v;
    };
    for (const r of resources) {
        const values = deep(r.values, r.address, r.file) as Record<string, unknown>;
        const mapped = mapTerraformResource({ type: r.type, address: r.address, values: { ...values, id: idOf(r.address) }, file: r.file }, syntheticId, log);
        out.push(...mapped);
    }
    return out;
}
