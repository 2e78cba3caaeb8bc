/**
 * ARM template expressions (`"[concat(parameters('a'), '-nic')]"`): a parser and an evaluator for
 * the functions real templates and exports use (research/import-verify.md §2: parameters,
 * variables, concat, format, resourceId, reference, split, int, string, add, if, equals,
 * copyIndex, json, and those of Bicep's compiled output). A function that exists in ARM but needs
 * a deployment to answer (`listKeys`, `utcNow`, runtime `reference` values) raises
 * {@link NotEvaluable}; a name that is no ARM function at all raises {@link UnknownFunction}.
 */

export type Expr =
    | { kind: 'lit'; value: unknown }
    | { kind: 'call'; name: string; args: Expr[] }
    | { kind: 'member'; target: Expr; key: Expr | string };

/** A known ARM function whose value only exists in a running deployment. */
export class NotEvaluable extends Error {}
/** A function name ARM does not have: the template is bad input. */
export class UnknownFunction extends Error {
    constructor(readonly fn: string) { super(`unknown template function '${fn}'`); }
}
/** A syntax error in an expression. */
export class ExpressionSyntaxError extends Error {}

/** True when a JSON string is an ARM expression (`[…]`, but not the `[[` escape). */
export function isExpression(s: string): boolean {
    return s.length >= 2 && s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');
}

/** Parses the inside of `[…]`. Throws {@link ExpressionSyntaxError}. */
export function parseExpression(text: string): Expr {
    const src = text.slice(1, -1);
    let i = 0;
    const ws = () => { while (i < src.length && /\s/.test(src[i])) i++; };
    const fail = (what: string): never => { throw new ExpressionSyntaxError(`${what} at character ${i + 2} of ${text}`); };
    const primary = (): Expr => {
        ws();
        const c = src[i];
        if (c === "'") {
            let s = '';
            i++;
            for (;;) {
                if (i >= src.length) fail('unterminated string');
                if (src[i] === "'") {
                    if (src[i + 1] === "'") { s += "'"; i += 2; continue; }
                    i++;
                    break;
                }
                s += src[i++];
            }
            return { kind: 'lit', value: s };
        }
        if (c !== undefined && /[-0-9]/.test(c)) {
            const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
            if (!m) fail('bad number');
            i += m![0].length;
            return { kind: 'lit', value: Number(m![0]) };
        }
        const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
        if (!m) return fail('expected a function call');
        const name = m[0];
        i += name.length;
        ws();
        if (src[i] !== '(') {
            if (name === 'true' || name === 'false') return { kind: 'lit', value: name === 'true' };
            if (name === 'null') return { kind: 'lit', value: null };
            // A lambda's parameter name (`lambda('x', …)` refers to it as lambdaVariables('x')).
            return fail(`expected '(' after ${name}`);
        }
        i++;
        const args: Expr[] = [];
        ws();
        if (src[i] === ')') { i++; } else {
            for (;;) {
                args.push(expression());
                ws();
                if (src[i] === ',') { i++; continue; }
                if (src[i] === ')') { i++; break; }
                fail("expected ',' or ')'");
            }
        }
        return { kind: 'call', name, args };
    };
    const expression = (): Expr => {
        let e = primary();
        for (;;) {
            ws();
            if (src[i] === '.') {
                i++;
                ws();
                const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i));
                if (!m) fail('expected a property name');
                i += m![0].length;
                e = { kind: 'member', target: e, key: m![0] };
            } else if (src[i] === '[') {
                i++;
                const key = expression();
                ws();
                if (src[i] !== ']') fail("expected ']'");
                i++;
                e = { kind: 'member', target: e, key };
            } else if (src[i] === '?' && (src[i + 1] === '.' || src[i + 1] === '[')) {
                i++;
            } else {
                return e;
            }
        }
    };
    const e = expression();
    ws();
    if (i < src.length) fail('unexpected text');
    return e;
}

