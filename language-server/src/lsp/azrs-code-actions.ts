import type { AstNode, CstNode, LangiumDocument, MaybePromise } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { AzrsServices } from '../azrs-module.js';
import { suppressedCodes } from '../validation/azrs-document-validator.js';
import { fixBlocker } from '../validation/fix-check.js';
import { IssueCodes, RULES_BY_CODE, type IssueCode } from '../validation/issue-codes.js';

/**
 * Builds the quick fix of a diagnostic from the AST, or undefined when the written text has nothing
 * to change; `isPreferred` is the table's flag (the fix `Ctrl+.` applies at once).
 */
type FixBuilder = (document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean) => CodeAction | undefined;

/**
 * The quick fix of each code that has one (docs/rules.md says what each does), and whether it is the
 * preferred fix; what each does to the topology is the catalogue's `fix.effect` (validation/fix-effect.ts).
 */
const FIXES: Readonly<Partial<Record<IssueCode, { readonly build: FixBuilder; readonly preferred: boolean }>>> = {
    [IssueCodes.MissingAsOverride]: { build: addAsOverride, preferred: true },
    [IssueCodes.BgpMultihopDisabled]: { build: (d, g, p) => setBgpFlag(d, g, 'multihop', true, p), preferred: true },
    [IssueCodes.PeeringNotConnected]: { build: addReversePeering, preferred: true },
    [IssueCodes.PrefixHostBits]: { build: normalisePrefix, preferred: true },
    // v2: the /26 that contains the written AzureFirewallSubnet.
    [IssueCodes.FirewallSubnetTooSmall]: { build: normalisePrefix, preferred: true },
    [IssueCodes.RouteTableOnRouteServerSubnet]: { build: (d, g, p) => removeProperty(d, g, 'Remove the route table from the RouteServerSubnet', p), preferred: true },
    [IssueCodes.ConnectionNotReciprocal]: { build: addReverseConnection, preferred: true },
    // Codes on a `useRemoteGateways: true` whose fix is to turn it off.
    [IssueCodes.DualHomedUseRemoteGateways]: { build: disableUseRemoteGateways, preferred: true },
    [IssueCodes.RemoteVnetHasNoGateways]: { build: disableUseRemoteGateways, preferred: true },
    [IssueCodes.UseRemoteGatewaysWithLocalGateway]: { build: disableUseRemoteGateways, preferred: true },
    [IssueCodes.MultipleUseRemoteGateways]: { build: disableUseRemoteGateways, preferred: true },
    // Anchored on the hub's peering when it exists (`data.reverse`): allowing transit there is the
    // fix, and preferred. Otherwise turning useRemoteGateways off is one of two fixes, not preferred.
    [IssueCodes.UseRemoteGatewaysWithoutTransit]: {
        build: (d, g, p) => typeof dataOf(g).reverse === 'string' ? allowGatewayTransit(d, g, true) : disableUseRemoteGateways(d, g, p),
        preferred: false
    }
};

/**
 * The codes this table builds a quick fix for. The rule catalogue states what each does to the
 * topology (`RuleInfo.fix`, validation/issue-codes.ts) for exactly these codes, which
 * test/checks/fix-effects.test.ts holds the two to.
 */
export function quickFixCodes(): IssueCode[] {
    return Object.keys(FIXES) as IssueCode[];
}

/**
 * Quick fixes for the azrs codes (docs/language.md §3, §4), keyed on `diagnostic.data.code`, plus a
 * "Suppress <code> on this line" action for every azrs code. Edits are computed from the AST and
 * its CST so that they land in the statement the diagnostic is about, whatever its layout.
 */
export class AzrsCodeActionProvider implements CodeActionProvider {
    /** Without services (a bare provider in a test), fixes are offered untried. */
    constructor(private readonly services?: AzrsServices) {}

    /**
     * Issue 17: the fix is tried on the topology first (validation/fix-check.ts); one that would keep
     * its finding or add an error is not offered.
     */
    protected harms(document: LangiumDocument, diagnostic: Diagnostic, code: string): boolean {
        const analysis = this.services?.analysis.WorkspaceAnalysis;
        if (!analysis) return false;
        const { built, findings, findingsByUri } = analysis.get();
        const r = diagnostic.range;
        const finding = (findingsByUri.get(document.uri.toString()) ?? []).find(f => f.code === code
            && f.at.range.start.line === r.start.line && f.at.range.start.character === r.start.character
            && f.at.range.end.line === r.end.line && f.at.range.end.character === r.end.character);
        if (!finding) return false;
        return fixBlocker(built.topology, finding, findings, analysis.getSettings()) !== undefined;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const code = codeOf(diagnostic);
            if (!code || !RULES_BY_CODE.has(code)) continue;
            const fix = this.harms(document, diagnostic, code) ? undefined : this.fix(document, diagnostic, code);
            if (fix) actions.push(fix);
            actions.push(suppress(document, diagnostic, code));
        }
        return actions.length > 0 ? actions : undefined;
    }

    protected fix(document: LangiumDocument, diagnostic: Diagnostic, code: string): CodeAction | undefined {
        const entry = FIXES[code as IssueCode];
        return entry?.build(document, diagnostic, entry.preferred);
    }
}

