import type { SourceRef } from '../model/topology.js';
import type { IssueCode, Severity } from './issue-codes.js';

/**
 * One finding of a check over the topology, anchored on what the user must change. The validator
 * turns findings into LSP diagnostics and the CLI into its text, JSON and SARIF formats; `data`
 * carries what a quick fix needs.
 */
export interface Finding {
    readonly code: IssueCode;
    readonly severity: Severity;
    readonly message: string;
    readonly at: SourceRef;
    /** The topology object the finding is about (sessions and peerings read by the route engine). */
    readonly target?: object;
    readonly data?: Readonly<Record<string, unknown>>;
}
