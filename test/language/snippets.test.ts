import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../helpers.js';

/**
 * extension/snippets.json: each snippet, with its placeholders at their defaults, parses without a
 * syntax error. Snippets of nested elements (a firewall, an NVA, a gateway) are tried inside a VNet.
 */
const SNIPPETS = JSON.parse(readFileSync(new URL('../../extension/snippets.json', import.meta.url), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

const NESTED = new Set(['firewall', 'nva', 'gateway']);

function expand(body: string[]): string {
    return body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

describe('snippets', () => {
    it.each(Object.entries(SNIPPETS))('%s parses', async (_name, snippet) => {
        const text = expand(snippet.body);
        const wrapped = NESTED.has(snippet.prefix) ? `hub h {\n${text}\n}` : text;
        const { documents } = await buildWorkspace(wrapped);
        expect(documents[0].parseResult.parserErrors.map(e => e.message)).toEqual([]);
        expect(documents[0].parseResult.lexerErrors).toEqual([]);
    });

    it('include the v2 elements', () => {
        const prefixes = Object.values(SNIPPETS).map(s => s.prefix);
        expect(prefixes).toEqual(expect.arrayContaining(['firewall', 'intent', 'nva', 'gateway']));
    });
});