function codeOf(diagnostic: Diagnostic): string | undefined {
    const data = diagnostic.data as { code?: unknown } | undefined;
    if (typeof data?.code === 'string') return data.code;
    return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}

function dataOf(diagnostic: Diagnostic): Record<string, unknown> {
    return (diagnostic.data ?? {}) as Record<string, unknown>;
}

function quickFix(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
    return {
        title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred,
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
}

/** The innermost node of a type whose text holds the diagnostic's start. */
function nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, is: (n: AstNode) => n is T): T | undefined {
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    let found: T | undefined;
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        const cst = node.$cstNode;
        if (cst && is(node) && cst.offset <= offset && offset < cst.end) found = node;
    }
    return found;
}

function rangeOf(document: LangiumDocument, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}

function eol(document: LangiumDocument): string {
    return document.textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
}

function indentOfLine(document: LangiumDocument, line: number): string {
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/** B-ASOVERRIDE: `asOverride: true` into the session's block, or a new `{ asOverride: true }`. */
function addAsOverride(document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean): CodeAction | undefined {
    const session = nodeAt(document, diagnostic, ast.isBgpSession);
    const cst = session?.$cstNode;
    if (!session || !cst) return undefined;
    const title = `Add asOverride: true to 'bgp ${session.left?.$refText} <-> ${session.right?.$refText}'`;
    const written = GrammarUtils.findNodeForProperty(cst, 'asOverride');
    if (written) {
        return quickFix(document, diagnostic, title, [{ range: written.range, newText: 'true' }], isPreferred);
    }
    return quickFix(document, diagnostic, title, [insertProperty(document, cst, 'asOverride: true')], isPreferred);
}

/** Inserts `key: value` into the statement's `{ ... }` block, keeping its layout, or adds a block. */
function insertProperty(document: LangiumDocument, cst: CstNode, property: string): TextEdit {
    const open = GrammarUtils.findNodeForKeyword(cst, '{');
    const close = GrammarUtils.findNodesForKeyword(cst, '}').at(-1);
    if (!open || !close) {
        const end = document.textDocument.positionAt(cst.end);
        return { range: { start: end, end }, newText: ` { ${property} }` };
    }
    const text = document.textDocument.getText();
    let last = close.offset;
    while (last > open.end && /\s/.test(text[last - 1])) last--;
    if (last === open.end) {
        return { range: rangeOf(document, open.offset, close.end), newText: `{ ${property} }` };
    }
    const closeLine = close.range.start.line;
    const closeAlone = /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', close.offset - 1) + 1, close.offset));
    if (closeAlone && document.textDocument.positionAt(last).line < closeLine) {
        // A block written one property per line: a new line, indented like the last property.
        const lastLine = document.textDocument.positionAt(last).line;
        const start: Position = { line: closeLine, character: 0 };
        return { range: { start, end: start }, newText: `${indentOfLine(document, lastLine)}${property}${eol(document)}` };
    }
    const at = document.textDocument.positionAt(last);
    return { range: { start: at, end: at }, newText: text[last - 1] === ',' ? ` ${property}` : `, ${property}` };
}

/** BGP-MULTIHOP: the written `multihop: false` becomes `multihop: true`. */
function setBgpFlag(document: LangiumDocument, diagnostic: Diagnostic, property: 'multihop', value: boolean, isPreferred: boolean): CodeAction | undefined {
    const session = nodeAt(document, diagnostic, ast.isBgpSession);
    const written = session?.$cstNode && GrammarUtils.findNodeForProperty(session.$cstNode, property);
    if (!written) return undefined;
    return quickFix(document, diagnostic, `Set ${property}: ${value}`, [{ range: written.range, newText: String(value) }], isPreferred);
}

/** dual-homed-use-remote-gateways and friends: the written `useRemoteGateways: true` becomes false. */
function disableUseRemoteGateways(document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean): CodeAction | undefined {
    const peering = nodeAt(document, diagnostic, ast.isPeering);
    const written = peering?.$cstNode && GrammarUtils.findNodeForProperty(peering.$cstNode, 'useRemoteGateways');
    if (!peering || !written) return undefined;
    return quickFix(document, diagnostic, `Set useRemoteGateways: false on '${peering.from?.$refText} -> ${peering.to?.$refText}'`,
        [{ range: written.range, newText: 'false' }], isPreferred);
}

/** use-remote-gateways-without-transit (PF-URG (a)): `allowGatewayTransit: true` on the hub's peering. */
function allowGatewayTransit(document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean): CodeAction | undefined {
    const peering = nodeAt(document, diagnostic, ast.isPeering);
    const cst = peering?.$cstNode;
    if (!peering || !cst) return undefined;
    const title = `Set allowGatewayTransit: true on '${peering.from?.$refText} -> ${peering.to?.$refText}'`;
    const written = GrammarUtils.findNodeForProperty(cst, 'allowGatewayTransit');
    const edit = written ? { range: written.range, newText: 'true' } : insertProperty(document, cst, 'allowGatewayTransit: true');
    return quickFix(document, diagnostic, title, [edit], isPreferred);
}

/** peering-not-connected: `peering b -> a` on the line after `peering a -> b`. */
function addReversePeering(document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean): CodeAction | undefined {
    const peering = nodeAt(document, diagnostic, ast.isPeering);
    const cst = peering?.$cstNode;
    const from = peering?.from?.$refText;
    const to = peering?.to?.$refText;
    if (!peering || !cst || !from || !to || from === to) return undefined;
    const end = document.textDocument.positionAt(cst.end);
    const statement = `peering ${to} -> ${from}`;
    return quickFix(document, diagnostic, `Add the reverse peering '${to} -> ${from}'`,
        [{ range: { start: end, end }, newText: `${eol(document)}${indentOfLine(document, cst.range.start.line)}${statement}` }], isPreferred);
}

/** prefix-host-bits: the literal becomes its network (`data.normalized`). */
function normalisePrefix(document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean): CodeAction | undefined {
    const normalized = (diagnostic.data as { normalized?: unknown } | undefined)?.normalized;
    if (typeof normalized !== 'string') return undefined;
    return quickFix(document, diagnostic, `Change to ${normalized}`, [{ range: diagnostic.range, newText: normalized }], isPreferred);
}

/**
 * connection-not-reciprocal: the other gateway lists this one back, in its own file if it is
 * written elsewhere: appended to its `connections`, or a new `connections: [...]`.
 */
function addReverseConnection(document: LangiumDocument, diagnostic: Diagnostic, isPreferred: boolean): CodeAction | undefined {
    const gateway = nodeAt(document, diagnostic, ast.isGateway);
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    const reference = gateway?.connections.find(c => c.$refNode && c.$refNode.offset <= offset && offset < c.$refNode.end);
    const other = reference?.ref;
    const otherCst = other?.$cstNode;
    if (!gateway?.name || !other || !ast.isGateway(other) || !otherCst) return undefined;
    const target = AstUtils.getDocument(other);
    const items = other.connections.map(c => c.$refNode).filter((n): n is CstNode => n !== undefined);
    let edit: TextEdit;
    if (items.length > 0) {
        const end = target.textDocument.positionAt(items[items.length - 1].end);
        edit = { range: { start: end, end }, newText: `, ${gateway.name}` };
    } else {
        const keyword = GrammarUtils.findNodeForKeyword(otherCst, 'connections');
        const bracket = keyword ? target.textDocument.getText().indexOf('[', keyword.end) : -1;
        edit = bracket >= 0
            ? { range: rangeOf(target, bracket + 1, bracket + 1), newText: gateway.name }
            : insertProperty(target, otherCst, `connections: [${gateway.name}]`);
    }
    return {
        title: `Add '${gateway.name}' to the connections of '${other.name}'`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred,
        edit: { changes: { [target.textDocument.uri]: [edit] } }
    };
}

/**
 * Deletes the `key: value` the diagnostic covers, with the comma after it if there is one (a comma
 * between properties is optional).
 */
function removeProperty(document: LangiumDocument, diagnostic: Diagnostic, title: string, isPreferred: boolean): CodeAction | undefined {
    const text = document.textDocument.getText();
    const start = document.textDocument.offsetAt(diagnostic.range.start);
    let end = document.textDocument.offsetAt(diagnostic.range.end);
    const after = /^\s*,/.exec(text.slice(end));
    if (after) end += after[0].length;
    // The comma before it, when it was the last property of its line: `{ prefix: x, routeTable: y }`.
    let from = start;
    const before = /,\s*$/.exec(text.slice(0, start));
    if (!after && before && !before[0].includes('\n')) from = start - before[0].length;
    return quickFix(document, diagnostic, title, [{
        range: { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(end) }, newText: ''
    }], isPreferred);
}

/** `// azrs-disable-next-line <code>` above the diagnostic's first line, or added to one already there. */
function suppress(document: LangiumDocument, diagnostic: Diagnostic, code: string): CodeAction {
    const line = diagnostic.range.start.line;
    const title = `Suppress ${code} on this line`;
    const action = (edit: TextEdit): CodeAction => ({
        title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
        edit: { changes: { [document.textDocument.uri]: [edit] } }
    });
    if (line > 0) {
        const previous = document.textDocument.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).replace(/\r?\n$/, '');
        if (suppressedCodes(previous).length > 0) {
            const at: Position = { line: line - 1, character: previous.replace(/[ \t]+$/, '').length };
            return action({ range: { start: at, end: at }, newText: ` ${code}` });
        }
    }
    const start: Position = { line, character: 0 };
    return action({ range: { start, end: start }, newText: `${indentOfLine(document, line)}// azrs-disable-next-line ${code}${eol(document)}` });
}
