import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import { isCompositeCstNode } from 'langium';
import type { Model } from '../generated/ast.js';

/**
 * Re-parses only the top-level elements an edit falls in, and splices them into the previous
 * syntax tree, instead of parsing the whole file again.
 *
 * A file of a thousand spokes is 330 KB and 54,000 tokens; a full parse takes 110-150 ms and
 * allocates a new tree for every one of them, which the next garbage collection then has to find
 * and free. A keystroke touches one block. The result is the tree a full parse of the new text
 * would build, node for node, or nothing, and the caller parses the whole text:
 *
 * - the previous parse had no lexing or syntax error (error recovery can join or split blocks);
 * - the change lies strictly inside a run of top-level elements whose first character is unchanged
 *   and whose last element ends with an unchanged `}`, or after the first character of the last
 *   element, the run then going to the end of the text. The text before the run lexes as before (a
 *   token that ended before the run still does), and no token reaches across a `}`;
 * - the run's new text parses on its own, as a model, without any error, with no `topology`
 *   header, and, unless it goes to the end, its last token is that `}`.
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
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

function lastLeaf(node: CstNode): CstNode {
    let n = node;
    while (isCompositeCstNode(n) && n.content.length > 0) n = n.content[n.content.length - 1];
    return n;
}

/**
 * The new parse result for `newText`, built from `previous` (the parse of the text its root holds),
 * or undefined when only a full parse gives the right tree.
 */
export function reparseElements(parser: LangiumParser, previous: ParseResult<Model>, newText: string): ParseResult<Model> | undefined {
    const model = previous.value;
    const root = model.$cstNode;
    if (!isCompositeCstNode(root) || hasErrors(previous)) return undefined;
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
        // Composite children of the root are the elements, and the topology's name.
        if (!isCompositeCstNode(node) || node.astNode === model) continue;
        if (node.offset < change.start) first = i;
        if (node.end > change.oldEnd) {
            last = i;
            break;
        }
    }
    if (first < 0) return undefined;
    // An edit after the last element (typing a new one at the end of the file) takes the run to the
    // end of the text: nothing follows it to keep apart.
    const toEnd = last < 0;
    if (toEnd) last = content.length - 1;
    const runStart = content[first].offset;
    const runEnd = toEnd ? oldText.length : content[last].end;
    const closing = lastLeaf(content[last]);
    if (!toEnd && (closing.hidden || closing.end !== runEnd || closing.length !== 1 || oldText[closing.offset] !== '}')) return undefined;

    const runText = newText.substring(runStart, runEnd + change.delta);
    const run = parser.parse<Model>(runText);
    const runRoot = run.value.$cstNode;
    if (hasErrors(run) || !isCompositeCstNode(runRoot) || run.value.name !== undefined || run.value.elements.length === 0) return undefined;
    const runClosing = lastLeaf(runRoot);
    if (!toEnd && (runClosing.hidden || runClosing.end !== runText.length || runClosing.length !== 1)) return undefined;

    // The elements the run replaces.
    const elements = model.elements;
    const firstElement = content[first].astNode.$containerIndex!;
    const endElement = toEnd ? elements.length : content[last].astNode.$containerIndex! + 1;

    // Positions: the run's nodes move from the start of the run text to the run's place; nodes after
    // it move by the change in length, in lines, and in columns on the run's last line.
    const startLine = content[first].range.start.line;
    const startColumn = content[first].range.start.character;
    const oldClosing = closing.range.end;
    const newClosing = runClosing.range.end;
    const newEndLine = newClosing.line + startLine;
    const newEndColumn = newClosing.character + (newClosing.line === 0 ? startColumn : 0);
    const lineDelta = newEndLine - oldClosing.line;
    const columnDelta = newEndColumn - oldClosing.character;

    const runNodes = runRoot.content as unknown as Node[];
    for (const node of runNodes) shift(node, runStart, 0, startLine, 0, startColumn);
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

    const added = run.value.elements;
    elements.splice(firstElement, endElement - firstElement, ...added);
    for (const element of added) (element as AstNode as { $container: AstNode }).$container = model;
    for (let i = firstElement; i < elements.length; i++) (elements[i] as AstNode as { $containerIndex: number }).$containerIndex = i;

    return { value: model, lexerErrors: [], lexerReport: run.lexerReport, parserErrors: [] };
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
