import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LangiumDocument, ParseResult } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate.js';
import type { Model } from '../../language-server/src/generated/ast.js';
import { changeBetween } from '../../language-server/src/parser/element-reparse.js';
import { ROOT } from '../cli/cli-run.js';
import { buildWorkspace, codesAt, createTestServices } from '../helpers.js';
import { checkReparse } from './tree-compare.js';

/**
 * Re-parsing only the edited top-level elements (element-reparse.ts) must give the tree a full
 * parse of the new text gives (tree-compare.ts), and then the same diagnostics. Chains of random
 * edits are in test/fuzz/reparse.test.ts.
 */

const services = createTestServices();
const parse = (text: string) => services.Azrs.parser.LangiumParser.parse<Model>(text);
const check = (previous: ParseResult<Model>, newText: string) => checkReparse(services.Azrs.parser.LangiumParser, previous, newText);

const SAMPLE = readFileSync(join(ROOT, 'samples', 'dual-homed-er', 'dual-homed-er.azrs'), 'utf8');

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
        ['a digit of a VM address replaced', (t: string) => replaceAt(t, 'vm app-vm {', '10.200.0.10', '10.200.0.11')],
        ['a character added to a name', (t: string) => replaceAt(t, 'onprem dc2', 'dc2', 'dc22')],
        ['a property deleted', (t: string) => replaceAt(t, 'hub hub2', '  region: eastus\n', '')],
        ['a line broken in two', (t: string) => replaceAt(t, 'hub hub1', 'asn: 65001 }', 'asn: 65001\n  }')],
        ['a new VM typed into a spoke', (t: string) => replaceAt(t, 'vm app-vm {', '}\n}', '}\n  vm db-vm { ip: 10.200.0.20 }\n}')],
        ['a new element typed between two', (t: string) => replaceAt(t, 'onprem dc2', '}\n\n//', '}\nonprem dc3 { asn: 65023 }\n\n//')],
        ['a block split into two elements', (t: string) => replaceAt(t, 'onprem dc1', '  prefixes: [10.2.13.0/25]\n', '}\nonprem dc9 {\n  prefixes: [10.2.13.0/25]\n')],
        ['a comment added inside a block', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: eastus /* the second */')],
        ['a whole line with a newline removed', (t: string) => replaceAt(t, 'hub hub1', '  vm hub1-vm { ip: 10.101.3.20 }\n', '')],
        ['a new element typed at the end of the file', (t: string) => `${t}\nspoke extra { vm e1 { ip: 10.250.0.4 } } // new\n`],
        ['a comment typed after the last element', (t: string) => `${t}/* the end */`]
    ])('%s: the elements around it, with the same tree as a full parse', (_name, edit) => {
        const previous = parse(SAMPLE);
        const { incremental } = check(previous, edit(SAMPLE));
        expect(incremental).toBe(true);
    });

    it('follows a new element typed at the end of the file keystroke by keystroke, braces closed by the editor', () => {
        let text = SAMPLE;
        let cursor = text.length;
        let result = parse(text);
        let steps = 0;
        for (const ch of '\nspoke new-spoke { vm v1 { ip: 10.250.0.4 } }') {
            // As VS Code does: typing `{` also inserts `}` after the cursor; typing `}` before one skips it.
            if (ch === '}' && text[cursor] === '}') {
                cursor++;
                continue;
            }
            const insert = ch === '{' ? '{}' : ch;
            text = text.slice(0, cursor) + insert + text.slice(cursor);
            cursor += 1;
            const valid = (r: ParseResult<Model>) => r.lexerErrors.length === 0 && r.parserErrors.length === 0;
            const wasValid = valid(result);
            const step = check(result, text);
            result = step.result;
            // A keystroke from a valid file to a valid file re-parses the last elements only.
            if (wasValid && valid(result)) {
                steps++;
                expect(step.incremental, JSON.stringify(text.slice(SAMPLE.length))).toBe(true);
            }
        }
        expect(result.value.elements.at(-1)).toMatchObject({ $type: 'VNet', name: 'new-spoke' });
        expect(steps).toBeGreaterThan(10);
    });

    it('keeps lines and columns right in a file with CRLF line ends', () => {
        const crlf = SAMPLE.replace(/\n/g, '\r\n');
        const edits = [
            (t: string) => replaceAt(t, 'vm app-vm', '10.200.0.10', '10.200.0.110'),
            (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: eastus\r\n  // two lines\r\n'),
            (t: string) => replaceAt(t, 'onprem dc1', 'asn: 65021\r\n', '')
        ];
        let text = crlf;
        let result = parse(text);
        for (const edit of edits) {
            text = edit(text);
            const step = check(result, text);
            expect(step.incremental).toBe(true);
            result = step.result;
        }
    });

    it.each([
        ['the edit breaks the syntax', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: : eastus')],
        ['the edit removes a closing brace', (t: string) => replaceAt(t, 'vm hub1-vm', '}\n}', '}\n')],
        ['the edit removes an element\'s last closing brace', (t: string) => replaceAt(t, 'vm hub1-vm', '}\n}', '}\n\n')],
        ['a list is left open', (t: string) => replaceAt(t, 'onprem dc1', 'prefixes: [10.2.13.0/25]', 'prefixes: [10.2.13.0/25')],
        ['the edit types a character no token begins with', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: eastus @')],
        ['a new element at the end is not closed yet', (t: string) => `${t}\nspoke extra {\n`]
    ])('re-parses the elements around it and the next one when %s, with the full parse\'s errors', (_name, edit) => {
        const { incremental, result } = check(parse(SAMPLE), edit(SAMPLE));
        expect(incremental).toBe(true);
        expect(result.parserErrors.length + result.lexerErrors.length).toBeGreaterThan(0);
    });

    it('follows a line typed with syntax errors on the way, keystroke by keystroke', () => {
        // The previous text's errors are in the element being typed into: each keystroke re-parses
        // that element and the next one, and the errors come out where a full parse puts them.
        const line = '  vm db-vm { ip: 10.200.0.20 }\n';
        const at = SAMPLE.indexOf('\n', SAMPLE.indexOf('vm app-vm {')) + 1;
        let result = parse(SAMPLE);
        let incremental = 0;
        let broken = 0;
        for (let i = 1; i <= line.length; i++) {
            const step = check(result, SAMPLE.slice(0, at) + line.slice(0, i) + SAMPLE.slice(at));
            result = step.result;
            if (step.incremental) incremental++;
            if (result.parserErrors.length > 0) broken++;
        }
        expect(broken).toBeGreaterThan(line.length / 2);
        expect(incremental).toBe(line.length);
        expect(result.parserErrors).toEqual([]);
    });

    it.each([
        ['the edit is in the topology header', (t: string) => replaceAt(t, 'topology', 'dual-homed-er', 'dual-homed-er2')],
        ['the edit opens a comment that runs to the end', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: /* eastus')],
        ['the edit removes the header comment\'s line break', (t: string) => t.replace('\n', ' ')],
        ['the edit leaves a comment open that a later one closes', (t: string) => replaceAt(t, 'Data centre 2', 'hub2. */', 'hub2.')]
    ])('parses the whole file when %s', (_name, edit) => {
        const { incremental } = check(parse(SAMPLE), edit(SAMPLE));
        expect(incremental).toBe(false);
    });

    it('parses the whole file when the previous text had a syntax error in another element', () => {
        const broken = replaceAt(SAMPLE, 'hub hub2', 'region: eastus', 'region: : eastus');
        const previous = parse(broken);
        expect(previous.parserErrors.length).toBeGreaterThan(0);
        const { incremental, result } = check(previous, replaceAt(broken, 'vm app-vm', '10.200.0.10', '10.200.0.11'));
        expect(incremental).toBe(false);
        expect(result.parserErrors.length).toBe(previous.parserErrors.length);
    });

    it('parses the whole file when the element before the edited one lost its closing brace', () => {
        // The error is found at the edited element's first token, but belongs to the one before.
        const broken = replaceAt(SAMPLE, 'onprem dc1', '10.2.13.0/25]\n}', '10.2.13.0/25]\n');
        const previous = parse(broken);
        expect(previous.parserErrors.map(e => e.token.image)).toEqual(['onprem']);
        const { incremental, result } = check(previous, replaceAt(broken, 'onprem dc2', '65022', '65023'));
        expect(incremental).toBe(false);
        expect(result.parserErrors.length).toBe(1);
    });

    it('re-parses the element with the previous text\'s syntax error when the edit mends it', () => {
        const broken = replaceAt(SAMPLE, 'hub hub2', 'region: eastus', 'region: : eastus');
        const { incremental, result } = check(parse(broken), SAMPLE);
        expect(incremental).toBe(true);
        expect(result.parserErrors).toEqual([]);
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
            (t: string) => replaceAt(t, 'spoke spoke7', '{', '{\n  vm extra { ip: 10.250.0.4 }'),
            // Half-typed: a lexing error ('.' alone) and a syntax error, on the error path.
            (t: string) => replaceAt(t, 'spoke spoke8', '{', '{\n  vm half { ip: 10.')
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
        expect(document.parseResult.lexerErrors.length).toBe(1);
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
    });
});
