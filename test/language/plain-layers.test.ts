import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * CONTRIBUTING.md "The house in one picture": model/ and routing/ are plain TypeScript over plain
 * data. They import nothing from Langium, VS Code or the generated AST, and nothing from the
 * layers above them.
 */
const SRC = join(__dirname, '../../language-server/src');
const FORBIDDEN = [/^langium(\/|$)/, /^vscode(-|$|\/)/, /\/generated\//, /\/(analysis|validation|lsp|diagram|cli|references|parser|import|verify)\//];

function importsOf(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(m => m[1] ?? m[2]);
}

function tsFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

describe('model/ and routing/ import nothing from Langium', () => {
    for (const layer of ['model', 'routing']) {
        it(`${layer}/ imports only plain modules`, () => {
            const files = tsFiles(join(SRC, layer));
            expect(files.length).toBeGreaterThan(0);
            const bad = files.flatMap(f => importsOf(f)
                .filter(spec => FORBIDDEN.some(re => re.test(spec)))
                .map(spec => `${relative(SRC, f)} imports ${spec}`));
            expect(bad).toEqual([]);
        });
    }
});
