import { citingSegments, lineOf } from '../../scripts/docs/citation-scan.mjs';

/** What a citation points at: a numbered section of a page in docs/, or an entry of one. */
export type Target =
    | { readonly kind: 'section'; readonly page: DocPage; readonly section: string }
    | { readonly kind: 'rule' | 'source' | 'scenario'; readonly id: string };

export type DocPage = 'language.md' | 'semantics.md' | 'azure-rules.md';

export interface Citation {
    readonly file: string;
    readonly line: number;
    /** The text as written, e.g. `SEMANTICS.md §4.5` or `RT-B2B`. */
    readonly text: string;
    readonly target: Target;
}

/**
 * Words written like rule IDs (capitals joined by hyphens) that are not rule IDs. Anything else of
 * that shape in a comment, a test title or a Markdown page must be an entry of docs/azure-rules.md:
 * that is how a rule ID added later (a v2 one, a new family) is caught without a list of families.
 */
export const NOT_RULE_IDS: ReadonlySet<string> = new Set(['SD-WAN', 'JSON-RPC', 'UTF-8', 'UTF-16', 'ROUTE-REFRESH', 'IPV4-ONLY', 'MPL-2',
    // Resource names of the Fortinet template the import e2e test reads (TO-BE-DEFINED--VNET, FGT-A).
    'TO-BE-DEFINED', 'FGT-A', 'FGT-B']);

const PAGE_OF: Record<string, DocPage> = {
    language: 'language.md', semantics: 'semantics.md', 'azure-rules': 'azure-rules.md', 'rule book': 'azure-rules.md'
};

// A page name, as the contract's (LANGUAGE.md, SEMANTICS, `SEMANTICS §5`), as docs/ (docs/language.md,
// semantics.md), or the rule book; then one or more sections: §3, §3/§4, §3, §4, §1-2, §4.5.
const PAGE = String.raw`(?:docs\/)?(?:LANGUAGE|SEMANTICS)(?:\.md)?|(?:docs\/)?(?:language|semantics|azure-rules)\.md|rule book`;
const SECTION = String.raw`\d+(?:\.\d+)*`;
const SECTIONS = String.raw`§\s*${SECTION}(?:\s*(?:,|\/|and)\s*§\s*${SECTION}|\s*[-–]\s*§?\s*${SECTION})*`;
const PAGE_THEN_SECTIONS = new RegExp(String.raw`\b(${PAGE})\s*(${SECTIONS})`, 'g');
const SECTION_OF_PAGE = new RegExp(String.raw`§\s*(${SECTION})\s+of\s+(?:the\s+)?(${PAGE})\b`, 'g');
const RULE_ID = /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b/g;
const SOURCE_KEY = /\bS\d{1,2}[bc]?\b/g;
const SCENARIO = /\bT[1-9]\b/g;

function pageOf(name: string): DocPage {
    const key = name.replace(/^docs\//, '').replace(/\.md$/, '').toLowerCase();
    return PAGE_OF[key];
}

/** The sections of `3, §4`, `1-2` (a range of whole sections) or `4.5`. */
function sectionsOf(list: string): string[] {
    const out: string[] = [];
    const parts = [...list.matchAll(new RegExp(String.raw`(${SECTION})|(-|–)`, 'g'))];
    for (let i = 0; i < parts.length; i++) {
        const [, number, dash] = parts[i];
        if (number) out.push(number);
        else if (dash && out.length > 0 && parts[i + 1]?.[1]) {
            const from = Number(out[out.length - 1]);
            const to = Number(parts[i + 1][1]);
            for (let n = from + 1; n < to; n++) out.push(String(n));
        }
    }
    return out;
}

/** Every citation in one file's comments, test titles or Markdown prose. */
export function citationsIn(file: string, text: string): Citation[] {
    const found: Citation[] = [];
    for (const segment of citingSegments(file, text)) {
        const part = text.slice(segment.start, segment.end);
        const at = (index: number) => lineOf(text, segment.start + index);
        for (const m of part.matchAll(PAGE_THEN_SECTIONS)) {
            for (const section of sectionsOf(m[2])) {
                found.push({ file, line: at(m.index), text: m[0], target: { kind: 'section', page: pageOf(m[1]), section } });
            }
        }
        for (const m of part.matchAll(SECTION_OF_PAGE)) {
            found.push({ file, line: at(m.index), text: m[0], target: { kind: 'section', page: pageOf(m[2]), section: m[1] } });
        }
        for (const m of part.matchAll(RULE_ID)) {
            if (!NOT_RULE_IDS.has(m[0])) found.push({ file, line: at(m.index), text: m[0], target: { kind: 'rule', id: m[0] } });
        }
        for (const m of part.matchAll(SOURCE_KEY)) found.push({ file, line: at(m.index), text: m[0], target: { kind: 'source', id: m[0] } });
        for (const m of part.matchAll(SCENARIO)) found.push({ file, line: at(m.index), text: m[0], target: { kind: 'scenario', id: m[0] } });
    }
    return found;
}

/** What the pages of docs/ hold: their numbered sections, rule entries, source keys and scenarios. */
export interface DocsIndex {
    readonly sections: ReadonlyMap<DocPage, ReadonlySet<string>>;
    readonly rules: ReadonlySet<string>;
    readonly sources: ReadonlySet<string>;
    readonly scenarios: ReadonlySet<string>;
}

/**
 * Reads the pages: a numbered heading (`## 4. A subnet's effective routes`, `### 4.5 Lookup`) is a
 * section; a heading that is a rule ID (`#### RT-B2B`) in azure-rules.md is a rule entry; an anchor
 * `<a id="s18"></a>S18` there a source key; a heading `### T1` in semantics.md a scenario.
 */
export function indexDocs(pages: Readonly<Record<DocPage, string>>): DocsIndex {
    const sections = new Map<DocPage, Set<string>>();
    for (const [page, text] of Object.entries(pages) as [DocPage, string][]) {
        sections.set(page, new Set([...text.matchAll(/^#{2,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)].map(m => m[1])));
    }
    const rules = new Set([...pages['azure-rules.md'].matchAll(/^#{2,6}\s+([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s*$/gm)].map(m => m[1]));
    const sources = new Set([...pages['azure-rules.md'].matchAll(/<a id="s\d+[bc]?"><\/a>(S\d+[bc]?)\b/g)].map(m => m[1]));
    const scenarios = new Set([...pages['semantics.md'].matchAll(/^#{2,6}\s+(T[1-9])\s*$/gm)].map(m => m[1]));
    return { sections, rules, sources, scenarios };
}

/** Why a citation has no entry in docs/, or undefined when it has one. */
export function missingEntry(citation: Citation, index: DocsIndex): string | undefined {
    const t = citation.target;
    switch (t.kind) {
        case 'section':
            return index.sections.get(t.page)?.has(t.section) ? undefined : `docs/${t.page} has no section ${t.section}`;
        case 'rule':
            return index.rules.has(t.id) ? undefined
                : `docs/azure-rules.md has no entry for the rule ${t.id} (add a heading "#### ${t.id}"; if it is no rule ID, add it to NOT_RULE_IDS in test/docs/citations.ts)`;
        case 'source':
            return index.sources.has(t.id) ? undefined : `docs/azure-rules.md §0 lists no source ${t.id}`;
        case 'scenario':
            return index.scenarios.has(t.id) ? undefined : `docs/semantics.md has no scenario ${t.id}`;
    }
}
