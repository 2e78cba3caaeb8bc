import type { DiagramBadge, DiagramEdge, DiagramLabel, DiagramMark, DiagramNode, PeeringDirection } from './diagram-types.js';

/**
 * The diagram's nodes and edges while `diagram-model.ts` and `diagram-flow.ts` build them: marks,
 * badges and labels still growing; `freezeNode` and `freezeEdge` give the plain `DiagramModel` data.
 */

/** A node being built. */
export interface MutableNode extends Omit<DiagramNode, 'marks' | 'badges' | 'down'> {
    marks: DiagramMark[];
    badges: DiagramBadge[];
    down?: boolean;
}
/** An edge being built. */
export interface MutableEdge extends Omit<DiagramEdge, 'marks' | 'labels' | 'directions' | 'down' | 'details' | 'peeringState'> {
    details: readonly string[];
    peeringState?: 'Connected' | 'Initiated';
    marks: DiagramMark[];
    labels: DiagramLabel[];
    directions?: PeeringDirection[];
    down?: string;
    /** The ends as topology names (bgp, branch-to-branch, connection). */
    ends: [string, string];
}

/** The finished node, with its own copies of the growing lists. */
export function freezeNode(n: MutableNode): DiagramNode {
    return { ...n, marks: [...n.marks], badges: [...n.badges] };
}

/** The finished edge, without the builder-only `ends`. */
export function freezeEdge(e: MutableEdge): DiagramEdge {
    const { ends: _ends, ...rest } = e;
    void _ends;
    return { ...rest, labels: [...e.labels], marks: [...e.marks], ...(e.directions ? { directions: [...e.directions] } : {}) };
}
