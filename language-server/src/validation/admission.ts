import type { BgpSession, Nva, Peering, Topology } from '../model/topology.js';
import type { Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';

export type AdmittedFlag = 'useRemoteGateways' | 'allowGatewayTransit' | 'allowForwardedTraffic';

export interface Admission {
    /** Sessions that cannot come up because of what the configuration checks found. */
    readonly downSessions: Set<BgpSession>;
    /** Peering flags that drew an error: Azure would refuse them, so they count as false. */
    readonly ignoredFlags: Map<Peering, Set<AdmittedFlag>>;
}

/** Codes that, on a session, keep it from coming up (SEMANTICS.md §1). */
const SESSION_DOWN_CODES: ReadonlySet<string> = new Set([
    IssueCodes.BgpEndpointInvalid,
    IssueCodes.BgpPeerNotReachable,
    IssueCodes.BgpMultihopDisabled,
    IssueCodes.BgpPeerAsnMismatch
    // Duplicates and peers past a route server's eighth are taken down by the engine itself, which
    // records the specific reason (SessionDownReason 'duplicate', 'too-many-peers').
]);

/** Codes that, as an error on an NVA's asn, take down every session of that NVA. */
const NVA_ASN_CODES: ReadonlySet<string> = new Set([IssueCodes.ReservedAsn, IssueCodes.AsnOutOfRange]);

const FLAGS: ReadonlySet<string> = new Set<AdmittedFlag>(['useRemoteGateways', 'allowGatewayTransit', 'allowForwardedTraffic']);

/**
 * What the route engine must take from the configuration findings (SEMANTICS.md §1): configuration
 * that Azure rejects, or a session that cannot come up, does not exist in the simulation. Reads
 * only the findings' codes, severities, targets and `data.flag`, so every check stays the one
 * place that decides. Suppressed diagnostics still count: suppression hides a finding, it does
 * not make Azure accept the configuration.
 */
export function admissionFrom(topology: Topology, findings: readonly Finding[]): Admission {
    const downSessions = new Set<BgpSession>();
    const ignoredFlags = new Map<Peering, Set<AdmittedFlag>>();
    const sessions = new Set<object>(topology.sessions);
    const peerings = new Set<object>(topology.peerings);
    const badNvas = new Set<Nva>();

    for (const f of findings) {
        if (f.severity !== 'error' || !f.target) continue;
        if (SESSION_DOWN_CODES.has(f.code) && sessions.has(f.target)) {
            downSessions.add(f.target as BgpSession);
        } else if (NVA_ASN_CODES.has(f.code) && (f.target as { kind?: string }).kind === 'nva') {
            badNvas.add(f.target as Nva);
        } else if (peerings.has(f.target)) {
            const flag = f.data?.flag;
            if (typeof flag !== 'string' || !FLAGS.has(flag)) continue;
            let set = ignoredFlags.get(f.target as Peering);
            if (!set) ignoredFlags.set(f.target as Peering, set = new Set());
            set.add(flag as AdmittedFlag);
        }
    }
    if (badNvas.size > 0) {
        for (const s of topology.sessions) {
            if ((s.left.kind === 'nva' && badNvas.has(s.left)) || (s.right.kind === 'nva' && badNvas.has(s.right))) downSessions.add(s);
        }
    }
    return { downSessions, ignoredFlags };
}
