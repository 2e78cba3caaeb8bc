import type { Topology } from '../model/topology.js';
import type { RoutingResult } from '../routing/index.js';
import { compareBgpList } from './compare-learned.js';
import { compareRouteTable } from './compare-routes.js';
import type { ActualState, VerifyReport } from './types.js';

export * from './types.js';
export { classifyFileName, folderSignature, readActualFolder, readActualTexts, FILE_NAME_HELP } from './actual-folder.js';

export interface VerifyOptions {
    /** `--strict`: compare the rows azrs does not model too (they then show as differences). */
    readonly strict?: boolean;
}

/**
 * Compares Azure's outputs with azrs's answers for the same topology (docs/language.md §5, docs/verify.md):
 * one ElementVerification per file, in file-name order. Throws ActualInputError when a file names an
 * element the topology lacks or holds a value that is not a prefix or address.
 */
export function verifyTopology(topology: Topology, routing: RoutingResult, actual: ActualState, options: VerifyOptions = {}): VerifyReport {
    const strict = options.strict ?? false;
    const elements = [
        ...actual.routeTables.map(t => compareRouteTable(topology, routing, t.name, t.table, strict)),
        ...actual.bgpLists.map(l => compareBgpList(topology, routing, l.name, l.file, l.routes, strict))
    ].sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    return {
        compared: elements.length,
        matched: elements.reduce((n, e) => n + e.matched, 0),
        notModelled: elements.reduce((n, e) => n + e.notModelled.length, 0),
        differences: elements.flatMap(e => e.differences),
        elements,
        ignoredFiles: actual.ignored
    };
}
