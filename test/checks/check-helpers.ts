import { type LangiumDocument, TextDocument } from 'langium';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { Model } from '../../language-server/src/generated/ast.js';
import { AzrsCodeActionProvider } from '../../language-server/src/lsp/azrs-code-actions.js';
import type { RoutingResult } from '../../language-server/src/routing/index.js';
import { admissionFrom, type Admission } from '../../language-server/src/validation/admission.js';
import type { Finding } from '../../language-server/src/validation/finding.js';
import { runTopologyChecks } from '../../language-server/src/validation/topology-checks.js';
import type { Topology } from '../../language-server/src/model/topology.js';
import { buildWorkspace, createTestServices } from '../helpers.js';

export interface Seen {
    readonly code: string;
    readonly severity: 'error' | 'warning' | 'info';
    readonly range: Range;
    readonly message: string;
    readonly data: Record<string, unknown> | undefined;
    /** The LSP diagnostic, as the editor gets it. */
    readonly diagnostic: Diagnostic;
}

export interface Checked {
    readonly documents: LangiumDocument<Model>[];
    /** Per document, sorted by position then code. */
    readonly seen: Seen[][];
    readonly topology: Topology;
    /** Every finding of the analysis, configuration and routing codes alike. */
    readonly findings: readonly Finding[];
    /** What admission.ts makes of the configuration findings, as the analysis computes it. */
    readonly admission: Admission;
    /** The analysis's route engine result. */
    readonly routing: RoutingResult;
}

/** The services that built each document, so that code actions run as the server runs them. */
const servicesOf = new WeakMap<LangiumDocument, ReturnType<typeof createTestServices>['Azrs']>();

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' } as const;

/**
 * Builds the texts as one workspace the way the server does (WorkspaceAnalysis: configuration
 * checks, admission, the route engine, routing checks) and returns what the editor shows.
 */
export async function check(texts: string | string[], options: { routesPerPeer?: number } = {}): Promise<Checked> {
    const services = createTestServices();
    const analysis = services.Azrs.analysis.WorkspaceAnalysis;
    if (options.routesPerPeer !== undefined) analysis.updateSettings({ routesPerPeer: options.routesPerPeer });
    const { documents, diagnostics } = await buildWorkspace(texts, services);
    for (const d of documents) servicesOf.set(d, services.Azrs);
    const { built, findings, routing } = analysis.get();
    const topology = built.topology;
    const configFindings = runTopologyChecks(topology, analysis.getSettings());
    const admission = admissionFrom(topology, configFindings);
    const seen = documents.map((_, i) => diagnostics[i].map((d): Seen => ({
        code: String(d.code), severity: SEVERITY[(d.severity ?? 1) as 1 | 2 | 3 | 4], range: d.range,
        message: typeof d.message === 'string' ? d.message : d.message.value,
        data: d.data as Record<string, unknown> | undefined, diagnostic: d
    })).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
    return { documents, seen, topology, findings, admission, routing };
}

/** `code/severity@line:col-line:col`, 1-based. */
export function fmt(s: Seen): string {
    const r = s.range;
    return `${s.code}/${s.severity}@${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** Every diagnostic of the first (or given) document as `code/severity@range`. */
export async function diagnose(texts: string | string[], options: { routesPerPeer?: number; file?: number } = {}): Promise<string[]> {
    const { seen } = await check(texts, options);
    return seen[options.file ?? 0].map(fmt);
}

/** Only the diagnostics of the given codes. */
export async function only(codes: string | string[], texts: string | string[], options: { routesPerPeer?: number; file?: number } = {}): Promise<string[]> {
    const wanted = new Set(Array.isArray(codes) ? codes : [codes]);
    const { seen } = await check(texts, options);
    return seen[options.file ?? 0].filter(s => wanted.has(s.code)).map(fmt);
}

/**
 * The code actions the server's provider offers for one diagnostic (each fix tried first, fix-check.ts);
 * with `tried: false`, a bare provider's, which offers every fix untried.
 */
export async function actionsFor(document: LangiumDocument, diagnostic: Diagnostic, options: { tried?: boolean } = {}): Promise<CodeAction[]> {
    const provider = new AzrsCodeActionProvider(options.tried === false ? undefined : servicesOf.get(document));
    const result = await provider.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri }, range: diagnostic.range,
        context: { diagnostics: [diagnostic], triggerKind: 1 }
    });
    return (result ?? []) as CodeAction[];
}

/** The document's text after one code action. */
export function apply(document: LangiumDocument, action: CodeAction): string {
    const edits = action.edit?.changes?.[document.textDocument.uri] ?? [];
    const text = TextDocument.create(document.textDocument.uri, 'azrs', 0, document.textDocument.getText());
    return TextDocument.applyEdits(text, edits);
}

/**
 * docs/semantics.md §5 in small: the NVA relays to the spoke route server what it learned from its hub's.
 * `session` is the NVA's session with the spoke route server; `extra` adds site prefixes.
 */
export const seedTopology = (session: string, extra = '') => `onprem dc1 { asn: 65021, prefixes: [10.2.13.0/25${extra}] }
hub hub1 {
  addressSpace: [10.101.0.0/16]
  routeServer rs1 { subnet: 10.101.1.0/26, branchToBranch: true }
  gateway ergw1 { type: ExpressRoute, connections: [dc1] }
  nva nva1 { ip: 10.101.3.10, asn: 65001 }
}
spoke spoke {
  addressSpace: [10.100.0.0/24]
  routeServer rs0 { subnet: 10.100.0.0/26 }
}
peering spoke -> hub1
peering hub1 -> spoke
bgp nva1 <-> rs1 { asOverride: true }
${session}`;
