import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './workspace-loader.js';

/**
 * Reads `.azrs` files as they were at a git revision, with git itself (`git rev-parse`,
 * `git ls-tree`, `git show REF:path`), in the repository of the working copy: for
 * `azrs diff git:HEAD~1 .`. Nothing is checked out and the working copy is not touched.
 */

export interface RevisionFile {
    /** The path as the working copy's side would show it (the given path joined with the path below it). */
    readonly display: string;
    /** A name for the document: the file's path in the working copy. */
    readonly absolute: string;
    readonly text: string;
}

const GIT_MAX_BUFFER = 256 * 1024 * 1024;

function git(cwd: string, args: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: GIT_MAX_BUFFER });
    if (r.error) {
        const code = (r.error as NodeJS.ErrnoException).code;
        throw new CliError(code === 'ENOENT' ? 'git:REF needs git, which is not on the PATH' : `cannot run git: ${r.error.message}`);
    }
    return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** The nearest existing folder of a path (a file's own folder), to run git in. */
function folderOf(p: string): string {
    let dir = path.resolve(p);
    try {
        if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
    } catch {
        dir = path.dirname(dir);
        while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    }
    return dir;
}

/**
 * The `.azrs` files under `paths` (files or folders, relative to the current directory) at
 * revision `ref`. Errors (no repository, unknown revision, a path that is in neither the working
 * copy nor the revision) are CliErrors: exit 2 with a message.
 */
export function readAtRevision(ref: string, paths: readonly string[]): RevisionFile[] {
    if (ref === '' || ref.startsWith('-')) throw new CliError(`git:${ref}: expected a git revision after 'git:', e.g. git:HEAD~1 or git:main`);
    const out: RevisionFile[] = [];
    const seen = new Set<string>();
    for (const given of paths) {
        const cwd = folderOf(given);
        const top = git(cwd, ['rev-parse', '--show-toplevel']);
        if (!top.ok) throw new CliError(`git:${ref}: '${given}' is not in a git repository (${top.stderr || 'git rev-parse failed'})`);
        const root = top.stdout.trim();
        const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
        if (!commit.ok) throw new CliError(`git:${ref}: unknown revision '${ref}' in the repository at '${root}'`);
        const sha = commit.stdout.trim();
        const rel = path.relative(fs.realpathSync(root), realPathOrSelf(path.resolve(given))).split(path.sep).join('/');
        if (rel.startsWith('..')) throw new CliError(`git:${ref}: '${given}' is outside the repository at '${root}'`);
        const listed = git(root, ['ls-tree', '-r', '--name-only', '-z', sha, '--', rel === '' ? '.' : rel]);
        if (!listed.ok) throw new CliError(`git:${ref}: cannot list '${given}' at ${ref}: ${listed.stderr}`);
        const names = listed.stdout.split('\0').filter(n => n !== '')
            .filter(n => n === rel || n.endsWith('.azrs'))
            .filter(n => !n.split('/').some(part => part.startsWith('.') || part === 'node_modules'))
            .sort();
        if (names.length === 0 && !fs.existsSync(given)) {
            throw new CliError(`git:${ref}: '${given}' exists neither in the working copy nor at ${ref}`);
        }
        for (const name of names) {
            if (seen.has(name)) continue;
            seen.add(name);
            const shown = git(root, ['show', `${sha}:${name}`]);
            if (!shown.ok) throw new CliError(`git:${ref}: cannot read '${name}' at ${ref}: ${shown.stderr}`);
            const below = rel === name ? path.basename(given) : path.posix.relative(rel, name);
            out.push({
                display: rel === name ? given : path.join(given, below),
                absolute: path.join(root, name),
                text: shown.stdout
            });
        }
    }
    return out;
}

function realPathOrSelf(p: string): string {
    try {
        return fs.realpathSync(p);
    } catch {
        return path.join(realPathOrSelf(path.dirname(p)), path.basename(p));
    }
}
