import * as fs from 'node:fs';
import * as path from 'node:path';
import { readGatewayRoutes, readRouteServerRoutes } from './bgp-routes-reader.js';
import { readEffectiveRoutes } from './effective-routes-reader.js';
import { ActualInputError, type ActualFileName, type ActualState } from './types.js';

/**
 * The `--actual` folder (docs/verify.md, "File names"). azrs names hold no dots, so a file's name
 * before its suffix is the element's name, or two names joined by a dot:
 * - `<vm>.effective-routes.json|.txt`: a VM's NIC, or an NVA's first NIC;
 * - `<nva>.<nic>.effective-routes.json|.txt`, or `<nva>/<nic>.effective-routes.json|.txt` in a
 *   folder named after the NVA: the NIC `nva/nic`;
 * - `<routeServer>.<nva>.learned-routes.json` / `.advertised-routes.json`: one route server peering;
 * - `<gateway>.learned-routes.json|.txt`: a gateway's learned routes.
 * README*, SOURCE.md, LICENSE* and dotfiles are listed as ignored; any other name is an error.
 */

const NAME = '[A-Za-z_](?:[A-Za-z0-9_]|-(?!>))*';
const PATTERNS: ReadonlyArray<{ re: RegExp; kind: ActualFileName['kind'] }> = [
    { re: new RegExp(`^(${NAME})(?:\\.(${NAME}))?\\.effective-routes\\.(json|txt)$`), kind: 'effective-routes' },
    { re: new RegExp(`^(${NAME})\\.(${NAME})\\.learned-routes\\.(json)$`), kind: 'rs-learned' },
    { re: new RegExp(`^(${NAME})\\.(${NAME})\\.advertised-routes\\.(json)$`), kind: 'rs-advertised' },
    { re: new RegExp(`^(${NAME})()\\.learned-routes\\.(json|txt)$`), kind: 'gateway-learned' }
];

const IGNORED = /^(README.*|SOURCE\.md|LICENSE.*|\..*)$/i;

export const FILE_NAME_HELP = 'expected <vm>.effective-routes.json|.txt, <nva>.<nic>.effective-routes.json|.txt, '
    + '<routeServer>.<nva>.learned-routes.json, <routeServer>.<nva>.advertised-routes.json or <gateway>.learned-routes.json|.txt';

/** What a file name (relative to the folder, `/`-separated) says the file holds; undefined for an unknown name. */
export function classifyFileName(relative: string): ActualFileName | undefined {
    const parts = relative.split('/');
    if (parts.length > 2) return undefined;
    const base = parts[parts.length - 1];
    for (const { re, kind } of PATTERNS) {
        const m = re.exec(base);
        if (!m) continue;
        const format = m[3] === 'json' ? 'json' : 'table';
        if (parts.length === 2) {
            // A folder per NVA holds its NICs' tables only.
            if (kind !== 'effective-routes' || m[2] || !new RegExp(`^${NAME}$`).test(parts[0])) return undefined;
            return { kind, format, element: parts[0], sub: m[1] };
        }
        return { kind, format, element: m[1], sub: m[2] || undefined };
    }
    return undefined;
}

/** Parses one file's text by its name. Throws ActualInputError. */
export function readActualFile(relative: string, text: string, state: { routeTables: unknown[]; bgpLists: unknown[] }): void {
    const name = classifyFileName(relative);
    if (!name) throw new ActualInputError(relative, undefined, `unknown file name (${FILE_NAME_HELP})`);
    if (name.kind === 'effective-routes') {
        state.routeTables.push({ name, table: readEffectiveRoutes(relative, text, name.format) });
    } else {
        const routes = name.kind === 'gateway-learned' ? readGatewayRoutes(relative, text, name.format) : readRouteServerRoutes(relative, text);
        state.bgpLists.push({ name, file: relative, routes });
    }
}

/** Reads texts given by relative path (tests, the editor's cache). Throws ActualInputError. */
export function readActualTexts(files: ReadonlyMap<string, string>): ActualState {
    const state = { routeTables: [] as ActualState['routeTables'][number][], bgpLists: [] as ActualState['bgpLists'][number][], ignored: [] as string[] };
    for (const relative of [...files.keys()].sort()) {
        if (IGNORED.test(relative.split('/').pop()!)) state.ignored.push(relative);
        else readActualFile(relative, files.get(relative)!, state);
    }
    return state;
}

/** Lists the files of a folder and its NVA subfolders, relative and `/`-separated. Throws ActualInputError. */
export function listActualFolder(dir: string): string[] {
    const out: string[] = [];
    const walk = (rel: string, depth: number) => {
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
        } catch (e) {
            throw new ActualInputError(rel, undefined, `cannot read the folder: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message}`);
        }
        for (const entry of entries) {
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (IGNORED.test(entry.name)) continue;
                if (depth > 0) throw new ActualInputError(child, undefined, `unexpected folder: only one folder level, named after an NVA, is read (${FILE_NAME_HELP})`);
                walk(child, depth + 1);
            } else {
                out.push(child);
            }
        }
    };
    walk('', 0);
    return out.sort();
}

/** Reads an `--actual` folder from disk. Throws ActualInputError for any unreadable or unknown file. */
export function readActualFolder(dir: string): ActualState {
    const texts = new Map<string, string>();
    for (const relative of listActualFolder(dir)) {
        if (IGNORED.test(relative.split('/').pop()!)) {
            texts.set(relative, '');
            continue;
        }
        try {
            texts.set(relative, fs.readFileSync(path.join(dir, relative), 'utf8'));
        } catch (e) {
            throw new ActualInputError(relative, undefined, `cannot read: ${(e as Error).message}`);
        }
    }
    return readActualTexts(texts);
}

/**
 * What changes when a file of the folder does: each file's path, size and modification time. The
 * editor reads the folder again only when this differs, not on every keystroke's build.
 */
export function folderSignature(dir: string): string {
    return listActualFolder(dir).map(relative => {
        try {
            const stat = fs.statSync(path.join(dir, relative));
            return `${relative}:${stat.size}:${stat.mtimeMs}`;
        } catch {
            return `${relative}:gone`;
        }
    }).join('\n');
}
