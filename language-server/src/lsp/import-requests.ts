import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { importAndFormat, writeAtomically } from '../import/import-files.js';
import { ImportError } from '../import/resources.js';
import { IMPORT_REQUEST } from './requests.js';

export { IMPORT_REQUEST };

/** `azrs/import`: the editor's "azrs: Import Azure Network…" (the same import as `azrs import`). */
export interface ImportParams {
    /** Absolute paths of the files or folders to import. */
    inputs: string[];
    /** Absolute path of the folder to write into (created; existing files of the same name replaced). */
    outDir: string;
    overlay?: string;
    parameters?: string;
}

/** The written files (absolute paths), a one-line summary, or the bad input's message. */
export type ImportRequestResult =
    | { ok: true; files: string[]; summary: string; report: string }
    | { ok: false; message: string };

export function registerImportRequests(azrs: AzrsServices, connection: Connection): void {
    connection.onRequest(IMPORT_REQUEST, async (params: ImportParams): Promise<ImportRequestResult> => {
        try {
            const result = await importAndFormat(params.inputs, { overlay: params.overlay, parameters: params.parameters }, azrs);
            const report = path.join(params.outDir, 'azrs-import-report.json');
            writeAtomically(params.outDir, result.files, report, result.report);
            const r = result.report;
            return {
                ok: true,
                files: [...result.files.keys()].map(f => path.join(params.outDir, f)),
                report,
                summary: `${r.resourcesRead} resources read, ${r.mapped.length} mapped, ${r.skipped.length} skipped, ${r.unresolved.length} expressions unresolved, ${r.gaps.length} gaps`
            };
        } catch (e) {
            if (e instanceof ImportError) return { ok: false, message: e.message };
            throw e;
        }
    });
}
