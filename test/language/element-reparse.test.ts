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
        ['a digit of a VM address replaced', (t: string) => replaceAt(t, 'vm app-vm', '10.200.0.10', '10.200.0.11')],
        ['a character added to a name', (t: string) => replaceAt(t, 'onprem dc2', 'dc2', 'dc22')],
        ['a property deleted', (t: string) => replaceAt(t, 'hub hub2', '  region: eastus\n', '')],
        ['a line broken in two', (t: string) => replaceAt(t, 'hub hub1', 'asn: 65001 }', 'asn: 65001\n  }')],
        ['a new VM typed into a spoke', (t: string) => replaceAt(t, 'vm app-vm', '}\n}', '}\n  vm db-vm { ip: 10.200.0.20 }\n}')],
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
        ['the edit is in the topology header', (t: string) => replaceAt(t, 'topology', 'dual-homed-er', 'dual-homed-er2')],
        ['the edit opens a comment that runs to the end', (t: string) => replaceAt(t, 'hub hub2', 'region: eastus', 'region: /* eastus')],
        ['a new element at the end is not closed yet', (t: string) => `${t}\nspoke extra {\n`]
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
