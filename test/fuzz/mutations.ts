import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateTopology } from '../../bench/generate.js';
import { ROOT } from '../cli/cli-run.js';

/**
 * Inputs for the fuzz tests: the samples and fixtures, mutated the ways an editor buffer gets
 * broken (tokens deleted, duplicated and shuffled, random bytes, huge numbers, deep nesting,
 * truncation), several mutations at a time.
 */

function azrsFiles(dir: string): string[] {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) out.push(...azrsFiles(join(dir, e.name)));
        else if (e.name.endsWith('.azrs')) out.push(join(dir, e.name));
    }
    return out.sort();
}

export const SEEDS: readonly string[] = [
    ...azrsFiles(join(ROOT, 'samples')).map(f => readFileSync(f, 'utf8')),
    ...azrsFiles(join(ROOT, 'test', 'fixtures')).map(f => readFileSync(f, 'utf8')),
    generateTopology(6, { sitePrefixes: [12, 3] }).text
];

/** Tokens as an editor sees them: words, literals, punctuation, whitespace and comments. */
const TOKEN = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|\s+|[A-Za-z_][A-Za-z0-9_-]*|[0-9][0-9A-Fa-f.:/]*|<->|->|[^\sA-Za-z0-9_]/g;

export function tokens(text: string): string[] {
    return text.match(TOKEN) ?? [];
}

export type Mutation =
    | { kind: 'delete'; at: number; count: number }
    | { kind: 'duplicate'; at: number; count: number }
    | { kind: 'swap'; a: number; b: number }
    | { kind: 'shuffle'; at: number; window: number; seed: number }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'number'; at: number; value: string }
    | { kind: 'nest'; at: number; open: string; depth: number }
    | { kind: 'truncate'; at: number };

const HUGE_NUMBERS = [
    '0', '4294967295', '4294967296', '65535', '65536', '99999999999999999999999999999999999999',
    '000000000000000000000000000001', '9007199254740993', '1' + '0'.repeat(400), '300', '33'
];
const ODD_LITERALS = [
    '999.1.1.1/99', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/00', '1.2.3', '1.2.3.4.5', '01.2.3.4', '256.0.0.0/8',
    '::1', 'fe80::1/64', '2001:db8::/32', '1.2.3.4/32', '0.0.0.0/0', '10.1.0.1/16', '1.' + '1.'.repeat(200) + '1'
];
const OPENERS = ['{', '[', '(', 'hub x {', 'subnet s {', 'routeTable t { route r {', '/*', '"', 'peering a -> ', 'bgp a <-> ', '[1.1.1.1/32,'];
const STRANGE = ['\u0000', '\r', '\r\n', '\uFEFF', '\u2028', '\uD800', '\uDFFF', '😀', '\t', '\\', '${', '<-', '<->', '->->', ',,,', '}}}}', ']]', ':::'];

