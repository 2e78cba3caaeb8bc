/** Diagnostic severities as the diagram shows them: the worst one colours a node or an edge. */
export type DiagramSeverity = 'error' | 'warning' | 'info';

const SEVERITY_RANK: Record<DiagramSeverity, number> = { error: 3, warning: 2, info: 1 };

/** The worst severity of two. */
export function worst(a: DiagramSeverity | undefined, b: DiagramSeverity | undefined): DiagramSeverity | undefined {
    if (!a) return b;
    if (!b) return a;
    return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** The worst severity among marks. */
export function worstMark(marks: readonly { readonly severity: DiagramSeverity }[]): DiagramSeverity | undefined {
    return marks.reduce<DiagramSeverity | undefined>((w, m) => worst(w, m.severity), undefined);
}
