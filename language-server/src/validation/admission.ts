import type { BgpSession, Nva, Peering, Topology } from '../model/topology.js';
import type { PeeringFlag } from '../routing/types.js';
import type { Finding } from './finding.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';

/** A peering flag that drew an error: the route engine counts it as false. */
export type AdmittedFlag = PeeringFlag;

export interface Admission {
    /** Sessions that cannot come up because of what the configuration checks found. */
    readonly downSessions: Set<BgpSession>;
    /** Peering flags that drew an error: Azure would refuse them, so they count as false. */
    readonly ignoredFlags: Map<Peering, Set<AdmittedFlag>>;
}

/**
 * What an error of each code does to BGP sessions (docs/semantics.md §1), the one list every view
 * reads: `session` keeps the session it targets from coming up; `nva-sessions`, on an NVA's asn,
 * takes down every session of that NVA; `engine` is a session the route engine takes down itself,
 * recording the specific reason (SessionDownReason 'duplicate', 'too-many-peers', 'route-limit'),
 * so admission leaves it alone and only views without the engine's result read it from the code.
 */
export type SessionEffect = 'session' | 'nva-sessions' | 'engine';

export const SESSION_EFFECT: Readonly<Partial<Record<IssueCode, SessionEffect>>> = {
    [IssueCodes.BgpEndpointInvalid]: 'session',
    [IssueCodes.BgpPeerNotReachable]: 'session',
    [IssueCodes.BgpMultihopDisabled]: 'session',
    [IssueCodes.BgpPeerAsnMismatch]: 'session',
    [IssueCodes.ReservedAsn]: 'nva-sessions',
    [IssueCodes.AsnOutOfRange]: 'nva-sessions',
    [IssueCodes.DuplicateBgpSession]: 'engine',
    [IssueCodes.TooManyBgpPeers]: 'engine',
    [IssueCodes.RouteLimitExceeded]: 'engine'
};

/** What an error finding of `code` does to sessions, or undefined when it leaves them up. */
export function sessionEffectOf(code: string): SessionEffect | undefined {
    return SESSION_EFFECT[code as IssueCode];
}

const FLAGS: ReadonlySet<string> = new Set<AdmittedFlag>(['useRemoteGateways', 'allowGatewayTransit', 'allowForwardedTraffic']);

/** The peering flag a finding reports (its `data.flag`), when it names one. */
export function peeringFlagOf(finding: Finding): AdmittedFlag | undefined {
    const flag = finding.data?.flag;
    return typeof flag === 'string' && FLAGS.has(flag) ? flag as AdmittedFlag : undefined;
}

/**
 * What the route engine must take from the configuration findings (docs/semantics.md §1): configuration
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
        const effect = sessionEffectOf(f.code);
        if (effect === 'session' && sessions.has(f.target)) {
            downSessions.add(f.target as BgpSession);
        } else if (effect === 'nva-sessions' && (f.target as { kind?: string }).kind === 'nva') {
            badNvas.add(f.target as Nva);
        } else if (peerings.has(f.target)) {
            const flag = peeringFlagOf(f);
            if (!flag) continue;
            let set = ignoredFlags.get(f.target as Peering);
            if (!set) ignoredFlags.set(f.target as Peering, set = new Set());
            set.add(flag);
        }
    }
    if (badNvas.size > 0) {
        for (const s of topology.sessions) {
            if ((s.left.kind === 'nva' && badNvas.has(s.left)) || (s.right.kind === 'nva' && badNvas.has(s.right))) downSessions.add(s);
        }
    }
    return { downSessions, ignoredFlags };
}
