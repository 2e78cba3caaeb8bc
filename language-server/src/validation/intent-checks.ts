import type { IntentResult } from '../routing/intents.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { nameRef } from './topology-queries.js';

/**
 * `intent-violated` (docs/language.md §3 v2): an error on the intent's name whose message names the
 * first flow that breaks it and the first hop where its path departs (docs/semantics.md §6.8).
 */
export function checkIntents(results: readonly IntentResult[]): Finding[] {
    const findings: Finding[] = [];
    for (const r of results) {
        if (r.holds || !r.message) continue;
        const what = r.intent.reachable ? `reach ${r.intent.via.length > 0 ? `through ${r.intent.via.map(v => `'${v.name}'`).join(', ')} ` : ''}both ways` : 'stay unreachable';
        findings.push(finding({
            code: IssueCodes.IntentViolated,
            message: `Intent '${r.intent.name}' does not hold (it asks to ${what}): ${r.message}.`,
            at: nameRef(r.intent), target: r.intent, data: { intent: r.intent.name }
        }));
    }
    return findings;
}
