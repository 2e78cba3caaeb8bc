import { LineCounter, parseDocument } from 'yaml';
import { ActualInputError } from './types.js';

/**
 * JSON with line numbers: `JSON.parse` decides what is valid (strict JSON, as `az -o json`
 * prints it), and the `yaml` package, whose documents keep each node's offset, gives the line
 * of each entry so that a finding can point at Azure's row.
 */

export interface JsonWithLines {
    readonly value: unknown;
    /** The 1-based line where the value at a path (`['value', 3]`) starts; 1 when not found. */
    lineOf(path: readonly (string | number)[]): number;
}

export function parseJsonWithLines(file: string, text: string): JsonWithLines {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw new ActualInputError(file, errorLine(text, e), `malformed JSON: ${jsonMessage(e)}`);
    }
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
    return {
        value,
        lineOf(path) {
            const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
            return node?.range ? counter.linePos(node.range[0]).line : 1;
        }
    };
}

function jsonMessage(e: unknown): string {
    const message = e instanceof Error ? e.message : String(e);
    // V8 quotes the whole input in some messages: keep the message short.
    return message.replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
}

function lineAt(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}

function errorLine(text: string, e: unknown): number {
    const message = e instanceof Error ? e.message : '';
    const at = /at position (\d+)/.exec(message);
    if (at) return lineAt(text, Number(at[1]));
    if (/Unexpected end of JSON input/.test(message)) return lineAt(text, text.length);
    // `Unexpected token 'x', "…" is not valid JSON` gives no position: the place is the first token
    // that is not JSON (`tru`), else a closing bracket right after a comma (a trailing comma).
    const scanner = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_]+|[{}[\],:]|\s+|./gs;
    let previous = '';
    for (const m of text.matchAll(scanner)) {
        const t = m[0];
        if (/^\s+$/.test(t)) continue;
        const known = /^("|-?\d)/.test(t) || ['true', 'false', 'null', '{', '}', '[', ']', ',', ':'].includes(t);
        if (!known || (previous === ',' && (t === ']' || t === '}'))) return lineAt(text, m.index!);
        previous = t;
    }
    return 1;
}
