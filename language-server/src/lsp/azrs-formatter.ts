import type { AstNode, CstNode } from 'langium';
import { CstUtils, isCompositeCstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import * as ast from '../generated/ast.js';

/**
 * One element per line at the top level; a block written over several lines puts each property
 * and nested element on its own line, indented one level per nesting; a block written on one line
 * stays on one line (`subnet s { prefix: 10.1.0.0/24 }`). `key: value`, `a -> b`, `a <-> b` and
 * lists get single spaces; an intent's `VNET/SUBNET` none.
 */
export class AzrsFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        if (ast.isModel(node)) {
            f.nodes(...node.elements.slice(node.name === undefined ? 1 : 0)).prepend(Formatting.newLines(1, { allowMore: true }));
            if (node.name === undefined && node.elements[0]) f.node(node.elements[0]).prepend(Formatting.noIndent());
            if (node.name !== undefined) f.property('name').prepend(Formatting.oneSpace());
            return;
        }
        if ('name' in node) f.property('name' as never).prepend(Formatting.oneSpace());
        f.keywords(':').prepend(Formatting.noSpace());
        f.keywords('->', '<->').surround(Formatting.oneSpace());
        // v2: VNET/SUBNET is one name.
        if (ast.isIntent(node)) f.keywords('/').surround(Formatting.noSpace());
        f.keywords(',').prepend(Formatting.noSpace());
        f.keywords(']').prepend(Formatting.noSpace());
        // Values after `:`, `,` and `[` (within one line of a block, and in one-line blocks).
        for (const token of blockTokens(f.keyword('{').nodes[0] ?? node.$cstNode)) {
            const before = previousText(token);
            if (before === ':' || before === ',') f.cst([token]).prepend(Formatting.oneSpace());
            else if (before === '[') f.cst([token]).prepend(Formatting.noSpace());
        }
        const open = f.keyword('{');
        const close = f.keyword('}');
        if (open.nodes.length === 0 || close.nodes.length === 0) return;
        open.prepend(Formatting.oneSpace());
        const starts = memberStarts(node, open.nodes[0], close.nodes[0]);
        if (open.nodes[0].range.start.line !== close.nodes[0].range.start.line) {
            // Indent the whole interior, then keep the rest of each property on its first line.
            f.interior(open, close).prepend(Formatting.indent());
            const rest = interiorTokens(node, open.nodes[0], close.nodes[0]).filter(c => !starts.includes(c));
            for (const token of rest) {
                const before = previousText(token);
                f.cst([token]).prepend(token.text === ':' || token.text === ',' || token.text === ']' || before === '[' ? Formatting.noSpace() : Formatting.oneSpace());
            }
            close.prepend(Formatting.newLine());
        } else {
            f.cst(starts).prepend(Formatting.oneSpace());
            close.prepend(Formatting.oneSpace());
        }
    }
}

function interiorTokens(_node: AstNode, open: CstNode, close: CstNode): CstNode[] {
    // The tokens of the block are the siblings of its `{` (an element reached through an
    // alternative rule has an extra CST level above them).
    const cst = open.container;
    if (!cst || !isCompositeCstNode(cst)) return [];
    return cst.content.filter(c => c.offset > open.offset && c.offset < close.offset && !c.hidden);
}

function blockTokens(anchor: CstNode | undefined): CstNode[] {
    const cst = anchor?.container ?? anchor;
    return cst && isCompositeCstNode(cst) ? cst.content.filter(c => !c.hidden) : [];
}

function previousText(node: CstNode): string | undefined {
    const siblings = node.container?.content ?? [];
    const i = siblings.indexOf(node);
    for (let j = i - 1; j >= 0; j--) if (!siblings[j].hidden) return siblings[j].text;
    return undefined;
}

/** The first token of each property (`asn` of `asn: 65001`) and each nested element in a block. */
function memberStarts(node: AstNode, open: CstNode, close: CstNode): CstNode[] {
    const cst = open.container;
    if (!cst || !isCompositeCstNode(cst)) return [];
    const out: CstNode[] = [];
    const children = cst.content.filter(c => c.offset > open.offset && c.offset < close.offset);
    children.forEach((child, i) => {
        if (child.astNode !== node) {
            out.push(child);
        } else if (/^[A-Za-z]/.test(child.text) && children[i + 1]?.text === ':') {
            out.push(child);
        }
    });
    return out.filter(c => !CstUtils.isCommentNode(c, ['ML_COMMENT', 'SL_COMMENT']));
}
