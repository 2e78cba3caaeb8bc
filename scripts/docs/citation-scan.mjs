// Where the repository cites the documentation: comments, test titles and the Markdown pages.
// Shared by test/docs/citations.test.ts (every citation must have an entry in docs/) and
// scripts/docs/rewrite-citations.mjs (old-style citations become docs/ ones). Types: citation-scan.d.mts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/** Folders scanned below the repository root, and the top-level files. */
const ROOTS = ['language-server/src', 'extension/src', 'test', 'bench', 'scripts', 'grammar', 'samples', 'docs'];
const TOP_FILES = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'generated', '.git']);
const EXTENSIONS = new Set(['.ts', '.mts', '.mjs', '.cjs', '.js', '.langium', '.azrs', '.md']);

/** Every scanned file, as paths relative to `root` with `/` separators, sorted. */
export function citingFiles(root) {
    const files = [];
    const walk = dir => {
        let entries;
        try {
            entries = readdirSync(join(root, dir), { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const path = dir ? `${dir}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (!SKIP_DIRS.has(entry.name)) walk(path);
            } else if (EXTENSIONS.has(extname(entry.name))) {
                files.push(path);
            }
        }
    };
    for (const dir of ROOTS) walk(dir);
    for (const file of TOP_FILES) {
        try {
            if (statSync(join(root, file)).isFile()) files.push(file);
        } catch {
            // not every checkout has every top-level file
        }
    }
    return [...new Set(files.map(f => f.split(sep).join('/')))].sort();
}

/**
 * The parts of a file that cite: comments and test titles (`describe`, `it`, `test`) of TypeScript
 * and JavaScript; comments of the grammar and of `.azrs` files; the prose of Markdown (fenced code
 * blocks left out). Each segment is `{ start, end, kind }`, offsets into `text`, in text order.
 */
export function citingSegments(path, text) {
    const ext = extname(path);
    if (ext === '.md') return markdownProse(text);
    if (ext === '.langium' || ext === '.azrs') return regexComments(text);
    return scriptSegments(path, text);
}

function markdownProse(text) {
    const segments = [];
    const fence = /^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm;
    let at = 0;
    for (const match of text.matchAll(fence)) {
        if (match.index > at) segments.push({ start: at, end: match.index, kind: 'markdown' });
        at = match.index + match[0].length;
    }
    if (at < text.length) segments.push({ start: at, end: text.length, kind: 'markdown' });
    return segments;
}

function regexComments(text) {
    // Neither the grammar's comments nor .azrs have string literals that could hold `//`; the
    // grammar's terminal regexes may look like comments, which only widens the scan.
    return [...text.matchAll(/\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g)].map(m => ({ start: m.index, end: m.index + m[0].length, kind: 'comment' }));
}

const TEST_FUNCTIONS = new Set(['describe', 'it', 'test', 'suite']);

/** `describe(...)`, `it.skip(...)`, `test.each(table)(...)`: the name of the test function called. */
function testFunctionOf(callee) {
    let node = callee;
    while (true) {
        if (ts.isIdentifier(node)) return TEST_FUNCTIONS.has(node.text) ? node.text : undefined;
        if (ts.isPropertyAccessExpression(node)) node = node.expression;
        else if (ts.isCallExpression(node)) node = node.expression;
        else return undefined;
    }
}

function scriptSegments(path, text) {
    const kind = path.endsWith('.ts') || path.endsWith('.mts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    // Literals, where `//` and `/*` are text, not comments: found by the parser, which alone knows a
    // regex literal from a division.
    const literals = [];
    const titles = [];
    const visit = node => {
        if (ts.isStringLiteralLike(node) || ts.isRegularExpressionLiteral(node) || ts.isTemplateExpression(node)) {
            literals.push([node.getStart(source), node.getEnd()]);
        }
        if (ts.isCallExpression(node) && testFunctionOf(node.expression) && node.arguments.length > 0) {
            const title = node.arguments[0];
            if (ts.isStringLiteralLike(title) || ts.isTemplateExpression(title)) {
                titles.push({ start: title.getStart(source), end: title.getEnd(), kind: 'title' });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    literals.sort((a, b) => a[0] - b[0]);
    const comments = [];
    const comment = /\/\/[^\n\r]*|\/\*[\s\S]*?(?:\*\/|$)/y;
    let next = 0;
    for (let i = 0; i < text.length; i++) {
        while (next < literals.length && literals[next][1] <= i) next++;
        if (next < literals.length && literals[next][0] <= i) {
            i = literals[next][1] - 1;
            continue;
        }
        if (text.charCodeAt(i) !== 47 /* / */) continue;
        comment.lastIndex = i;
        const match = comment.exec(text);
        if (match) {
            comments.push({ start: i, end: i + match[0].length, kind: 'comment' });
            i += match[0].length - 1;
        }
    }
    return [...comments, ...titles].sort((a, b) => a.start - b.start);
}

/** 1-based line of an offset. */
export function lineOf(text, offset) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
}

/** `root`-relative path of an absolute one, with `/` separators. */
export function repoPath(root, path) {
    return relative(root, path).split(sep).join('/');
}

/** Reads a file of the repository. */
export function readRepoFile(root, path) {
    return readFileSync(join(root, path), 'utf8');
}
