/**
 * The one shape every import format is read into: an ARM resource (`{type, name, id, location,
 * properties}`), as ARM templates, `az group export`, REST and Resource Graph spell it
 * (research/import-verify.md §1). Types are kept lower-cased and ids are compared lower-cased:
 * Azure returns ids in upper case in subnet reverse references and VM ids (azure-cli#30562).
 */
export interface ArmResource {
    /** Lower-cased resource type, e.g. `microsoft.network/virtualnetworks/subnets`. */
    readonly type: string;
    /** The resource's name; a child's name is its own last segment (`subnet1`, not `vnet1/subnet1`). */
    readonly name: string;
    /** The resource id as the source wrote it (compare with {@link idKey}). */
    readonly id: string;
    readonly location?: string;
    /** The resource's `properties` (CLI objects, which flatten them, are read as their own properties). */
    readonly properties: Record<string, unknown>;
    readonly tags: Record<string, string>;
    /** The file it was read from and where in it (a JSON path or a Terraform address). */
    readonly source: { readonly file: string; readonly path: string };
}

/** Bad input: the CLI prints `file: path: message` and exits 2 without writing anything. */
export class ImportError extends Error {
    /**
     * @param cliHint what to do about it with the CLI's options (`give --from`), added by `azrs
     * import` to its message; the editor's command, which has no such options, leaves it out.
     */
    constructor(readonly file: string, readonly where: string, message: string, readonly cliHint?: string) {
        super(`${file}${where ? `: ${where}` : ''}: ${message}`);
    }
}

/** What an import could not use, for the report. */
export interface Skipped {
    readonly id: string;
    readonly type: string;
    readonly reason: string;
}

/** An expression an importer could not evaluate: named in the report, never guessed. */
export interface Unresolved {
    readonly file: string;
    readonly path: string;
    readonly expression: string;
    readonly reason: string;
}

/** Collects what the loaders skip and cannot evaluate. */
export class ImportLog {
    readonly skipped: Skipped[] = [];
    readonly unresolved: Unresolved[] = [];
    readonly notes: string[] = [];
    skip(id: string, type: string, reason: string): void {
        this.skipped.push({ id, type, reason });
    }
    unresolvedExpression(file: string, path: string, expression: string, reason: string): void {
        this.unresolved.push({ file, path, expression, reason });
    }
}

/** The case-insensitive key of a resource id (trailing slashes dropped). */
export function idKey(id: string): string {
    return id.toLowerCase().replace(/\/+$/, '');
}

/** The id's parent resource (`…/virtualNetworks/v1/subnets/s1` → `…/virtualNetworks/v1`). */
export function parentId(id: string): string {
    return id.split('/').slice(0, -2).join('/');
}

/** The last segment of an id: the resource's own name. */
export function lastSegment(id: string): string {
    const parts = id.replace(/\/+$/, '').split('/');
    return parts[parts.length - 1] ?? id;
}

/** `r.properties ?? r`: `az … -o json` flattens `properties` into the object. */
export function propsOf(value: unknown): Record<string, unknown> {
    if (!isObject(value)) return {};
    return isObject(value.properties) ? value.properties : value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sub-object's `id` (`{ id: … }` references), or undefined. */
export function refId(value: unknown): string | undefined {
    if (typeof value === 'string') return value || undefined;
    return isObject(value) && typeof value.id === 'string' && value.id ? value.id : undefined;
}

export function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function asString(value: unknown): string | undefined {
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function asBool(value: unknown): boolean | undefined {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'True') return true;
    if (value === 'false' || value === 'False') return false;
    return undefined;
}

/** An ASN given as a number or, as the quickstart template writes `peerAsn`, a string. */
export function asInt(value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^[0-9]+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

/** Builds an ArmResource from an object of any format; `fallbackId` for objects without an id. */
export function toResource(raw: Record<string, unknown>, file: string, path: string, fallbackId?: string): ArmResource | undefined {
    const type = asString(raw.type);
    const id = asString(raw.id) ?? fallbackId;
    if (!type || !id) return undefined;
    const tags: Record<string, string> = {};
    if (isObject(raw.tags)) for (const [k, v] of Object.entries(raw.tags)) if (typeof v === 'string') tags[k] = v;
    return {
        type: type.toLowerCase(),
        name: asString(raw.name) ? lastSegment(asString(raw.name)!) : lastSegment(id),
        id,
        location: asString(raw.location),
        properties: propsOf(raw),
        tags,
        source: { file, path }
    };
}
