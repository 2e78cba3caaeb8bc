import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../helpers.js';

describe('smoke', () => {
    it('parses the LANGUAGE.md example', async () => {
        const { readFileSync } = await import('node:fs');
        const md = readFileSync('../shared/LANGUAGE.md', 'utf8');
        const text = /```azrs\n([\s\S]*?)```/.exec(md)![1];
        const { documents, diagnostics } = await buildWorkspace(text);
        console.log(diagnostics[0].map(d => `${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n'));
        expect(documents[0].parseResult.parserErrors).toEqual([]);
    });
});
