import type { Prefix } from '../model/topology.js';
import type { SessionEnd, SpeakerNode } from './speakers.js';
import type { RouteDropReason } from './types.js';

/** The engine's internal route records; `rib.ts` turns them into the public shapes of types.ts. */

/** A route as one direction of a session carries it. */
export interface OutRoute {
    readonly prefix: Prefix;
    readonly asPath: readonly number[];
    readonly nextHop: number | undefined;
    readonly origin: SpeakerNode;
}

/** A route in a speaker's Adj-RIB-In. */
export interface InRoute extends OutRoute {
    /** The prefix's number in the propagation's maps (advertising.ts `originations`). */
    readonly key: number;
    /** The receiver's side of the session it came over: `end.peer` sent it. */
    readonly end: SessionEnd;
    /** Set when the import checks refused it (loop, VNet range); such a route never competes. */
    readonly reject: RouteDropReason | undefined;
}

/** A speaker's best path for one prefix. */
export interface Best {
    /** The speaker originates the prefix: it wins over anything received. */
    readonly own: Prefix | undefined;
    /** The best received routes (several only on an ECMP tie at a route server), selected first. */
    readonly set: readonly InRoute[];
    /** The one advertised onwards. */
    readonly selected: InRoute | undefined;
}

export function samePath(a: readonly number[], b: readonly number[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}

export function sameOut(a: OutRoute | undefined, b: OutRoute | undefined): boolean {
    if (a === b) return true;
    if (!a || !b) return false;
    return a.nextHop === b.nextHop && a.origin === b.origin && samePath(a.asPath, b.asPath);
}
