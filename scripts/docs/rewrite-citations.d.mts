/** The text of one citing segment with `LANGUAGE.md §n` / `SEMANTICS.md §n` rewritten to docs/. */
export function rewriteCitations(segment: string): string;
/** A file's text with every comment, test title and Markdown prose rewritten; code unchanged. */
export function rewriteFile(path: string, text: string): string;
