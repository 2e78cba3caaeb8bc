import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createAzrsServices } from '../azrs-module.js';
import type { AzrsServices } from '../azrs-module.js';
import type { Model } from '../generated/ast.js';

/** A usage or I/O problem: the CLI prints the message and exits 2. */
export class CliError extends Error {}

export interface LoadedFile {
    /** The path as given on the command line, or the folder joined with the path below it. */
    readonly display: string;
    readonly absolute: string;
    readonly document: LangiumDocument<Model>;
}

export interface LoadedWorkspace {
    readonly azrs: AzrsServices;
    readonly files: readonly LoadedFile[];
    /** Diagnostics per file, sorted by position. */
    diagnosticsOf(file: LoadedFile): Diagnostic[];
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Expands files and folders (`**\/*.azrs` below a folder) in the order given, without repeats. */
export function collectFiles(paths: readonly string[]): Array<{ display: string; absolute: string }> {
    const out: Array<{ display: string; absolute: string }> = [];
    const seen = new Set<string>();
    const add = (display: string, absolute: string) => {
        if (!seen.has(absolute)) {
            seen.add(absolute);
            out.push({ display, absolute });
        }
    };
    for (const given of paths) {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(given);
        } catch (e) {
            throw new CliError(`cannot read '${given}': ${describeIoError(e)}`);
        }
        if (stat.isDirectory()) {
            const found = walk(given).sort();
            if (found.length === 0) throw new CliError(`no .azrs files found under '${given}'`);
            for (const rel of found) add(path.join(given, rel), path.resolve(given, rel));
        } else {
            add(given, path.resolve(given));
        }
    }
    return out;
}

function walk(root: string, rel = ''): string[] {
    const out: string[] = [];
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch (e) {
        throw new CliError(`cannot read folder '${path.join(root, rel)}': ${describeIoError(e)}`);
    }
    for (const entry of entries) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const child = rel ? path.join(rel, entry.name) : entry.name;
        if (entry.isDirectory()) out.push(...walk(root, child));
        else if (entry.isFile() && entry.name.endsWith('.azrs')) out.push(child);
    }
    return out;
}

export function describeIoError(e: unknown): string {
    const err = e as NodeJS.ErrnoException;
    switch (err?.code) {
        case 'ENOENT': return 'no such file or directory';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'is a directory';
        default: return err?.message ?? String(e);
    }
}

/**
 * Reads the files and builds them as one workspace with the language server's own services, so the
 * CLI reports exactly what the editor shows.
 */
export async function loadWorkspace(paths: readonly string[], options: { routesPerPeer?: number } = {}): Promise<LoadedWorkspace> {
    const files = collectFiles(paths);
    return loadWorkspaceTexts(files.map(f => {
        let text: string;
        try {
            const stat = fs.statSync(f.absolute);
            if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
            if (stat.size > MAX_FILE_BYTES) throw new CliError(`'${f.display}' is ${Math.round(stat.size / 1048576)} MB; azrs reads files up to 64 MB`);
            text = fs.readFileSync(f.absolute, 'utf8');
        } catch (e) {
            if (e instanceof CliError) throw e;
            throw new CliError(`cannot read '${f.display}': ${describeIoError(e)}`);
        }
        return { ...f, text };
    }), options);
}

/**
 * Builds texts already read (from files, or from a git revision for `azrs diff`) as one workspace;
 * `absolute` names each document (its URI) and need not exist on disk.
 */
export async function loadWorkspaceTexts(files: ReadonlyArray<{ display: string; absolute: string; text: string }>,
    options: { routesPerPeer?: number } = {}): Promise<LoadedWorkspace> {
    const { shared, Azrs } = createAzrsServices(NodeFileSystem);
    if (options.routesPerPeer !== undefined) Azrs.analysis.WorkspaceAnalysis.updateSettings({ routesPerPeer: options.routesPerPeer });
    const loaded: LoadedFile[] = files.map(f => {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(f.text, URI.file(f.absolute));
        shared.workspace.LangiumDocuments.addDocument(document);
        return { display: f.display, absolute: f.absolute, document };
    });
    await shared.workspace.DocumentBuilder.build(loaded.map(f => f.document), { validation: true });
    return {
        azrs: Azrs,
        files: loaded,
        diagnosticsOf: file => [...(file.document.diagnostics ?? [])].sort((a, b) =>
            a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    };
}
