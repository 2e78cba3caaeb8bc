import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumSharedCoreServices } from 'langium';
import { URI, WorkspaceCache } from 'langium';
import type { SourceRef } from '../model/topology.js';
import { finding, type Finding } from '../validation/finding.js';
import { ActualInputError, folderSignature, readActualFolder, verifyTopology, type ActualState, type ElementVerification, type VerifyReport } from '../verify/index.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

/** The folder the editor reads when the setting `azrs.verify.actualDir` is empty. */
export const DEFAULT_ACTUAL_DIR = 'azure-state';

/** The comparison with Azure's outputs for the current build, as the editor shows it. */
export interface VerifyResult {
    /** The folder read, absolute; undefined when there is none (no setting and no `azure-state/`). */
    readonly dir: string | undefined;
    readonly report: VerifyReport | undefined;
    /** A file the folder holds that azrs cannot read (`file:line: message`), shown in the editor's output. */
    readonly error: string | undefined;
    /** The differences as findings, by the URI of the `.azrs` document holding their element. */
    readonly findingsByUri: ReadonlyMap<string, readonly Finding[]>;
    /** The verifications of each topology element (VM, NVA, NIC, gateway, bgp session). */
    readonly byTarget: ReadonlyMap<object, readonly ElementVerification[]>;
}

const EMPTY: Omit<VerifyResult, 'dir' | 'error'> = { report: undefined, findingsByUri: new Map(), byTarget: new Map() };

/**
 * `azrs verify` in the editor (docs/language.md §3, docs/verify.md): once per workspace build, reads the
 * folder of Azure outputs (the setting `azrs.verify.actualDir`, relative to the workspace folder or
 * to a `.azrs` file's folder; by default `azure-state/` beside the `.azrs` files, when it exists) and
 * compares it with the build's analysis. The folder is re-read on every build and when a file in it
 * changes (lsp/verify-features.ts), so the findings follow both the topology and the folder.
 */
export class VerifyAnalysis {
    private readonly cache: WorkspaceCache<'verify', VerifyResult>;
    private setting = '';
    /** Off until the language server turns it on: `azrs check` and `azrs routes` never compare. */
    private enabled = false;
    /** The folder as last read, by its signature (paths, sizes, modification times). */
    private read: { dir: string; signature: string; state: ActualState } | undefined;

    constructor(private readonly shared: LangiumSharedCoreServices, private readonly analysis: WorkspaceAnalysis) {
        this.cache = new WorkspaceCache(shared);
    }

    /** The language server compares; the CLI's commands other than `verify` do not. */
    enable(): void {
        this.enabled = true;
        this.cache.clear();
    }

    /** Sets `azrs.verify.actualDir` (empty: the default); true when it changed. */
    setActualDir(setting: string): boolean {
        if (setting === this.setting) return false;
        this.setting = setting;
        this.cache.clear();
        return true;
    }

    /** Forgets the folder's contents: a file in it changed. */
    invalidate(): void {
        this.cache.clear();
    }

    get(): VerifyResult {
        return this.cache.get('verify', () => this.compute());
    }

    /** The verifications of an element; for an NVA, those of all its NICs (v2). */
    of(element: object): readonly ElementVerification[] {
        const byTarget = this.get().byTarget;
        const nics = (element as { kind?: string; nics?: readonly object[] }).kind === 'nva' ? (element as { nics: readonly object[] }).nics : [];
        return [element, ...nics].flatMap(t => byTarget.get(t) ?? []).filter((v, i, all) => all.indexOf(v) === i);
    }

    /** The folder to read, absolute, or undefined. */
    actualDir(): string | undefined {
        const docDirs = [...new Set(this.shared.workspace.LangiumDocuments.all
            .filter(d => d.uri.scheme === 'file').map(d => path.dirname(d.uri.fsPath)).toArray())].sort();
        const roots = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(f => URI.parse(f.uri).fsPath);
        const given = this.setting.trim();
        const candidates = given && path.isAbsolute(given) ? [given]
            : [...roots, ...docDirs].map(base => path.join(base, given || DEFAULT_ACTUAL_DIR));
        return candidates.find(dir => {
            try { return fs.statSync(dir).isDirectory(); } catch { return false; }
        });
    }

    private readFolder(dir: string): ActualState {
        const signature = folderSignature(dir);
        if (this.read?.dir !== dir || this.read.signature !== signature) {
            this.read = undefined;
            this.read = { dir, signature, state: readActualFolder(dir) };
        }
        return this.read.state;
    }

    private compute(): VerifyResult {
        const dir = this.enabled ? this.actualDir() : undefined;
        if (!dir) return { ...EMPTY, dir, error: undefined };
        const analysis = this.analysis.get();
        let report: VerifyReport;
        try {
            report = verifyTopology(analysis.built.topology, analysis.routing, this.readFolder(dir));
        } catch (e) {
            if (e instanceof ActualInputError) {
                return { ...EMPTY, dir, error: `${path.join(dir, e.file)}${e.line === undefined ? '' : `:${e.line}`}: ${e.detail}` };
            }
            throw e;
        }
        const findingsByUri = new Map<string, Finding[]>();
        const byTarget = new Map<object, ElementVerification[]>();
        for (const element of report.elements) {
            const list = byTarget.get(element.target) ?? [];
            list.push(element);
            byTarget.set(element.target, list);
            const at = anchorOf(element.target);
            if (!at) continue;
            for (const d of element.differences) {
                const difference = finding({
                    code: d.code, at, target: element.target,
                    message: `${d.message} [${path.join(dir, d.file)}${d.line ? `:${d.line}` : ''}]`
                });
                const found = findingsByUri.get(at.uri) ?? [];
                found.push(difference);
                findingsByUri.set(at.uri, found);
            }
        }
        return { dir, report, error: undefined, findingsByUri, byTarget };
    }
}

/** On the element's name where the model records it, else on its whole statement. */
function anchorOf(target: object): SourceRef | undefined {
    const t = target as { source?: SourceRef; refs?: Readonly<Record<string, { value: SourceRef } | undefined>> };
    return t.refs?.name?.value ?? t.source;
}
