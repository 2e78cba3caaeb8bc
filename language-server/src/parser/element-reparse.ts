import type { ILexingError, IToken } from 'chevrotain';
import type { AstNode, CompositeCstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import { isCompositeCstNode } from 'langium';
import type { Model, TopElement } from '../generated/ast.js';

/**
 * Re-parses only the top-level elements an edit falls in, and splices them into the previous
 * syntax tree, instead of parsing the whole file again.
 *
 * A file of a thousand spokes is 330 KB and 54,000 tokens; a full parse takes 110-150 ms and
 * allocates a new tree for every one of them, which the next garbage collection then has to find
 * and free. A keystroke touches one block. The result is the tree a full parse of the new text
 * would build, node for node, or nothing, and the caller parses the whole text:
 *
 * - the change lies strictly inside a run of top-level elements whose first character is unchanged
 *   and whose last element ends with an unchanged `}`, or after the first character of the last
 *   element, the run then going to the end of the text. The text before the run lexes as before (a
 *   token that ended before the run still does), and no token reaches across a `}`;
 * - the run's new text parses on its own, as a model, with no `topology` header, and, unless it
 *   goes to the end, its last token is that `}`;
 * - when the previous text or the run's new text has lexing or syntax errors (error recovery can
 *   skip tokens, and join or split blocks), the run also takes the element after the change, which
 *   the edit did not touch, and that element must come out whole and without errors. The previous
 *   errors must all lie inside the run, so that the run's errors replace them, and no block comment
 *   may be left open in the run (a full parse may find its end after the run). The errors' tokens
 *   move with the run.
 *
 * A half-typed line is a syntax error on most keystrokes: these take the error path.
 *
 * The tree is changed in place: the run's elements and syntax nodes are replaced, the positions
 * of every syntax node after the run are shifted by the edit, and the root takes the new text.
 * Everything downstream (scopes, links, validation) is rebuilt as after a full parse.
 *
 * This reads and writes Langium 4's syntax-node fields (`_offset`, `_startLine`, `_rangeCache`,
 * `_text`...); test/language/element-reparse.test.ts compares the result with a full parse, node by
 * node, and fails if a Langium upgrade changes them.
 */

/** The fields of Langium's LeafCstNodeImpl, CompositeCstNodeImpl and RootCstNodeImpl written here. */
interface LeafFields {
    container: CompositeFields | undefined;
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}
interface CompositeFields {
    container: CompositeFields | undefined;
    content: Array<LeafFields | CompositeFields>;
    _rangeCache: unknown;
    _text?: string;
}

type Node = LeafFields | CompositeFields;

function isComposite(node: Node): node is CompositeFields {
    return 'content' in node;
}

/** Where the edit is, as the common prefix and suffix of the two texts. */
interface Change {
    /** First changed offset (the same in both texts). */
    readonly start: number;
    /** End of the changed part in the old text, exclusive. */
    readonly oldEnd: number;
    /** New length minus old length. */
    readonly delta: number;
}

export function changeBetween(oldText: string, newText: string): Change {
    const max = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    const maxSuffix = max - start;
    while (suffix < maxSuffix
        && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix, delta: newText.length - oldText.length };
}

function hasErrors(result: ParseResult): boolean {
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0;
}

type RecognitionError = ParseResult['parserErrors'][number];

/** The token before the error, which most of Chevrotain's exceptions carry. */
function previousToken(error: RecognitionError): IToken | undefined {
    return (error as { previousToken?: IToken }).previousToken;
}

/** The tokens of a syntax error that hold positions: where it is, and the token before it. */
function errorTokens(error: RecognitionError): IToken[] {
    const tokens = [error.token, ...error.resyncedTokens];
    const previous = previousToken(error);
    if (previous) tokens.push(previous);
    return tokens;
}

/** A token's offset in its text, or undefined for a token the parser made up (end of file, insertion). */
function offsetOf(token: IToken | undefined): number | undefined {
    return token && Number.isFinite(token.startOffset) && token.startOffset >= 0 ? token.startOffset : undefined;
}

/** Where a syntax error lies: its token's offset, or the one before's; Infinity at end of file. */
function errorOffset(error: RecognitionError): number {
    return offsetOf(error.token) ?? offsetOf(previousToken(error)) ?? Number.POSITIVE_INFINITY;
}

/** Where the lexing and syntax errors of a parse lie. */
function errorOffsets(result: ParseResult): number[] {
    return [...result.lexerErrors.map(e => e.offset), ...result.parserErrors.map(errorOffset)];
}

function lastLeaf(node: CstNode): CstNode {
    let n = node;
    while (isCompositeCstNode(n) && n.content.length > 0) n = n.content[n.content.length - 1];
    return n;
}

/** Composite children of the root are the elements, and the topology's name. */
function isElementNode(node: CstNode, model: Model): boolean {
    return isCompositeCstNode(node) && node.astNode !== model;
}

/** Ends with its own `}`: nothing of the next element was read into it. */
function endsWithBrace(node: CstNode, text: string): boolean {
    const closing = lastLeaf(node);
    return !closing.hidden && closing.end === node.end && closing.length === 1 && text[closing.offset] === '}';
}

/**
 * The new parse result for `newText`, built from `previous` (the parse of the text its root holds),
 * or undefined when only a full parse gives the right tree.
 */
export function reparseElements(parser: LangiumParser, previous: ParseResult<Model>, newText: string): ParseResult<Model> | undefined {
    const model = previous.value;
    const root = model.$cstNode;
    // Lexing reports (Langium's, for indentation) are not moved: this grammar has none.
    if (!isCompositeCstNode(root) || (previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    const oldText = root.root.fullText;
    if (oldText === newText) return previous;
    const change = changeBetween(oldText, newText);

    // The run of top-level syntax nodes that holds the change: from the last one starting before
    // it to the first one ending after it.
    const content = root.content;
    let first = -1;
    let last = -1;
    for (let i = 0; i < content.length; i++) {
        const node = content[i];
        if (!isElementNode(node, model)) continue;
        if (node.offset < change.start) first = i;
        if (node.end > change.oldEnd) {
            last = i;
            break;
        }
    }
    if (first < 0) return undefined;
    // A run to the end of the text may hold errors: nothing follows it to keep apart.
    if (last < 0) return orNothing(splice(parser, previous, newText, change, first, last, true));
    if (!hasErrors(previous)) {
        const result = splice(parser, previous, newText, change, first, last, false);
        if (result !== 'errors') return result;
    }
    // The previous text or the new run has a syntax error: take the next element into the run.
    let next = last + 1;
    while (next < content.length && !isElementNode(content[next], model)) next++;
    return orNothing(splice(parser, previous, newText, change, first, next < content.length ? next : -1, true));
}

function orNothing(result: ParseResult<Model> | undefined | 'errors'): ParseResult<Model> | undefined {
    return result === 'errors' ? undefined : result;
}

/**
 * Parses the run of `content[first..last]` (to the end of the text when `last` is -1) on its own
 * and splices it into the previous tree; 'errors' when the run has syntax errors and `careful`
 * is off.
 *
 * With `careful` on, syntax errors are allowed in the run, before and after the edit, because the
 * run's last element is one the edit did not touch, and it must come out of the new run whole:
 * error recovery (which can skip tokens up to the next one it can resume at) did not reach into
 * it, so a full parse is back between elements at its end, as the previous one was, and reads the
 * rest of the text as before. A run to the end of the text needs no such element.
 */
function splice(parser: LangiumParser, previous: ParseResult<Model>, newText: string, change: Change, first: number, last: number, careful: boolean): ParseResult<Model> | undefined | 'errors' {
    const model = previous.value;
    const root = model.$cstNode as CompositeCstNode;
    const content = root.content;
    const oldText = root.root.fullText;
    // An edit after the last element (typing a new one at the end of the file) takes the run to the
    // end of the text: nothing follows it to keep apart.
    const toEnd = last < 0;
    if (toEnd) last = content.length - 1;
    const runStart = content[first].offset;
    const runEnd = toEnd ? oldText.length : content[last].end;
    if (!toEnd && !endsWithBrace(content[last], oldText)) return undefined;
    // The previous errors are all replaced: none before the run or at its first token (where the
    // element before it finds a missing `}`), none in or after its last element but at its first
    // token (for the same reason, inside the run).
    if (errorOffsets(previous).some(at => at <= runStart || (!toEnd && at > content[last].offset))) return undefined;

    const runText = newText.substring(runStart, runEnd + change.delta);
    const run = parser.parse<Model>(runText);
    const runRoot = run.value.$cstNode;
    if ((run.lexerReport?.diagnostics.length ?? 0) > 0 || !isCompositeCstNode(runRoot) || run.value.name !== undefined || run.value.elements.length === 0) return undefined;
    if (hasErrors(run) && !careful) return 'errors';
    // A block comment the run leaves open may close after it in the whole text: its `/*` is a
    // lexing error here, but not in a full parse. (Since `/` is a token, VNET/SUBNET, the error
    // may start at the `*`.)
    if (!toEnd && run.lexerErrors.some(e => runText.slice(Math.max(0, e.offset - 1), e.offset + e.length + 1).includes('/*'))) return undefined;
    const runClosing = lastLeaf(runRoot);
    if (!toEnd && (runClosing.hidden || runClosing.end !== runText.length || runClosing.length !== 1)) return undefined;
    if (careful && !toEnd) {
        // The untouched last element, whole, as the run's last element, with no error in it. An
        // error may be found at its first token, by the element before it (a missing `}`). An error
        // inside it was error-free text parsed from the same state: no test or fuzz run has reached
        // that check; it stays as a guard, since getting it wrong would show wrong diagnostics.
        const lastNode = runRoot.content.at(-1)!;
        const oldLast = content[last];
        if (!isElementNode(lastNode, run.value) || lastNode.astNode !== run.value.elements.at(-1)
            || lastNode.offset !== oldLast.offset + change.delta - runStart || lastNode.end !== runText.length
            || errorOffsets(run).some(at => at > lastNode.offset)) return undefined;
    }

    // The elements the run replaces, and those it brings: one syntax node each.
    const elements = model.elements;
    const replaced = content.slice(first, last + 1).filter(n => isElementNode(n, model)).map(n => n.astNode);
    const firstElement = elements.indexOf(replaced[0] as TopElement);
    const endElement = toEnd ? elements.length : firstElement + replaced.length;
    if (firstElement < 0 || replaced.some((n, i) => elements[firstElement + i] !== n)) return undefined;
    const added = run.value.elements;
    const brought = runRoot.content.filter(n => isElementNode(n, run.value));
    if (brought.length !== added.length || brought.some((n, i) => n.astNode !== added[i])) return undefined;

    // Positions: the run's nodes move from the start of the run text to the run's place; nodes after
    // it move by the change in length, in lines, and in columns on the run's last line.
    const startLine = content[first].range.start.line;
    const startColumn = content[first].range.start.character;
    const oldClosing = lastLeaf(content[last]).range.end;
    const newClosing = runClosing.range.end;
    const newEndLine = newClosing.line + startLine;
    const newEndColumn = newClosing.character + (newClosing.line === 0 ? startColumn : 0);
    const lineDelta = newEndLine - oldClosing.line;
    const columnDelta = newEndColumn - oldClosing.character;

    const runNodes = runRoot.content as unknown as Node[];
    for (const node of runNodes) shift(node, runStart, 0, startLine, 0, startColumn);
    const shifted = new Set<IToken>();
    for (const error of run.parserErrors) {
        for (const token of errorTokens(error)) shiftToken(token, shifted, runStart, startLine, startColumn);
    }
    const lexerErrors = run.lexerErrors.map(e => lexingErrorAt(e, runStart, startLine, startColumn));
    if (!toEnd && (change.delta !== 0 || lineDelta !== 0 || columnDelta !== 0)) {
        for (let i = last + 1; i < content.length; i++) {
            shift(content[i] as unknown as Node, change.delta, oldClosing.line, lineDelta, oldClosing.line, columnDelta);
        }
    }

    const rootFields = root as unknown as CompositeFields;
    for (const node of runNodes) node.container = rootFields;
    rootFields.content.splice(first, last - first + 1, ...runNodes);
    rootFields._text = newText;
    rootFields._rangeCache = undefined;

    elements.splice(firstElement, endElement - firstElement, ...added);
    for (const element of added) (element as AstNode as { $container: AstNode }).$container = model;
    for (let i = firstElement; i < elements.length; i++) (elements[i] as AstNode as { $containerIndex: number }).$containerIndex = i;

    return { value: model, lexerErrors, lexerReport: run.lexerReport, parserErrors: run.parserErrors };
}

/**
 * A lexing error of the run's text at its place in the whole text. Chevrotain's message for an
 * unexpected character names its offset, which moves too.
 */
function lexingErrorAt(error: ILexingError, offset: number, line: number, column: number): ILexingError {
    const moved = error.offset + offset;
    return {
        ...error,
        offset: moved,
        line: error.line === undefined ? undefined : error.line + line,
        column: error.column === undefined || error.line !== 1 ? error.column : error.column + column,
        message: error.message.replace(`at offset: ${error.offset},`, `at offset: ${moved},`)
    };
}

/** Moves a token of the run's text to its place in the whole text (lines and columns from 1). */
function shiftToken(token: IToken, shifted: Set<IToken>, offset: number, line: number, column: number): void {
    if (offsetOf(token) === undefined || shifted.has(token)) return;
    shifted.add(token);
    token.startOffset += offset;
    if (token.endOffset !== undefined) token.endOffset += offset;
    if (token.startLine === 1 && token.startColumn !== undefined) token.startColumn += column;
    if (token.endLine === 1 && token.endColumn !== undefined) token.endColumn += column;
    if (token.startLine !== undefined) token.startLine += line;
    if (token.endLine !== undefined) token.endLine += line;
}

/**
 * Moves a subtree: offsets by `offset`; lines from `fromLine` on by `lineDelta`; columns on line
 * `columnLine` (before the move) by `columnDelta`. Cached ranges are dropped.
 */
function shift(node: Node, offset: number, fromLine: number, lineDelta: number, columnLine: number, columnDelta: number): void {
    if (isComposite(node)) {
        node._rangeCache = undefined;
        for (const child of node.content) shift(child, offset, fromLine, lineDelta, columnLine, columnDelta);
        return;
    }
    node._offset += offset;
    if (node._startLine === columnLine) node._startColumn += columnDelta;
    if (node._endLine === columnLine) node._endColumn += columnDelta;
    if (node._startLine >= fromLine) node._startLine += lineDelta;
    if (node._endLine >= fromLine) node._endLine += lineDelta;
}
