import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, ExpressionSyntaxError, isExpression, NotEvaluable, parseExpression, UnknownFunction } from './arm-expression.js';
import type { EvalScope, Expr } from './arm-expression.js';
import type { ArmResource, ImportLog } from './resources.js';
import { idKey, ImportError, isObject } from './resources.js';

/**
 * Deploys an ARM template on paper: parameters (from a parameters file, else their defaults),
 * variables (copy loops included), resource and property copy loops, conditions, child
 * resources, nested inline deployments (inner and outer expression scope) and linked templates
 * found by relative path. `reference()` reads the properties of a resource of the same deployment
 * (or a nested deployment's outputs). What cannot be evaluated is logged with its JSON path and
 * left out; an unknown function, a syntax error or a reference to a resource the deployment does
 * not have is an {@link ImportError}.
 */
export function deployTemplate(file: string, template: Record<string, unknown>, parameterValues: Record<string, unknown>, log: ImportLog): ArmResource[] {
    const out: ArmResource[] = [];
    new Deployment(file, template, parameterValues, log, { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'rg', location: 'westeurope' }, out, 0).run();
    return out;
}

/** Reads `{ "parameters": { "x": { "value": … } } }` (a deployment parameters file) into values. */
export function readParametersFile(file: string, json: unknown): Record<string, unknown> {
    const params = isObject(json) && isObject(json.parameters) ? json.parameters : undefined;
    if (!params) throw new ImportError(file, '$.parameters', 'not a deployment parameters file (no "parameters" object)');
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) {
        if (isObject(v) && 'value' in v) values[k] = v.value;
        else if (isObject(v) && 'reference' in v) values[k] = undefined;
    }
    return values;
}

interface Place { subscriptionId: string; resourceGroupName: string; location: string }

interface Instance {
    raw: Record<string, unknown>;
    jsonPath: string;
    type: string;
    name: string;
    id: string;
    copy: Map<string, number>;
    symbolic?: string;
    props?: Record<string, unknown>;
    evaluating?: boolean;
    deployment?: Deployment;
}

const MAX_DEPTH = 8;

class Deployment {
    private readonly paramCache = new Map<string, unknown>();
    private readonly varCache = new Map<string, unknown>();
    private readonly instances: Instance[] = [];
    private readonly byKey = new Map<string, Instance>();
    private readonly params: Record<string, unknown>;
    private readonly vars: Record<string, unknown>;

    constructor(
        private readonly file: string,
        private readonly template: Record<string, unknown>,
        private readonly given: Record<string, unknown>,
        private readonly log: ImportLog,
        private readonly place: Place,
        private readonly out: ArmResource[],
        private readonly depth: number,
        private readonly basePath = '$',
        /** Outer-scope nested templates evaluate with the parent's parameters and variables. */
        private readonly outer?: Deployment
    ) {
        this.params = isObject(template.parameters) ? template.parameters : {};
        this.vars = isObject(template.variables) ? template.variables : {};
    }

    run(): void {
        this.collect(this.template.resources, `${this.basePath}.resources`, undefined);
        for (const inst of this.instances) this.emit(inst);
    }

