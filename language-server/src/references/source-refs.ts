import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarAST } from 'langium';
import type * as T from '../model/topology.js';
import { partitionPoint } from '../model/search.js';

/**
 * Source positions of the topology's elements, read from Langium's CST: the Langium side of
 * `SourceRef` and `PropertyRefs` (model/topology.ts), so that model/ stays plain data. The topology
 * builder (analysis/topology-builder.ts) attaches them to each element.
 */

/** Records where each written property is: its value, `key: value`, and list items. */
export function propertyRefs(uri: string, node: AstNode, properties: string[]): T.PropertyRefs {
    const cst = node.$cstNode;
    if (!cst) return {};
    // One walk of the element's CST for all its properties.
    const found = propertyNodes(cst);
    let leaves: ElementLeaves | undefined;
    const out: Record<string, T.PropertyRef> = {};
    for (const property of properties) {
        const values = found.get(property);
        if (!values || values.length === 0) continue;
        leaves ??= new ElementLeaves(cst);
        const isList = Array.isArray((node as unknown as Record<string, unknown>)[property]);
        const items = isList ? values : [values[values.length - 1]];
        const first = items[0];
        const last = items[items.length - 1];
        const keyword = leaves.keywordBefore(first);
        const start = keyword ?? first;
        const end = isList ? leaves.closingBracketAfter(last) ?? last : last;
        out[property] = {
            value: { uri, range: isList ? span(start, end) : rangeOf(last) },
            whole: { uri, range: span(start, end) },
            items: items.map(i => ({ uri, range: rangeOf(i) }))
        };
    }
    return out;
}

interface LazyHolder {
    compute: (() => T.PropertyRefs) | undefined;
    value: T.PropertyRefs | undefined;
}

function resolve(holder: LazyHolder): T.PropertyRefs {
    if (!holder.value) {
        holder.value = holder.compute!();
        holder.compute = undefined;
    }
    return holder.value;
}

/** See `lazy`. */
const LAZY_REFS: ProxyHandler<LazyHolder> = {
    get: (h, key) => (resolve(h) as Record<string | symbol, unknown>)[key],
    has: (h, key) => key in resolve(h),
    ownKeys: h => Reflect.ownKeys(resolve(h)),
    getOwnPropertyDescriptor: (h, key) => Reflect.getOwnPropertyDescriptor(resolve(h), key),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false
};

/**
 * A `PropertyRefs` that reads like the plain, read-only object `compute` returns and computes it on
 * first access: only elements that draw a finding need their positions.
 */
export function lazy(compute: () => T.PropertyRefs): T.PropertyRefs {
    return new Proxy<LazyHolder>({ compute, value: undefined }, LAZY_REFS) as unknown as T.PropertyRefs;
}

const EMPTY_RANGE: T.SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The node's range, or an empty range at 0:0 for an element the parser recovered without text. */
export function rangeOf(cst: CstNode | undefined): T.SourceRange {
    return cst ? cst.range : EMPTY_RANGE;
}

function span(a: CstNode, b: CstNode): T.SourceRange {
    return { start: a.range.start, end: b.range.end };
}

/** The assigned feature of each grammar element, by element: grammar elements live as long as the grammar. */
const featureOf = new WeakMap<object, string | null>();

function assignedFeature(node: CstNode): string | undefined {
    const source = node.grammarSource;
    if (!source) return undefined;
    let feature = featureOf.get(source);
    if (feature === undefined) {
        feature = AstUtils.getContainerOfType(source, GrammarAST.isAssignment)?.feature ?? null;
        featureOf.set(source, feature);
    }
    return feature ?? undefined;
}

/**
 * The CST nodes of each property of the element whose CST is `root`, in document order: what
 * `GrammarUtils.findNodesForProperty(root, property)` returns for every property, in one walk.
 */
function propertyNodes(root: CstNode): Map<string, CstNode[]> {
    const out = new Map<string, CstNode[]>();
    const element = root.astNode;
    const visit = (node: CstNode, blocked: readonly string[]): void => {
        const children = (node as { content?: CstNode[] }).content;
        if (!children || node.astNode !== element) return;
        for (const child of children) {
            const feature = assignedFeature(child);
            let inner = blocked;
            if (feature !== undefined) {
                // findNodesForProperty stops at the first node of the property and does not look inside it.
                if (!blocked.includes(feature)) {
                    let list = out.get(feature);
                    if (!list) out.set(feature, list = []);
                    list.push(child);
                }
                inner = blocked.includes(feature) ? blocked : [...blocked, feature];
            }
            visit(child, inner);
        }
    };
    visit(root, []);
    return out;
}

/**
 * The leaves of an element's CST in document order, with what `refs` asks of them: the property
 * keyword (`asn`) written before a value node, and the `]` that closes a list.
 */
class ElementLeaves {
    private readonly offsets: number[] = [];
    /** Per leaf index i: the last alphabetic keyword among leaves [0, i), or -1. */
    private readonly keywordUpTo: number[] = [];
    /** Per leaf index i: the first `]` among leaves [i, n), or -1. */
    private readonly bracketFrom: number[] = [];
    /** In document order: a CST's leaves, hidden ones included, are in the order of the text. */
    private readonly leaves: CstNode[] = [];

    constructor(element: CstNode) {
        collectLeaves(element, this.leaves);
        let keyword = -1;
        for (let i = 0; i < this.leaves.length; i++) {
            const leaf = this.leaves[i];
            this.offsets.push(leaf.offset);
            this.keywordUpTo.push(keyword);
            if (leaf.grammarSource && (leaf.grammarSource as { $type?: string }).$type === 'Keyword' && /^[A-Za-z]/.test(leaf.text)) keyword = i;
        }
        this.keywordUpTo.push(keyword);
        let bracket = -1;
        this.bracketFrom.length = this.leaves.length + 1;
        this.bracketFrom[this.leaves.length] = -1;
        for (let i = this.leaves.length - 1; i >= 0; i--) {
            const leaf = this.leaves[i];
            if (leaf.length === 1 && leaf.text === ']') bracket = i;
            this.bracketFrom[i] = bracket;
        }
    }

    /** The last alphabetic keyword before the first leaf at or after `value`. */
    keywordBefore(value: CstNode): CstNode | undefined {
        const k = this.keywordUpTo[this.firstIndex(value.offset, false)];
        return k >= 0 ? this.leaves[k] : undefined;
    }

    /** The first `]` after `value`. */
    closingBracketAfter(value: CstNode): CstNode | undefined {
        const b = this.bracketFrom[this.firstIndex(value.offset, true)];
        return b >= 0 ? this.leaves[b] : undefined;
    }

    /** The first leaf index whose offset is >= (or, `strict`, >) `offset`; the leaf count if none. */
    private firstIndex(offset: number, strict: boolean): number {
        return partitionPoint(this.offsets.length, i => strict ? this.offsets[i] <= offset : this.offsets[i] < offset);
    }
}

function collectLeaves(node: CstNode, out: CstNode[]): void {
    const children = (node as { content?: CstNode[] }).content;
    if (!children) {
        out.push(node);
        return;
    }
    for (const child of children) collectLeaves(child, out);
}
