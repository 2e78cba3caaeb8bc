#!/usr/bin/env node
// Rewrites the contract's citations to the pages in docs/, in comments, test titles and Markdown
// prose across the repository (code and strings other than test titles are left alone):
//   LANGUAGE.md §2, LANGUAGE §2, §2 of LANGUAGE.md  ->  docs/language.md §2
//   SEMANTICS.md §4, SEMANTICS §5                   ->  docs/semantics.md §4
//   SEMANTICS.md / LANGUAGE.md named without a section -> docs/semantics.md / docs/language.md
// Run it after merging a branch that still cites the shared files:
//   node scripts/docs/rewrite-citations.mjs          rewrite in place, list what changed
//   node scripts/docs/rewrite-citations.mjs --check  change nothing; exit 1 if something would change
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { citingFiles, citingSegments, readRepoFile } from './citation-scan.mjs';

const PAGES = { LANGUAGE: 'docs/language.md', SEMANTICS: 'docs/semantics.md' };
/** The citation tooling names the old forms on purpose. */
const LEFT_ALONE = ['scripts/docs/', 'test/docs/'];

// A contract page's name not already under docs/ (nor part of a longer path or word).
const NAME = String.raw`(?<![\w./-])(LANGUAGE|SEMANTICS)`;
const WITH_SECTION = new RegExp(String.raw`${NAME}(?:\.md)?(?=\s*§)`, 'g');
const SECTION_OF = new RegExp(String.raw`(§\s*\d+(?:\.\d+)*\s+of\s+(?:the\s+)?)${NAME}(?:\.md)?\b`, 'g');
const BARE_FILE = new RegExp(String.raw`${NAME}\.md\b`, 'g');

/** The text of one citing segment with its citations rewritten. */
export function rewriteCitations(segment) {
    return segment
        .replace(SECTION_OF, (_, before, page) => `${before}${PAGES[page]}`)
        .replace(WITH_SECTION, (_, page) => PAGES[page])
        .replace(BARE_FILE, (_, page) => PAGES[page]);
}

/** A file's text with every citing segment rewritten; code and other strings unchanged. */
export function rewriteFile(path, text) {
    let out = '';
    let at = 0;
    for (const { start, end } of citingSegments(path, text)) {
        if (start < at) continue;
        out += text.slice(at, start) + rewriteCitations(text.slice(start, end));
        at = end;
    }
    return out + text.slice(at);
}

function main(argv) {
    const check = argv.includes('--check');
    const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
    const changed = [];
    for (const file of citingFiles(root)) {
        if (LEFT_ALONE.some(dir => file.startsWith(dir))) continue;
        const text = readRepoFile(root, file);
        const next = rewriteFile(file, text);
        if (next === text) continue;
        changed.push(file);
        if (!check) writeFileSync(join(root, file), next);
    }
    for (const file of changed) console.log(`${check ? 'would rewrite' : 'rewrote'} ${file}`);
    if (changed.length === 0) console.log('no citation of LANGUAGE.md or SEMANTICS.md left');
    return check && changed.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    process.exitCode = main(process.argv.slice(2));
}