    outputs(): Record<string, unknown> {
        const outputs = isObject(this.template.outputs) ? this.template.outputs : {};
        const result: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(outputs)) {
            if (!isObject(v)) continue;
            result[k] = { value: this.tryValue(v.value, `${this.basePath}.outputs.${k}.value`) };
        }
        return result;
    }

    private scope(copy: Map<string, number>): EvalScope {
        if (this.outer) return this.outer.scope(copy);
        return {
            parameter: n => this.parameter(n),
            variable: n => this.variable(n),
            copyIndex: loop => {
                if (loop !== undefined) {
                    const hit = [...copy.entries()].find(([k]) => k.toLowerCase() === loop.toLowerCase());
                    if (hit) return hit[1];
                    throw new NotEvaluable(`copyIndex('${loop}') outside that copy loop`);
                }
                const last = [...copy.values()].pop();
                if (last === undefined) throw new NotEvaluable('copyIndex() outside a copy loop');
                return last;
            },
            reference: (target, full) => this.reference(target, full),
            ...this.place
        };
    }

    private parameter(name: string): unknown {
        const key = Object.keys(this.params).find(k => k.toLowerCase() === name.toLowerCase());
        if (key === undefined) throw new ImportError(this.file, `${this.basePath}.parameters`, `parameters('${name}') is not declared`);
        if (this.paramCache.has(key)) return this.paramCache.get(key);
        let value: unknown;
        const givenKey = Object.keys(this.given).find(k => k.toLowerCase() === key.toLowerCase());
        if (givenKey !== undefined) value = this.given[givenKey];
        else {
            const decl = this.params[key];
            if (isObject(decl) && 'defaultValue' in decl) value = this.value(decl.defaultValue, `${this.basePath}.parameters.${key}.defaultValue`, new Map());
            else throw new NotEvaluable(`parameter '${key}' has no value (give --parameters FILE)`);
        }
        this.paramCache.set(key, value);
        return value;
    }

    private variable(name: string): unknown {
        const key = Object.keys(this.vars).find(k => k.toLowerCase() === name.toLowerCase() && k !== 'copy');
        if (key === undefined) {
            // Variables declared by a copy loop: `"copy": [{ "name": "x", "count": …, "input": … }]`.
            const loops = Array.isArray(this.vars.copy) ? this.vars.copy.filter(isObject) : [];
            const loop = loops.find(l => String(l.name).toLowerCase() === name.toLowerCase());
            if (loop) {
                const cacheKey = `copy:${String(loop.name)}`;
                if (this.varCache.has(cacheKey)) return this.varCache.get(cacheKey);
                const jsonPath = `${this.basePath}.variables.copy[${loops.indexOf(loop)}]`;
                const count = Number(this.value(loop.count, `${jsonPath}.count`, new Map()));
                const value = Array.from({ length: count }, (_, i) => this.value(loop.input, `${jsonPath}.input`, new Map([[String(loop.name), i]])));
                this.varCache.set(cacheKey, value);
                return value;
            }
            throw new ImportError(this.file, `${this.basePath}.variables`, `variables('${name}') is not declared`);
        }
        if (this.varCache.has(key)) return this.varCache.get(key);
        const value = this.value(this.vars[key], `${this.basePath}.variables.${key}`, new Map());
        this.varCache.set(key, value);
        return value;
    }

    /** Evaluates a JSON value: expressions in strings, property copy loops in objects. */
    value(v: unknown, jsonPath: string, copy: Map<string, number>): unknown {
        if (typeof v === 'string') {
            if (v.startsWith('[[')) return v.slice(1);
            if (!isExpression(v)) return v;
            let expr: Expr;
            try {
                expr = parseExpression(v);
            } catch (e) {
                throw new ImportError(this.file, jsonPath, (e as Error).message);
            }
            try {
                return evaluate(expr, this.scope(copy));
            } catch (e) {
                if (e instanceof UnknownFunction) throw new ImportError(this.file, jsonPath, `${e.message} in ${v}`);
                if (e instanceof ExpressionSyntaxError) throw new ImportError(this.file, jsonPath, e.message);
                throw e;
            }
        }
        if (Array.isArray(v)) return v.map((x, i) => this.value(x, `${jsonPath}[${i}]`, copy));
        if (isObject(v)) {
            const o: Record<string, unknown> = {};
            for (const [k, x] of Object.entries(v)) {
                if (k === 'copy' && Array.isArray(x)) {
                    x.forEach((loop, li) => {
                        if (!isObject(loop)) return;
                        const loopName = String(loop.name);
                        const count = Number(this.value(loop.count, `${jsonPath}.copy[${li}].count`, copy));
                        o[loopName] = Array.from({ length: count }, (_, i) => this.value(loop.input, `${jsonPath}.copy[${li}].input`, new Map([...copy, [loopName, i]])));
                    });
                    continue;
                }
                o[k] = this.value(x, `${jsonPath}.${k}`, copy);
            }
            return o;
        }
        return v;
    }

    /** Like {@link value}, but a runtime-only value is logged and left out instead of thrown. */
    private tryValue(v: unknown, jsonPath: string, copy = new Map<string, number>()): unknown {
        try {
            return this.value(v, jsonPath, copy);
        } catch (e) {
            if (e instanceof NotEvaluable) {
                this.log.unresolvedExpression(this.file, jsonPath, typeof v === 'string' ? v : JSON.stringify(v).slice(0, 200), e.message);
                return undefined;
            }
            throw e;
        }
    }

    /** Deep evaluation that keeps going past values it cannot evaluate (each one logged). */
    private softValue(v: unknown, jsonPath: string, copy: Map<string, number>): unknown {
        if (Array.isArray(v)) return v.map((x, i) => this.softValue(x, `${jsonPath}[${i}]`, copy)).filter(x => x !== undefined);
        if (isObject(v) && !('copy' in v && Array.isArray(v.copy))) {
            const o: Record<string, unknown> = {};
            for (const [k, x] of Object.entries(v)) {
                const r = this.softValue(x, `${jsonPath}.${k}`, copy);
                if (r !== undefined) o[k] = r;
            }
            return o;
        }
        return this.tryValue(v, jsonPath, copy);
    }

    private collect(resources: unknown, jsonPath: string, parent: Instance | undefined): void {
        const entries: Array<[string, unknown, string | undefined]> = Array.isArray(resources)
            ? resources.map((r, i) => [`${jsonPath}[${i}]`, r, undefined])
            : isObject(resources) ? Object.entries(resources).map(([k, r]) => [`${jsonPath}.${k}`, r, k]) : [];
        for (const [p, raw, symbolic] of entries) {
            if (!isObject(raw)) continue;
            if (raw.existing === true) continue;
            const copy = new Map(parent?.copy ?? []);
            const loops: Array<Map<string, number>> = [];
            if (isObject(raw.copy)) {
                const loopName = String(raw.copy.name ?? 'copy');
                const count = this.tryValue(raw.copy.count, `${p}.copy.count`, copy);
                if (typeof count !== 'number') {
                    this.log.skip(p, String(raw.type), `copy count could not be evaluated`);
                    continue;
                }
                for (let i = 0; i < count; i++) loops.push(new Map([...copy, [loopName, i]]));
            } else {
                loops.push(copy);
            }
            for (const c of loops) {
                if ('condition' in raw) {
                    const cond = this.tryValue(raw.condition, `${p}.condition`, c);
                    if (cond === undefined) {
                        this.log.skip(p, String(raw.type), 'its condition could not be evaluated');
                        continue;
                    }
                    if (!(cond === true || cond === 'true' || cond === 'True')) continue;
                }
                const type = this.tryValue(raw.type, `${p}.type`, c);
                const name = this.tryValue(raw.name, `${p}.name`, c);
                if (typeof type !== 'string' || typeof name !== 'string') {
                    this.log.skip(p, String(raw.type), 'its type or name could not be evaluated');
                    continue;
                }
                const fullType = parent && !type.includes('/') ? `${parent.type}/${type}` : type;
                const fullName = parent && !name.includes('/') ? `${parent.name}/${name}` : name;
                const inst: Instance = { raw, jsonPath: p, type: fullType, name: fullName, id: this.idOf(fullType, fullName, raw), copy: c, symbolic };
                this.instances.push(inst);
                this.byKey.set(idKey(inst.id), inst);
                if (symbolic) {
                    // languageVersion 2.0: `reference('name')`, and `reference('name[2]')` for a copy loop's instance.
                    if (!this.byKey.has(`sym:${symbolic.toLowerCase()}`)) this.byKey.set(`sym:${symbolic.toLowerCase()}`, inst);
                    this.byKey.set(`sym:${symbolic.toLowerCase()}[${loops.indexOf(c)}]`, inst);
                }
                if (!this.byKey.has(`name:${fullName.toLowerCase()}`)) this.byKey.set(`name:${fullName.toLowerCase()}`, inst);
                if (Array.isArray(raw.resources)) this.collect(raw.resources, `${p}.resources`, inst);
            }
        }
    }

    private idOf(type: string, name: string, raw: Record<string, unknown>): string {
        const [ns, ...types] = type.split('/');
        const names = name.split('/');
        let id = `providers/${ns}`;
        types.forEach((t, i) => { id += `/${t}/${names[i] ?? ''}`; });
        if (type.toLowerCase() === 'microsoft.resources/deployments' && typeof raw.resourceGroup === 'string') {
            return `/subscriptions/${this.place.subscriptionId}/resourceGroups/${raw.resourceGroup}/${id}`;
        }
        return `/subscriptions/${this.place.subscriptionId}/resourceGroups/${this.place.resourceGroupName}/${id}`;
    }

    private propsOf(inst: Instance): Record<string, unknown> {
        if (inst.props) return inst.props;
        if (inst.evaluating) throw new NotEvaluable(`reference to '${inst.name}' refers back to itself`);
        inst.evaluating = true;
        try {
            const props = this.softValue(inst.raw.properties ?? {}, `${inst.jsonPath}.properties`, inst.copy);
            inst.props = isObject(props) ? props : {};
        } finally {
            inst.evaluating = false;
        }
        return inst.props;
    }

    private reference(target: string, full: boolean): unknown {
        if (this.outer) return this.outer.reference(target, full);
        const key = target.startsWith('/') ? idKey(target) : undefined;
        const inst = (key && this.byKey.get(key))
            ?? this.byKey.get(`sym:${target.toLowerCase()}`)
            ?? this.byKey.get(`name:${target.toLowerCase()}`)
            ?? (key ? [...this.byKey.values()].find(i => key.endsWith(idKey(i.id).replace(/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+/, ''))) : undefined);
        if (!inst) {
            // A child declared inline in its parent (a VNet's `subnets`): the parent's array entry.
            const inline = key ? this.inlineChild(key) : undefined;
            if (inline) return full ? { properties: inline } : inline;
            throw new ImportError(this.file, '', `reference('${target}'): the template has no such resource`);
        }
        if (inst.type.toLowerCase() === 'microsoft.resources/deployments') {
            const dep = this.nested(inst);
            const props = { outputs: dep ? dep.outputs() : {} };
            return full ? { properties: props } : props;
        }
        const props = this.propsOf(inst);
        return full ? { properties: props, id: inst.id, name: inst.name, location: inst.raw.location } : props;
    }

    private inlineChild(key: string): Record<string, unknown> | undefined {
        const parts = key.split('/');
        if (parts.length < 2) return undefined;
        const [childType, childName] = parts.slice(-2);
        const parentKey = parts.slice(0, -2).join('/');
        const parent = this.byKey.get(parentKey) ?? [...this.byKey.values()].find(i => parentKey.endsWith(idKey(i.id).replace(/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+/, '')));
        if (!parent) return undefined;
        const list = Object.entries(this.propsOf(parent)).find(([k]) => k.toLowerCase() === childType)?.[1];
        const hit = Array.isArray(list) ? list.find(x => isObject(x) && String(x.name).toLowerCase() === childName) : undefined;
        return isObject(hit) ? (isObject(hit.properties) ? hit.properties : hit) : undefined;
    }

    private emit(inst: Instance): void {
        if (inst.type.toLowerCase() === 'microsoft.resources/deployments') {
            this.nested(inst)?.run();
            return;
        }
        const props = this.propsOf(inst);
        const location = this.tryValue(inst.raw.location, `${inst.jsonPath}.location`, inst.copy);
        const tags = this.tryValue(inst.raw.tags, `${inst.jsonPath}.tags`, inst.copy);
        const tagMap: Record<string, string> = {};
        if (isObject(tags)) for (const [k, v] of Object.entries(tags)) if (typeof v === 'string') tagMap[k] = v;
        const names = inst.name.split('/');
        this.out.push({
            type: inst.type.toLowerCase(),
            name: names[names.length - 1],
            id: inst.id,
            location: typeof location === 'string' ? location : undefined,
            properties: props,
            tags: tagMap,
            source: { file: this.file, path: inst.jsonPath }
        });
    }

    private nested(inst: Instance): Deployment | undefined {
        if (inst.deployment) return inst.deployment;
        if (this.depth >= MAX_DEPTH) throw new ImportError(this.file, inst.jsonPath, `nested deployments deeper than ${MAX_DEPTH}`);
        const raw = isObject(inst.raw.properties) ? inst.raw.properties : {};
        const p = `${inst.jsonPath}.properties`;
        let file = this.file;
        let template: Record<string, unknown> | undefined;
        let templatePath = `${p}.template`;
        if (isObject(raw.template)) {
            template = raw.template;
        } else if (isObject(raw.templateLink)) {
            const link = this.tryValue(raw.templateLink, `${p}.templateLink`, inst.copy);
            const linked = isObject(link) ? this.findLinked(link) : undefined;
            if (!linked) {
                this.log.skip(inst.id, inst.type, `linked template ${JSON.stringify(link)} not found next to ${this.file}`);
                return undefined;
            }
            file = linked;
            templatePath = '$';
            template = readJson(linked);
        }
        if (!template) {
            this.log.skip(inst.id, inst.type, 'deployment without a template');
            return undefined;
        }
        const inner = isObject(raw.expressionEvaluationOptions) && String(raw.expressionEvaluationOptions.scope).toLowerCase() === 'inner';
        const isLinked = file !== this.file;
        const values: Record<string, unknown> = {};
        if (isObject(raw.parameters)) {
            for (const [k, v] of Object.entries(raw.parameters)) {
                // Bicep writes a whole parameter as one expression: `"[if(c, createObject('value', x), …)]"`.
                const entry = typeof v === 'string' ? this.tryValue(v, `${p}.parameters.${k}`, inst.copy) : v;
                if (isObject(entry) && 'value' in entry) {
                    const r = typeof v === 'string' ? entry.value : this.tryValue(entry.value, `${p}.parameters.${k}.value`, inst.copy);
                    if (r !== undefined) values[k] = r;
                }
            }
        }
        const rg = this.tryValue(inst.raw.resourceGroup, `${inst.jsonPath}.resourceGroup`, inst.copy);
        const place = { ...this.place, resourceGroupName: typeof rg === 'string' && rg ? rg : this.place.resourceGroupName };
        const useOuter = !inner && !isLinked && !isObject(template.parameters);
        inst.deployment = new Deployment(file, template, values, this.log, place, this.out, this.depth + 1, isLinked ? '$' : templatePath, useOuter ? this : undefined);
        return inst.deployment;
    }

    /** A linked template by `relativePath`, or by the tail of its `uri` next to this file or above. */
    private findLinked(link: Record<string, unknown>): string | undefined {
        const dir = path.dirname(this.file);
        const candidates: string[] = [];
        if (typeof link.relativePath === 'string') candidates.push(path.resolve(dir, link.relativePath));
        if (typeof link.uri === 'string') {
            const segments = link.uri.replace(/[?#].*$/, '').split('/').filter(Boolean);
            for (let base = dir, up = 0; up < 4; up++, base = path.dirname(base)) {
                for (let n = 1; n <= Math.min(4, segments.length); n++) candidates.push(path.join(base, ...segments.slice(-n)));
            }
        }
        return candidates.find(c => c !== path.resolve(this.file) && fs.existsSync(c) && fs.statSync(c).isFile());
    }
}

function readJson(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (e) {
        throw new ImportError(file, '', `cannot read: ${(e as Error).message}`);
    }
    try {
        const v = JSON.parse(text.replace(/^\uFEFF/, ''));
        if (!isObject(v)) throw new ImportError(file, '$', 'a template must be a JSON object');
        return v;
    } catch (e) {
        if (e instanceof ImportError) throw e;
        throw new ImportError(file, '', `not JSON: ${(e as Error).message}`);
    }
}