/** What an expression can see: the deployment's parameters, variables, copy indexes and resources. */
export interface EvalScope {
    parameter(name: string): unknown;
    variable(name: string): unknown;
    copyIndex(loop: string | undefined): number;
    /** `reference(…)`: a resource of the same template (its evaluated properties) or a nested deployment. */
    reference(target: string, full: boolean): unknown;
    resourceGroupName: string;
    subscriptionId: string;
    location: string;
    lambdaVars?: Map<string, unknown>;
}

/** Evaluates an expression. Throws NotEvaluable, UnknownFunction or ExpressionSyntaxError. */
export function evaluate(e: Expr, scope: EvalScope): unknown {
    if (e.kind === 'lit') return e.value;
    if (e.kind === 'member') {
        const target = evaluate(e.target, scope);
        const key = typeof e.key === 'string' ? e.key : evaluate(e.key, scope);
        if (target === null || target === undefined) return undefined;
        if (Array.isArray(target)) {
            if (typeof key === 'number') return target[key];
            if (key === 'length') return target.length;
        }
        if (typeof target === 'object') {
            const obj = target as Record<string, unknown>;
            if (typeof key === 'string') {
                if (key in obj) return obj[key];
                // ARM property names are case-insensitive.
                const hit = Object.keys(obj).find(k => k.toLowerCase() === key.toLowerCase());
                return hit === undefined ? undefined : obj[hit];
            }
        }
        return undefined;
    }
    const name = e.name.toLowerCase();
    // Lazily evaluated functions first.
    if (name === 'if') {
        return truthy(arg(e, 0, scope)) ? arg(e, 1, scope) : e.args.length > 2 ? arg(e, 2, scope) : null;
    }
    if (name === 'lambda') {
        return { __lambda: true, params: e.args.slice(0, -1).map(a => evaluate(a, scope) as string), body: e.args[e.args.length - 1], scope };
    }
    const fn = FUNCTIONS[name];
    if (!fn) {
        if (RUNTIME_FUNCTIONS.has(name)) throw new NotEvaluable(`${e.name}() needs a running deployment`);
        throw new UnknownFunction(e.name);
    }
    return fn(e.args.map(a => evaluate(a, scope)), scope, e);
}

function arg(e: { args: Expr[] }, i: number, scope: EvalScope): unknown {
    return e.args[i] === undefined ? undefined : evaluate(e.args[i], scope);
}

function truthy(v: unknown): boolean {
    return v === true || v === 'true' || v === 'True';
}

function str(v: unknown): string {
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
}

function num(v: unknown): number {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new NotEvaluable(`'${str(v)}' is not a number`);
    return n;
}

function list(v: unknown): unknown[] {
    if (Array.isArray(v)) return v;
    if (typeof v === 'string') return [...v];
    if (v && typeof v === 'object') return Object.entries(v).map(([key, value]) => ({ key, value }));
    return [];
}

function callLambda(fn: unknown, args: unknown[]): unknown {
    const l = fn as { __lambda?: boolean; params: string[]; body: Expr; scope: EvalScope };
    if (!l?.__lambda) throw new NotEvaluable('expected a lambda');
    const vars = new Map(l.scope.lambdaVars ?? []);
    l.params.forEach((p, i) => vars.set(p, args[i]));
    return evaluate(l.body, { ...l.scope, lambdaVars: vars });
}

function deepEqual(a: unknown, b: unknown): boolean {
    if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
    return JSON.stringify(a) === JSON.stringify(b);
}

/** `format('{0}-{1:D2}', …)`: .NET composite formatting, the parts templates use. */
function dotnetFormat(fmt: string, args: unknown[]): string {
    return fmt.replace(/\{\{|\}\}|\{(\d+)(?::([^}]*))?\}/g, (m, idx: string | undefined, spec: string | undefined) => {
        if (m === '{{') return '{';
        if (m === '}}') return '}';
        const v = args[Number(idx)];
        if (spec && /^[Dd]\d+$/.test(spec)) return String(v).padStart(Number(spec.slice(1)), '0');
        return str(v);
    });
}

/**
 * `json()`: ARM reads the first JSON value of the string and ignores what follows (deployed
 * templates have `json('{"id": "…"}"')` with a stray quote, corpus hubspoke-labbuilder-bicep).
 */
function parseLenientJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        const t = text.trimStart();
        if (t.startsWith('{') || t.startsWith('[')) {
            let depth = 0;
            let inString = false;
            for (let i = 0; i < t.length; i++) {
                const c = t[i];
                if (inString) {
                    if (c === '\\') i++;
                    else if (c === '"') inString = false;
                } else if (c === '"') inString = true;
                else if (c === '{' || c === '[') depth++;
                else if (c === '}' || c === ']') {
                    if (--depth === 0) {
                        try { return JSON.parse(t.slice(0, i + 1)); } catch { break; }
                    }
                }
            }
        }
        throw new NotEvaluable(`json('${text}') is not JSON`);
    }
}

function ipToInt(ip: string): number {
    return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}
function intToIp(n: number): string {
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `cidrSubnet('10.0.0.0/16', 24, 3)` → `10.0.3.0/24`. */
function cidrSubnet(cidr: string, newLength: number, index: number): string {
    const [ip, len] = cidr.split('/');
    const base = ipToInt(ip) - (ipToInt(ip) % 2 ** (32 - Number(len)));
    return `${intToIp(base + index * 2 ** (32 - newLength))}/${newLength}`;
}

function resourceIdOf(args: unknown[], scope: EvalScope, level: 'group' | 'subscription' | 'extension'): string {
    const parts = args.map(str);
    let sub = scope.subscriptionId;
    let rg = scope.resourceGroupName;
    let prefix = '';
    if (level === 'extension') {
        prefix = parts.shift() ?? '';
    } else {
        const typeAt = parts.findIndex(p => /^[A-Za-z0-9.]+\/[A-Za-z0-9]/.test(p) && p.includes('.') && !p.startsWith('/'));
        const before = typeAt < 0 ? [] : parts.splice(0, typeAt);
        if (level === 'group') {
            if (before.length === 2) [sub, rg] = before;
            else if (before.length === 1) rg = before[0];
        } else if (before.length === 1) {
            sub = before[0];
        }
    }
    const [type, ...names] = parts;
    const typeParts = (type ?? '').split('/');
    let path = `providers/${typeParts[0]}`;
    for (let i = 1; i < typeParts.length; i++) path += `/${typeParts[i]}/${names[i - 1] ?? ''}`;
    if (level === 'extension') return `${prefix}/${path}`;
    if (level === 'subscription') return `/subscriptions/${sub}/${path}`;
    return `/subscriptions/${sub}/resourceGroups/${rg}/${path}`;
}

type Fn = (args: unknown[], scope: EvalScope, e: { name: string; args: Expr[] }) => unknown;

const FUNCTIONS: Record<string, Fn> = {
    parameters: ([n], s) => s.parameter(str(n)),
    variables: ([n], s) => s.variable(str(n)),
    copyindex: (args, s) => {
        const loop = typeof args[0] === 'string' ? args[0] : undefined;
        const offset = typeof args[0] === 'number' ? args[0] : typeof args[1] === 'number' ? args[1] : 0;
        return s.copyIndex(loop) + offset;
    },
    lambdavariables: ([n], s) => {
        if (!s.lambdaVars?.has(str(n))) throw new NotEvaluable(`lambda variable '${str(n)}' is not in scope`);
        return s.lambdaVars.get(str(n));
    },
    concat: args => args.some(Array.isArray) ? args.flatMap(a => (Array.isArray(a) ? a : [a])) : args.map(str).join(''),
    format: ([f, ...rest]) => dotnetFormat(str(f), rest),
    string: ([v]) => str(v),
    int: ([v]) => Math.trunc(num(v)),
    float: ([v]) => num(v),
    bool: ([v]) => truthy(v) || v === 1,
    json: ([v]) => parseLenientJson(str(v)),
    add: ([a, b]) => num(a) + num(b),
    sub: ([a, b]) => num(a) - num(b),
    mul: ([a, b]) => num(a) * num(b),
    div: ([a, b]) => Math.trunc(num(a) / num(b)),
    mod: ([a, b]) => num(a) % num(b),
    min: args => Math.min(...args.flatMap(a => (Array.isArray(a) ? a : [a])).map(num)),
    max: args => Math.max(...args.flatMap(a => (Array.isArray(a) ? a : [a])).map(num)),
    equals: ([a, b]) => deepEqual(a, b),
    not: ([a]) => !truthy(a),
    and: args => args.every(truthy),
    or: args => args.some(truthy),
    greater: ([a, b]) => (typeof a === 'string' ? str(a) > str(b) : num(a) > num(b)),
    greaterorequals: ([a, b]) => (typeof a === 'string' ? str(a) >= str(b) : num(a) >= num(b)),
    less: ([a, b]) => (typeof a === 'string' ? str(a) < str(b) : num(a) < num(b)),
    lessorequals: ([a, b]) => (typeof a === 'string' ? str(a) <= str(b) : num(a) <= num(b)),
    true: () => true,
    false: () => false,
    null: () => null,
    coalesce: args => args.find(a => a !== null && a !== undefined) ?? null,
    empty: ([v]) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0),
    length: ([v]) => (Array.isArray(v) || typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
    split: ([s, d]) => { const seps = Array.isArray(d) ? d.map(str) : [str(d)]; let parts = [str(s)]; for (const sep of seps) parts = parts.flatMap(p => p.split(sep)); return parts; },
    join: ([a, d]) => list(a).map(str).join(str(d)),
    toupper: ([s]) => str(s).toUpperCase(),
    tolower: ([s]) => str(s).toLowerCase(),
    trim: ([s]) => str(s).trim(),
    replace: ([s, a, b]) => str(s).split(str(a)).join(str(b)),
    substring: ([s, start, len]) => str(s).substr(num(start), len === undefined ? undefined : num(len)),
    startswith: ([s, p]) => str(s).toLowerCase().startsWith(str(p).toLowerCase()),
    endswith: ([s, p]) => str(s).toLowerCase().endsWith(str(p).toLowerCase()),
    indexof: ([s, p]) => str(s).toLowerCase().indexOf(str(p).toLowerCase()),
    lastindexof: ([s, p]) => str(s).toLowerCase().lastIndexOf(str(p).toLowerCase()),
    padleft: ([s, n, c]) => str(s).padStart(num(n), c === undefined ? ' ' : str(c)),
    contains: ([c, v]) => Array.isArray(c) ? c.some(x => deepEqual(x, v)) : typeof c === 'string' ? c.toLowerCase().includes(str(v).toLowerCase()) : c && typeof c === 'object' ? Object.keys(c).some(k => k.toLowerCase() === str(v).toLowerCase()) : false,
    first: ([v]) => (Array.isArray(v) ? v[0] : typeof v === 'string' ? v[0] : undefined),
    last: ([v]) => (Array.isArray(v) ? v[v.length - 1] : typeof v === 'string' ? v[v.length - 1] : undefined),
    skip: ([v, n]) => (Array.isArray(v) ? v.slice(num(n)) : str(v).slice(num(n))),
    take: ([v, n]) => (Array.isArray(v) ? v.slice(0, num(n)) : str(v).slice(0, num(n))),
    array: ([v]) => (Array.isArray(v) ? v : [v]),
    createarray: args => args,
    createobject: args => { const o: Record<string, unknown> = {}; for (let i = 0; i + 1 < args.length; i += 2) o[str(args[i])] = args[i + 1]; return o; },
    object: ([v]) => v,
    range: ([start, count]) => Array.from({ length: num(count) }, (_, i) => num(start) + i),
    union: args => args.some(Array.isArray) ? [...new Set(args.flatMap(a => (Array.isArray(a) ? a : [])).map(x => JSON.stringify(x)))].map(x => JSON.parse(x)) : Object.assign({}, ...args.map(a => (a && typeof a === 'object' ? a : {}))),
    intersection: args => (Array.isArray(args[0]) ? (args[0] as unknown[]).filter(x => args.every(a => Array.isArray(a) && a.some(y => deepEqual(x, y)))) : args[0]),
    flatten: ([v]) => list(v).flatMap(x => (Array.isArray(x) ? x : [x])),
    items: ([v]) => list(v),
    tryget: ([v, ...keys]) => { let cur = v; for (const k of keys) { if (cur === null || typeof cur !== 'object') return null; cur = (cur as Record<string, unknown>)[str(k)]; if (cur === undefined) return null; } return cur; },
    map: ([a, f]) => list(a).map((x, i) => callLambda(f, [x, i])),
    filter: ([a, f]) => list(a).filter((x, i) => truthy(callLambda(f, [x, i]))),
    reduce: ([a, init, f]) => list(a).reduce((acc, x, i) => callLambda(f, [acc, x, i]), init),
    tobject: ([a, k, v]) => Object.fromEntries(list(a).map(x => [str(callLambda(k, [x])), v === undefined ? x : callLambda(v, [x])])),
    toobject: ([a, k, v]) => Object.fromEntries(list(a).map(x => [str(callLambda(k, [x])), v === undefined ? x : callLambda(v, [x])])),
    cidrsubnet: ([c, n, i]) => cidrSubnet(str(c), num(n), num(i)),
    cidrhost: ([c, i]) => { const [ip, len] = str(c).split('/'); const base = ipToInt(ip) - (ipToInt(ip) % 2 ** (32 - Number(len))); return intToIp(base + num(i) + 1); },
    parsecidr: ([c]) => { const [ip, len] = str(c).split('/'); const size = 2 ** (32 - Number(len)); const base = ipToInt(ip) - (ipToInt(ip) % size); return { network: intToIp(base), netmask: intToIp(size === 2 ** 32 ? 0 : (2 ** 32 - size) >>> 0), broadcast: intToIp(base + size - 1), firstUsable: intToIp(base + 1), lastUsable: intToIp(base + size - 2), cidr: Number(len) }; },
    resourceid: (args, s) => resourceIdOf(args, s, 'group'),
    subscriptionresourceid: (args, s) => resourceIdOf(args, s, 'subscription'),
    extensionresourceid: (args, s) => resourceIdOf(args, s, 'extension'),
    tenantresourceid: args => resourceIdOf(args, { subscriptionId: '', resourceGroupName: '' } as EvalScope, 'subscription').replace('/subscriptions//', '/'),
    resourcegroup: (_a, s) => ({ name: s.resourceGroupName, id: `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroupName}`, location: s.location }),
    subscription: (_a, s) => ({ subscriptionId: s.subscriptionId, id: `/subscriptions/${s.subscriptionId}`, displayName: s.subscriptionId }),
    uniquestring: args => { let h = 0; for (const c of args.map(str).join('|')) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0; return h.toString(36).padStart(13, '0').slice(0, 13); },
    guid: args => { let h = 0; for (const c of args.map(str).join('|')) h = (Math.imul(h, 33) + c.charCodeAt(0)) >>> 0; const x = h.toString(16).padStart(8, '0'); return `${x}-0000-4000-8000-${x}0000`; },
    reference: (args, s) => s.reference(str(args[0]), args.some(a => str(a).toLowerCase() === 'full')),
    base64: ([v]) => Buffer.from(str(v), 'utf8').toString('base64'),
    base64tostring: ([v]) => Buffer.from(str(v), 'base64').toString('utf8'),
    environment: () => ({ name: 'AzureCloud', suffixes: { storage: 'core.windows.net' } })
};

/** ARM functions that exist but answer only in a running deployment. */
const RUNTIME_FUNCTIONS = new Set([
    'listkeys', 'listsecrets', 'list', 'listaccountsas', 'listservicesas', 'utcnow', 'newguid', 'deployment', 'pickzones',
    'providers', 'tenant', 'managementgroup', 'managementgroupresourceid', 'datauri', 'datauritostring',
    'base64tojson', 'uri', 'uricomponent', 'uricomponenttostring', 'datetimeadd', 'datetimefromepoch',
    'datetimetoepoch', 'getsecret', 'shallowmerge', 'objectkeys', 'sort', 'groupby', 'mapvalues', 'loadtextcontent',
    'loadfileasbase64', 'loadjsoncontent', 'externalinput', 'parameter'
]);
