import type { DiagramEdge, DiagramModel, DiagramNode } from './diagram-types.js';

/**
 * Failure mode (issue 16): the diagram of the topology under one failure, drawn over the topology
 * as written, so that what the failure took out stays where it stood, drawn down, instead of
 * vanishing: a route server or gateway (whatif/derived-topology.ts takes them out of their VNet),
 * a connection `gateway->site`, and the sessions that named them. What the derived topology still
 * holds (a down NVA or firewall, the peerings, the routes) is drawn from it.
 *
 * @param failed the diagram of the derived topology (`buildDiagram` of `failureView`'s topology)
 * @param written the diagram of the topology as written, without routing or diagnostics
 * @param failure the failure's name, as `azrs failover` names it (`rs1`, `ergw1->dc1`, `hub1`)
 * @returns `failed` with the nodes and edges only `written` has, marked down, in `written`'s order
 */
export function withFailure(failed: DiagramModel, written: DiagramModel, failure: string): DiagramModel {
    const reason = `${failure} failed`;
    const failedNodes = new Map(failed.nodes.map(n => [n.id, n]));
    const failedEdges = new Map(failed.edges.map(e => [e.id, e]));
    const writtenNodes = new Set(written.nodes.map(n => n.id));
    const writtenEdges = new Set(written.edges.map(e => e.id));
    const downNode = (n: DiagramNode): DiagramNode => ({
        ...n, down: true, sublabel: `${n.sublabel} · down`,
        details: [`${n.details[0] ?? n.name} (down: ${reason})`, ...n.details.slice(1)], marks: [], badges: []
    });
    const downEdge = (e: DiagramEdge): DiagramEdge => ({
        ...e, down: reason, marks: [],
        labels: [{ id: `${e.id}/state`, kind: 'state', text: `down: ${reason}`, placement: 'center', severity: 'error' }]
    });
    return {
        ...failed,
        nodes: [...written.nodes.map(n => failedNodes.get(n.id) ?? downNode(n)), ...failed.nodes.filter(n => !writtenNodes.has(n.id))],
        edges: [...written.edges.map(e => failedEdges.get(e.id) ?? downEdge(e)), ...failed.edges.filter(e => !writtenEdges.has(e.id))]
    };
}
