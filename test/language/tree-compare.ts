import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import { CstUtils, isAstNode, isCompositeCstNode, isReference } from 'langium';
import { expect } from 'vitest';
import type { Model } from '../../language-server/src/generated/ast.js';
import { reparseElements } from '../../language-server/src/parser/element-reparse.js';

/**
 * Compares a tree re-parsed by elements (element-reparse.ts) with a full parse of the same text:
 * every syntax node with its grammar element, offset and range, every AST node with its
 * properties, container and references' text, and (checkReparse) the syntax and lexing errors.
 */

/** The first difference between two trees, as a path and what differs; undefined when equal. */
export function difference(actual: ParseResult<Model>, expected: ParseResult<Model>): string | undefined {
    const a = actual.value.$cstNode!;
    const e = expected.value.$cstNode!;
    if (a.root.fullText !== e.root.fullText) return 'root text';
    return cstDifference(a, e, 'cst') ?? astDifference(actual.value, expected.value, undefined, 'ast');
}

function cstDifference(a: CstNode, e: CstNode, path: string): string | undefined {
    const here = `${path} '${e.text}'`;
    if (a.constructor !== e.constructor) return `${here}: ${a.constructor.name} instead of ${e.constructor.name}`;
    if (a.grammarSource !== e.grammarSource) return `${here}: another grammar element`;
    if (a.hidden !== e.hidden) return `${here}: hidden ${a.hidden}`;
    if (a.offset !== e.offset || a.length !== e.length) return `${here}: at ${a.offset}+${a.length} instead of ${e.offset}+${e.length}`;
    if (JSON.stringify(a.range) !== JSON.stringify(e.range)) return `${here}: range ${JSON.stringify(a.range)} instead of ${JSON.stringify(e.range)}`;
    if (a.text !== e.text) return `${here}: text '${a.text}'`;
    const aAst = (a as unknown as { _astNode?: AstNode })._astNode;
    const eAst = (e as unknown as { _astNode?: AstNode })._astNode;
    if (aAst?.$type !== eAst?.$type) return `${here}: AST node ${aAst?.$type} instead of ${eAst?.$type}`;
    if (aAst && aAst.$cstNode !== a) return `${here}: its AST node's $cstNode is another node`;
    if (isCompositeCstNode(e)) {
        if (!isCompositeCstNode(a)) return `${here}: not composite`;
        if (a.content.length !== e.content.length) return `${here}: ${a.content.length} children instead of ${e.content.length}`;
        for (let i = 0; i < e.content.length; i++) {
            if (a.content[i].container !== a) return `${here} child ${i}: container is another node`;
            const d = cstDifference(a.content[i], e.content[i], `${path}/${i}`);
            if (d) return d;
        }
    } else if ((a as { tokenType?: { name: string } }).tokenType?.name !== (e as { tokenType?: { name: string } }).tokenType?.name) {
        return `${here}: another token type`;
    }
    return undefined;
}

function astDifference(a: AstNode, e: AstNode, parent: AstNode | undefined, path: string): string | undefined {
    if (a.$type !== e.$type) return `${path}: ${a.$type} instead of ${e.$type}`;
    if (a.$container !== parent) return `${path}: $container is not its parent`;
    if (a.$containerProperty !== e.$containerProperty || a.$containerIndex !== e.$containerIndex) {
        return `${path}: in ${a.$containerProperty}[${a.$containerIndex}] instead of ${e.$containerProperty}[${e.$containerIndex}]`;
    }
    if (a.$cstNode?.offset !== e.$cstNode?.offset || a.$cstNode?.end !== e.$cstNode?.end) return `${path}: syntax node at ${a.$cstNode?.offset}`;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)].filter(k => !k.startsWith('$')));
    for (const key of keys) {
        const av = (a as unknown as Record<string, unknown>)[key];
        const ev = (e as unknown as Record<string, unknown>)[key];
        const d = valueDifference(av, ev, a, `${path}.${key}`);
        if (d) return d;
    }
    return undefined;
}

function valueDifference(av: unknown, ev: unknown, owner: AstNode, path: string): string | undefined {
    if (Array.isArray(ev)) {
        if (!Array.isArray(av) || av.length !== ev.length) return `${path}: length ${Array.isArray(av) ? av.length : av} instead of ${ev.length}`;
        for (let i = 0; i < ev.length; i++) {
            const d = valueDifference(av[i], ev[i], owner, `${path}[${i}]`);
            if (d) return d;
        }
        return undefined;
    }
    if (isAstNode(ev)) return isAstNode(av) ? astDifference(av, ev, owner, path) : `${path}: not a node`;
    if (isReference(ev)) {
        if (!isReference(av)) return `${path}: not a reference`;
        if (av.$refText !== ev.$refText || av.$refNode?.offset !== ev.$refNode?.offset) return `${path}: reference '${av.$refText}' at ${av.$refNode?.offset}`;
        return undefined;
    }
    return av === ev ? undefined : `${path}: ${JSON.stringify(av)} instead of ${JSON.stringify(ev)}`;
}

type RecognitionError = ParseResult['parserErrors'][number];
type Token = RecognitionError['token'];

/** A syntax error as the document validator reads it: its message and its tokens' positions. */
function errorAsSeen(error: RecognitionError): unknown {
    const at = (t: Token | undefined) => t && [t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine, t.endColumn, t.image];
    return { name: error.name, message: error.message, token: at(error.token), previous: at((error as { previousToken?: Token }).previousToken) };
}

/**
 * Re-parses `previous` into `newText` by elements when it can, and fails the test if the tree
 * differs from a full parse of `newText`. Returns the tree and whether the re-parse was taken.
 */
export function checkReparse(parser: LangiumParser, previous: ParseResult<Model>, newText: string): { result: ParseResult<Model>; incremental: boolean } {
    const parse = (text: string) => parser.parse<Model>(text);
    // A build reads ranges, which syntax nodes cache: they must not outlive the edit.
    for (const node of CstUtils.streamCst(previous.value.$cstNode!)) void node.range;
    const incremental = reparseElements(parser, previous, newText);
    const full = parse(newText);
    if (incremental) {
        const d = difference(incremental, full);
        if (d) expect.fail(`re-parse differs from a full parse: ${d}`);
        expect(incremental.parserErrors.map(errorAsSeen)).toEqual(full.parserErrors.map(errorAsSeen));
        expect(incremental.lexerErrors).toEqual(full.lexerErrors);
    }
    return { result: incremental ?? full, incremental: incremental !== undefined };
}

