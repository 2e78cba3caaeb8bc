/** A part of a file that may cite the documentation: offsets into the file's text. */
export interface CitingSegment {
    readonly start: number;
    readonly end: number;
    readonly kind: 'comment' | 'title' | 'markdown';
}

/** Every scanned file below `root`, relative, with `/` separators, sorted. */
export function citingFiles(root: string): string[];
/** Comments and test titles of scripts, comments of the grammar and `.azrs` files, Markdown prose. */
export function citingSegments(path: string, text: string): CitingSegment[];
/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number;
/** `root`-relative path of an absolute one, with `/` separators. */
export function repoPath(root: string, path: string): string;
/** Reads a file of the repository. */
export function readRepoFile(root: string, path: string): string;
