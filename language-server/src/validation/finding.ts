import type { SourceRef } from '../model/topology.js';
import type { IssueCode, IssueCodes, Severity } from './issue-codes.js';
import { ruleOf } from './issue-codes.js';

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

/** The codes whose docs/rules.md section gives a second severity (`RuleInfo.secondSeverity`). */
export type SecondSeverityCode = typeof IssueCodes.RouteServerSubnetTooSmall | typeof IssueCodes.ReservedAsn;

/**
 * A finding as a check writes it: without severity, which the catalogue gives, except for the codes
 * with a second severity, which may name it.
 */
export type FindingInput =
    | (Omit<Finding, 'severity'> & { readonly severity?: never })
    | (Omit<Finding, 'severity' | 'code'> & { readonly code: SecondSeverityCode; readonly severity?: Severity });

/**
 * The one way a check reports: the severity is the catalogue's default for the code
 * (validation/issue-codes.ts `RULES`), or its documented second severity when the check names it.
 *
 * @throws Error when the code has no catalogue entry, or the named severity is neither of the code's
 * two: a programming error, caught by the tests, never by a user's file.
 */
export function finding(input: FindingInput): Finding {
    const rule = ruleOf(input.code);
    const severity = input.severity ?? rule.severity;
    if (severity !== rule.severity && severity !== rule.secondSeverity) {
        throw new Error(`azrs: ${input.code} is reported as ${severity}, but its catalogue entry allows only ${rule.severity}${rule.secondSeverity ? ` or ${rule.secondSeverity}` : ''}`);
    }
    return { ...input, severity };
}