const index = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: index, count: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: index, count: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('swap' as const), a: index, b: index }),
    fc.record({ kind: fc.constant('shuffle' as const), at: index, window: fc.integer({ min: 2, max: 40 }), seed: fc.nat() }),
    fc.record({
        kind: fc.constant('insert' as const), at: index,
        text: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...STRANGE), fc.string({ unit: 'grapheme', maxLength: 20 }))
    }),
    fc.record({ kind: fc.constant('number' as const), at: index, value: fc.oneof(fc.constantFrom(...HUGE_NUMBERS, ...ODD_LITERALS), fc.bigInt({ min: 0n, max: 2n ** 80n }).map(String)) }),
    fc.record({ kind: fc.constant('nest' as const), at: index, open: fc.constantFrom(...OPENERS), depth: fc.integer({ min: 50, max: 2000 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: index })
);

export function applyMutation(text: string, m: Mutation): string {
    const t = tokens(text);
    if (t.length === 0) return m.kind === 'insert' ? m.text : m.kind === 'nest' ? m.open.repeat(m.depth) : text;
    const at = 'at' in m ? m.at % (t.length + 1) : 0;
    switch (m.kind) {
        case 'delete':
            t.splice(at, m.count);
            break;
        case 'duplicate':
            t.splice(at, 0, ...t.slice(at, at + m.count));
            break;
        case 'swap': {
            const a = m.a % t.length;
            const b = m.b % t.length;
            [t[a], t[b]] = [t[b], t[a]];
            break;
        }
        case 'shuffle': {
            const part = t.slice(at, at + m.window);
            let s = m.seed;
            for (let i = part.length - 1; i > 0; i--) {
                s = (s * 1103515245 + 12345) & 0x7fffffff;
                const j = s % (i + 1);
                [part[i], part[j]] = [part[j], part[i]];
            }
            t.splice(at, part.length, ...part);
            break;
        }
        case 'insert':
            t.splice(at, 0, m.text);
            break;
        case 'number': {
            // Replace the first number-like token at or after `at`, else insert the value there.
            const k = t.findIndex((x, i) => i >= at && /^[0-9]/.test(x));
            if (k >= 0) t[k] = m.value;
            else t.splice(at, 0, ` ${m.value} `);
            break;
        }
        case 'nest':
            t.splice(at, 0, m.open.repeat(m.depth));
            break;
        case 'truncate':
            t.length = at;
            break;
    }
    return t.join('');
}

/** A seed with one to four mutations applied. */
export const mutatedText: fc.Arbitrary<string> = fc
    .record({ seed: fc.nat({ max: SEEDS.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, mutations }) => mutations.reduce(applyMutation, SEEDS[seed]));

/** The lines of a text as LSP counts them (\n, \r\n and \r end a line). */
export function lineLengths(text: string): number[] {
    return text.split(/\r\n|\r|\n/).map(l => l.length);
}

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }

/** Why a range is not inside the document, or undefined when it is. */
export function rangeProblem(range: Range, lines: readonly number[]): string | undefined {
    for (const [name, p] of [['start', range.start], ['end', range.end]] as const) {
        if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `${name} is not integral: ${JSON.stringify(p)}`;
        if (p.line < 0 || p.line >= lines.length) return `${name} line ${p.line} outside 0..${lines.length - 1}`;
        if (p.character < 0 || p.character > lines[p.line]) return `${name} character ${p.character} outside 0..${lines[p.line]} on line ${p.line}`;
    }
    if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
        return `start after end: ${JSON.stringify(range)}`;
    }
    return undefined;
}

/** Long run (`npm run fuzz`, AZRS_FUZZ_LONG=1): a time budget instead of a few runs. */
export const LONG = process.env.AZRS_FUZZ_LONG === '1';

/**
 * Run settings: a handful of runs in `npm test`, from a fixed seed so that the suite gives the same
 * answer on every machine; a time budget from a random seed in the long run, which explores. A
 * failure prints its seed and path; AZRS_FUZZ_SEED and AZRS_FUZZ_PATH replay it.
 */
const SHORT_RUN_SEED = 20261124;

export function runs(short: number, longMs: number): fc.Parameters<unknown> {
    const replay = process.env.AZRS_FUZZ_SEED !== undefined
        ? { seed: Number(process.env.AZRS_FUZZ_SEED), ...(process.env.AZRS_FUZZ_PATH ? { path: process.env.AZRS_FUZZ_PATH } : {}) }
        : {};
    return LONG
        ? { numRuns: 1_000_000, interruptAfterTimeLimit: longMs, markInterruptAsFailure: false, ...replay }
        : { numRuns: short, seed: SHORT_RUN_SEED, ...replay };
}

/** AZRS_FUZZ_DUMP=FILE: each input is written there before it runs, so the last one is the culprit. */
export function dump(text: string): void {
    if (process.env.AZRS_FUZZ_DUMP) writeFileSync(process.env.AZRS_FUZZ_DUMP, text);
}
