import { ActualInputError } from './types.js';

/**
 * Reads the tables `az … -o table` prints: a header line, a line of dashes under each column, then
 * one line per row, cells left-aligned under their dashes. Lines above the header (a title such as
 * `Effective routes for vm1-nic`, which lab scripts print) are allowed; anything below the rows is
 * not. Cells are cut at the column starts the dashes give, so an empty cell (no next hop IP) stays
 * empty instead of shifting the next one.
 */

export interface TableRow {
    /** Cells by the column's canonical key (see `columns`). */
    readonly cells: Readonly<Record<string, string>>;
    /** 1-based line in the file. */
    readonly line: number;
}

/**
 * `columns` maps each accepted header, lower-cased without spaces or underscores, to a canonical key;
 * `required` lists the keys a table must have. A header not in `columns` is an error naming it and
 * the accepted ones (`expected` is that list, as a reader shows it).
 */
export function readTextTable(file: string, text: string, columns: Readonly<Record<string, string>>, required: readonly string[], expected: string): TableRow[] {
    const lines = text.split(/\r?\n/);
    const dashIndex = lines.findIndex(l => /^\s*-{2,}(\s+-{2,})*\s*$/.test(l));
    if (dashIndex < 1 || !lines[dashIndex - 1].trim()) {
        throw new ActualInputError(file, dashIndex < 0 ? 1 : dashIndex + 1,
            'not an az table: expected a header line and a line of dashes under it (az … -o table), or JSON (-o json)');
    }
    const starts: number[] = [];
    for (const m of lines[dashIndex].matchAll(/-+/g)) starts.push(m.index!);
    const cut = (line: string, i: number) => line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
    const headerLine = lines[dashIndex - 1];
    const keys = starts.map((_, i) => {
        const header = cut(headerLine, i);
        const key = columns[header.toLowerCase().replace(/[\s_]/g, '')];
        if (!key) throw new ActualInputError(file, dashIndex, `unexpected column '${header}' (expected ${expected})`);
        return key;
    });
    for (const need of required) {
        if (!keys.includes(need)) throw new ActualInputError(file, dashIndex, `the table has no ${need} column (expected ${expected})`);
    }
    const rows: TableRow[] = [];
    for (let i = dashIndex + 1; i < lines.length; i++) {
        const line = lines[i];
        if (!line.trim()) {
            const rest = lines.slice(i + 1).findIndex(l => l.trim());
            if (rest >= 0) throw new ActualInputError(file, i + 2 + rest, 'text after the table\'s rows: one table per file');
            break;
        }
        if (/\S/.test(line.slice(0, starts[0]))) {
            throw new ActualInputError(file, i + 1, 'a row starts left of the first column');
        }
        const cells: Record<string, string> = {};
        keys.forEach((key, c) => { cells[key] = cut(line, c); });
        // A cell that runs into the next column (text where the gap between columns should be).
        for (let c = 1; c < starts.length; c++) {
            if (starts[c] > 0 && line.length > starts[c] && line[starts[c] - 1] !== ' ' && line[starts[c]] !== ' ') {
                throw new ActualInputError(file, i + 1, `the row does not line up with the columns (at column ${starts[c] + 1})`);
            }
        }
        rows.push({ cells, line: i + 1 });
    }
    return rows;
}
