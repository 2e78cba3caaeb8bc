import type { AstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import * as ast from '../generated/ast.js';

/**
 * One element per line at the top level; blocks written over several lines get their content
 * indented one level per nesting, blocks written on one line stay on one line (`{ prefix: ... }`);
 * `key: value`, `a -> b`, `a <-> b` and lists get single spaces.
 */
export class AzrsFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        if (ast.isModel(node)) {
            f.nodes(...node.elements).prepend(Formatting.newLines(1, { allowMore: true }));
            const first = node.elements[0];
            if (first && node.name === undefined) f.node(first).prepend(Formatting.noSpace());
            return;
        }
        f.keywords(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        f.keywords('->', '<->').surround(Formatting.oneSpace());
        f.keywords(',').prepend(Formatting.noSpace());
        f.keywords('[').append(Formatting.noSpace());
        f.keywords(']').prepend(Formatting.noSpace());
        const open = f.keyword('{');
        const close = f.keyword('}');
        if (open.nodes.length === 0 || close.nodes.length === 0) return;
        open.prepend(Formatting.oneSpace());
        const multiline = open.nodes[0].range.start.line !== close.nodes[0].range.start.line;
        if (multiline) {
            f.interior(open, close).prepend(Formatting.indent({ allowMore: true }));
            close.prepend(Formatting.newLine());
        } else {
            open.append(Formatting.oneSpace());
            close.prepend(Formatting.oneSpace());
            f.keywords(',').append(Formatting.oneSpace());
        }
    }
}
