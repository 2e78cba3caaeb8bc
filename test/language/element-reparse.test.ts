import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AstNode, CstNode, LangiumDocument, ParseResult } from 'langium';
import { CstUtils, isAstNode, isCompositeCstNode, isReference } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate.js';
import type { Model } from '../../language-server/src/generated/ast.js';
import { changeBetween, reparseElements } from '../../language-server/src/parser/element-reparse.js';
import { ROOT } from '../cli/cli-run.js';
import { buildWorkspace, codesAt, createTestServices } from '../helpers.js';

/**
 * Re-parsing only the edited top-level elements (element-reparse.ts) must give the tree a full
 * parse of the new text gives: every syntax node with its grammar element, offset and range, every
 * AST node with its properties, container and references' text, and then the same diagnostics.
 */

const services = createTestServices();
const parser = services.Azrs.parser.LangiumParser;
const parse = (text: string) => parser.parse<Model>(text);

const SAMPLE = readFileSync(join(ROOT, 'samples', 'dual-homed-er', 'dual-homed-er.azrs'), 'utf8');

/** The first difference between two trees, as a path and what differs; undefined when equal. */
function difference(actual: ParseResult<Model>, expected: ParseResult<Model>): string | undefined {
    const a = actual.value.$cstNode!;
    const e = expected.value.$cstNode!;
    if (a.root.fullText !== e.root.fullText) return 'root text';
    return cstDifference(a, e, 'cst') ?? astDifference(actual.value, expected.value, undefined, undefined, 'ast');
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

function astDifference(a: AstNode, e: AstNode, parent: AstNode | undefined, _eParent: AstNode | undefined, path: string): string | undefined {
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
    if (isAstNode(ev)) return isAstNode(av) ? astDifference(av, ev, owner, undefined, path) : `${path}: not a node`;
    if (isReference(ev)) {
        if (!isReference(av)) return `${path}: not a reference`;
        if (av.$refText !== ev.$refText || av.$refNode?.offset !== ev.$refNode?.offset) return `${path}: reference '${av.$refText}' at ${av.$refNode?.offset}`;
        return undefined;
    }
    return av === ev ? undefined : `${path}: ${JSON.stringify(av)} instead of ${JSON.stringify(ev)}`;
}

/** Applies `edit` to `previous` by re-parsing elements; checks against a full parse; says whether it was incremental. */
function check(previous: ParseResult<Model>, newText: string): { result: ParseResult<Model>; incremental: boolean } {
    // A build reads ranges, which syntax nodes cache: they must not outlive the edit.
    for (const node of CstUtils.streamCst(previous.value.$cstNode!)) void node.range;
    const incremental = reparseElements(parser, previous, newText);
    const full = parse(newText);
    if (incremental) {
        const d = difference(incremental, full);
        if (d) expect.fail(`re-parse differs from a full parse: ${d}`);
        expect(incremental.parserErrors).toEqual([]);
    }
    return { result: incremental ?? full, incremental: incremental !== undefined };
}

function replaceAt(text: string, anchor: string, from: string, to: string): string {
    const at = text.indexOf(from, text.indexOf(anchor));
    expect(at, `${from} after ${anchor}`).toBeGreaterThanOrEqual(0);
    return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('re-parsing the edited elements only', () => {
    it('finds the change as the common prefix and suffix', () => {
        expect(changeBetween('abcdef', 'abXdef')).toEqual({ start: 2, oldEnd: 3, delta: 0 });
        expect(changeBetween('abcdef', 'abcXdef')).toEqual({ start: 3, oldEnd: 3, delta: 1 });
        expect(changeBetween('aaaa', 'aaa')).toEqual({ start: 3, oldEnd: 4, delta: -1 });
        expect(changeBetween('ab', 'ab')).toEqual({ start: 2, oldEnd: 2, delta: 0 });
    });

    it.each([
        ['a digit of a VM address replaced', (t: string) => replaceAt(t, 'vm app-vm', '10.200.0.10', '10.200.0.11')],
        ['a character added to a name', (t: string) => replaceAt(t, 'onprem dc2', 'dc2', 'dc22')],
        ['a property deleted', (t: string) => replaceAt(t, 'hub hub2', '  region: eastus\n', '')],
        ['a line broken in two', (t: string) => replaceAt(t, 'hub hub1', 'asn: 65001 }', 'asn: 65001\n  }')],
        ['a new VM typed into a spoke', (t: string) => replaceAt(t, 'vm app-vm', '}\n}', '}\n  vm db-vm { ip: 10.200.0.20 }\n}')],
        ['a new element typed between two', (t: string) => replaceAt(t, 'onprem dc2', '}\n\n//', '}\nonprem dc3 { asn: 65023 }\n\n//')],
        ['a block split into two elements', (t: string) => replaceAt(t, 'onprem dc1', '  prefixes: [10.2.13.0/25]\n', '}\nonprem dc9 {\n  prefixes: [10.2.13.0/25]\n')],
        ['a comment added inside a block', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: eastus /* the second */')],
        ['a whole line with a newline removed', (t: string) => replaceAt(t, 'hub hub1', '  vm hub1-vm { ip: 10.101.3.20 }\n', '')]
    ])('%s: the elements around it, with the same tree as a full parse', (_name, edit) => {
        const previous = parse(SAMPLE);
        const { incremental } = check(previous, edit(SAMPLE));
        expect(incremental).toBe(true);
    });

    it.each([
        ['the edit breaks the syntax', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: : eastus')],
        ['the edit removes a closing brace', (t: string) => replaceAt(t, 'vm hub1-vm', '}\n}', '}\n')],
        ['the edit is in the topology header', (t: string) => replaceAt(t, 'topology', 'dual-homed-er', 'dual-homed-er2')],
        ['the edit opens a comment that runs to the end', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: /* eastus')],
        ['the edit is after the last element', (t: string) => `${t}\nspoke extra {}\n`]
    ])('parses the whole file when %s', (_name, edit) => {
        const { incremental } = check(parse(SAMPLE), edit(SAMPLE));
        expect(incremental).toBe(false);
    });

    it('parses the whole file when the previous text had a syntax error', () => {
        const broken = replaceAt(SAMPLE, 'hub hub2', 'region: eastus', 'region: : eastus');
        const previous = parse(broken);
        expect(previous.parserErrors.length).toBeGreaterThan(0);
        expect(check(previous, replaceAt(broken, 'vm app-vm', '10.200.0.10', '10.200.0.11')).incremental).toBe(false);
    });

    it('gives a full parse\'s tree over chains of random edits (fast-check)', () => {
        const base = generateTopology(6, { sitePrefixes: [12, 3] }).text;
        // Edits that keep the syntax (a digit for a digit, blanks and comments between tokens, a
        // block split in two) and edits that break it, so that chains go through both paths.
        const anywhere = ['', 'a', '7', '.', '/', ' ', '\n', '{', '}', ',', ':', '[', ']', '/*', '"', '->', '<->', 'subnet', 'hub'];
        const betweenTokens = [' ', '\n', '\n\n  ', '// c\n', '/* c */', '/* a\nb */', ','];
        const edit = fc.oneof(
            { weight: 3, arbitrary: fc.record({ kind: fc.constant('digit' as const), at: fc.nat(), insert: fc.constantFrom(...'0123456789') }) },
            { weight: 3, arbitrary: fc.record({ kind: fc.constant('blank' as const), at: fc.nat(), insert: fc.constantFrom(...betweenTokens) }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), at: fc.nat(), insert: fc.constantFrom('}\nspoke s98 {', '}\n\nonprem s97 {\n') }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('any' as const), at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...anywhere) }) });
        const positionsOf = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map(m => m.index);
        let incremental = 0;
        let total = 0;
        fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), edits => {
            let text = base;
            let result = parse(text);
            for (const e of edits) {
                let at: number;
                let remove = 0;
                if (e.kind === 'any') {
                    at = e.at % (text.length + 1);
                    remove = e.remove;
                } else {
                    const candidates = positionsOf(text, e.kind === 'digit' ? /\d/g : e.kind === 'blank' ? /\s/g : /\n  vm /g);
                    if (candidates.length === 0) continue;
                    at = candidates[e.at % candidates.length];
                    remove = e.kind === 'digit' ? 1 : 0;
                }
                text = text.slice(0, at) + e.insert + text.slice(at + remove);
                const step = check(result, text);
                result = step.result;
                total++;
                if (step.incremental) incremental++;
            }
        }), { seed: 20261124, numRuns: 150 });
        // Both paths ran, the re-parse on most edits.
        expect(incremental).toBeGreaterThan(total / 3);
        expect(incremental).toBeLessThan(total);
    });

    it('gives the language server the same diagnostics as a fresh build, on the reused tree', async () => {
        const text = generateTopology(12, { sitePrefixes: [12, 3] }).text;
        const { documents } = await buildWorkspace(text, services);
        const document = documents[0] as LangiumDocument<Model>;
        const firstElement = document.parseResult.value.elements[0];
        const builder = services.shared.workspace.DocumentBuilder;
        let current = text;
        let version = 1;
        // A spoke moved onto another's address space, moved back, then a VM outside every subnet:
        // each build's diagnostics equal those of a fresh workspace with the same text.
        const vnetRange = /addressSpace: \[([^\]]+)\]/.exec(current.slice(current.indexOf('spoke spoke3')))![1];
        const edits = [
            (t: string) => replaceAt(t, 'spoke spoke5', /addressSpace: \[[^\]]*\]/.exec(t.slice(t.indexOf('spoke spoke5')))![0], `addressSpace: [${vnetRange}]`),
            () => text,
            (t: string) => replaceAt(t, 'spoke spoke7', '{', '{\n  vm extra { ip: 10.250.0.4 }')
        ];
        const seen: string[][] = [];
        for (const edit of edits) {
            current = edit(current);
            services.shared.workspace.TextDocuments!.set(TextDocument.create(document.uri.toString(), 'azrs', ++version, current));
            await builder.update([document.uri], []);
            expect(document.parseResult.value.$cstNode!.root.fullText).toBe(current);
            // Unchanged elements are the same objects: the tree was spliced, not rebuilt.
            expect(document.parseResult.value.elements[0]).toBe(firstElement);
            const fresh = await buildWorkspace(current);
            expect(codesAt(document.diagnostics ?? [])).toEqual(codesAt(fresh.diagnostics[0]));
            expect(document.diagnostics?.map(d => d.message)).toEqual(fresh.diagnostics[0].map(d => d.message));
            seen.push(codesAt(document.diagnostics ?? []));
        }
        // The edits did change the findings, and undoing the first one undid them.
        expect(seen[0].join()).toMatch(/subnet-outside-address-space/);
        expect(seen[1].join()).not.toMatch(/subnet-outside-address-space/);
        expect(seen[2]).not.toEqual(seen[1]);
    });
});
