import type { DiagramAdvert, DiagramDrop, DiagramEdge, DiagramLabel, DiagramMark, DiagramModel, DiagramNode } from './diagram-model.js';
import { worstMark } from './severity.js';
import { diagramCss } from './diagram-style.js';
import type { Box, DiagramLayout, EdgeLayout, Point } from './layout.js';
import { NODE_METRICS, labelSize } from './layout.js';
import { LINE_HEIGHT, textWidth, FONT_SIZE } from './text-metrics.js';
import { placeHopLabel } from './trace-labels.js';
import { routeHop, straightBetween } from './trace-route.js';

/**
 * The one renderer of the diagram: a model and its layout to SVG markup, as a string, with no
 * DOM. The CLI writes it to a file (standalone, with an embedded light stylesheet); the webview
 * puts it in its page (classes only, styled by `diagram.css`, so the CSP needs no inline styles).
 *
 * Hooks for the webview and for tests: every node is a `g.node[data-node-id]`, every edge a
 * `g.edge[data-edge-id]`; in flow mode `.flow-origin` (node), `.flow-advert`, `.flow-drop` and
 * `.flow-install` (badge).
 */
export interface RenderOptions {
    /** Embed the stylesheet and a background: for a file that stands alone. Default false. */
    readonly standalone?: boolean;
    /** Theme variables pinned in the embedded stylesheet (standalone only). */
    readonly variables?: Readonly<Record<string, string>>;
    /** Prefix for ids inside the SVG (markers), when several diagrams share a page. */
    readonly idPrefix?: string;
    /** Draw the legend. Default true. */
    readonly legend?: boolean;
}

const CAPTION_HEIGHT = 40;
const LEGEND_HEIGHT = 30;

export function renderSvg(model: DiagramModel, layout: DiagramLayout, options: RenderOptions = {}): string {
    return new SvgWriter(model, layout, options).render();
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!);
}

class SvgWriter {
    private readonly out: string[] = [];
    private readonly nodes: ReadonlyMap<string, DiagramNode>;
    private readonly flowNodes = new Set<string>();
    private readonly flowEdges = new Set<string>();
    private readonly ids: { arrow: string; flowArrow: string; title: string };

    constructor(private readonly model: DiagramModel, private readonly layout: DiagramLayout, private readonly options: RenderOptions) {
        this.nodes = new Map(model.nodes.map(n => [n.id, n]));
        const p = options.idPrefix ?? 'azrs';
        this.ids = { arrow: `${p}-arrow`, flowArrow: `${p}-flow-arrow`, title: `${p}-title` };
        const flow = model.flow;
        if (flow) {
            for (const o of flow.origins) this.flowNodes.add(o.nodeId);
            for (const i of flow.installs) this.flowNodes.add(i.nodeId);
            for (const a of flow.adverts) {
                this.flowNodes.add(a.from).add(a.to);
                if (a.edgeId) this.flowEdges.add(a.edgeId);
            }
            for (const d of flow.drops) {
                this.flowNodes.add(d.nodeId);
                if (d.fromNodeId) this.flowNodes.add(d.fromNodeId);
                if (d.edgeId) this.flowEdges.add(d.edgeId);
            }
        }
    }

    render(): string {
        const { model, layout, options } = this;
        const legend = options.legend ?? true;
        const top = model.flow ? CAPTION_HEIGHT : 0;
        const legendWidth = legend ? 560 : 0;
        const captionWidth = model.flow ? textWidth(this.caption()[1], FONT_SIZE.label) + 32 : 0;
        const width = Math.ceil(Math.max(layout.width, legendWidth, captionWidth, 200));
        const height = Math.ceil(top + Math.max(layout.height, model.nodes.length ? 0 : 60) + (legend ? LEGEND_HEIGHT : 0));
        const title = model.flow ? `azrs route-flow diagram: ${model.flow.prefix}` : 'azrs topology diagram';
        const classes = ['azrs-diagram', ...(model.flow ? ['flow-mode'] : [])];

        this.out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="${classes.join(' ')}" width="${width}" height="${height}" ` +
            `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${this.ids.title}">`);
        this.out.push(`<title id="${this.ids.title}">${escapeXml(title)}</title>`);
        if (options.standalone) this.out.push(`<style>${diagramCss(options.variables)}</style>`);
        this.out.push('<defs>',
            `<marker id="${this.ids.arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path class="arrowhead connection-arrowhead" d="M0,0L10,5L0,10z"/></marker>`,
            `<marker id="${this.ids.flowArrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path class="flow-arrowhead" d="M0,0L10,5L0,10z"/></marker>`,
            '</defs>');
        this.out.push('<g class="azrs-root">');
        if (options.standalone) this.out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}"/>`);
        if (model.flow) this.renderCaption();
        this.out.push(`<g class="diagram-body" transform="translate(0,${top})">`);
        if (!model.nodes.length) this.out.push(`<text class="empty" x="16" y="30">The topology is empty.</text>`);
        this.out.push('<g class="layer-containers">');
        for (const node of model.nodes) if (node.kind === 'vnet') this.renderNode(node);
        this.out.push('</g><g class="layer-edges">');
        for (const edge of model.edges) this.renderEdge(edge);
        // A line into a VNet's device crosses the VNet's header: its name and ranges are written again
        // above the lines, haloed in the background colour (the group's own text stays for hit-testing).
        this.out.push('</g><g class="layer-vnet-headers" aria-hidden="true">');
        for (const node of model.nodes) if (node.kind === 'vnet') this.renderVnetHeader(node);
        this.out.push('</g><g class="layer-nodes">');
        for (const node of model.nodes) if (node.kind !== 'vnet') this.renderNode(node);
        this.out.push('</g><g class="layer-labels">');
        for (const edge of model.edges) {
            for (const label of edge.labels) if (label.kind === 'flags' || label.kind === 'state') this.renderLabel(edge, label);
        }
        this.out.push('</g>');
        if (model.trace) this.renderTrace();
        if (model.flow) {
            this.out.push('<g class="layer-flow">');
            for (const advert of model.flow.adverts) this.renderAdvert(advert);
            for (const drop of model.flow.drops) if (drop.edgeId) this.renderDrop(drop);
            this.out.push('</g>');
        }
        this.out.push('</g>');
        if (legend) this.renderLegend(top + Math.max(layout.height, model.nodes.length ? 0 : 60));
        this.out.push('</g></svg>');
        return this.out.join('\n');
    }

    // ---- trace mode (issue 15) ----------------------------------------------------------------

    /** The forward path (solid) and the reply (dashed), offset apart, and a red frame on each blocking node. */
    private renderTrace(): void {
        const trace = this.model.trace!;
        this.out.push('<g class="layer-trace">');
        // Hop lines and their labels go around devices (VNets are containers: their area is not an obstacle).
        const obstacles = [
            ...this.model.nodes.filter(n => n.kind !== 'vnet').map(n => this.layout.nodes[n.id]).filter((b): b is Box => !!b),
            // Nor on an edge's own label (peering flags, session state).
            ...Object.values(this.layout.edges).flatMap(e => Object.values(e.labels))
        ];
        const placed: Box[] = [];
        const labels: string[] = [];
        // A reply that crosses the same two devices runs beside the forward hop, on the same route.
        const routes = new Map<string, Point[]>();
        const route = (from: string, to: string, a: Box, b: Box): Point[] => {
            const back = routes.get(`${to}>${from}`);
            if (back) return [...back].reverse();
            const known = routes.get(`${from}>${to}`) ?? routeHop(a, b, obstacles);
            routes.set(`${from}>${to}`, known);
            return known;
        };
        const draw = (ids: readonly string[], cls: string, colour: string, offset: number, dash: string) => {
            for (let i = 0; i + 1 < ids.length; i++) {
                const a = this.layout.nodes[ids[i]], b = this.layout.nodes[ids[i + 1]];
                if (!a || !b) continue;
                const points = offsetPolyline(route(ids[i], ids[i + 1], a, b), offset);
                const d = points.map((p, k) => `${k ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
                const from = this.nodes.get(ids[i])?.name ?? ids[i], to = this.nodes.get(ids[i + 1])?.name ?? ids[i + 1];
                this.out.push(`<path class="${cls}" d="${d}" fill="none" stroke="${colour}" stroke-width="3"${dash} marker-end="url(#${this.ids.flowArrow})"><title>${escapeXml(`${cls === 'trace-forward' ? 'forward' : 'reply'} hop ${i + 1}: ${from} -> ${to}`)}</title></path>`);
                const text = `${cls === 'trace-forward' ? '' : 'r'}${i + 1}`;
                const box = placeHopLabel(text, points, obstacles, placed);
                if (!box) continue;
                placed.push(box);
                labels.push(`<g class="trace-label ${cls}-label"><rect x="${box.x.toFixed(1)}" y="${box.y.toFixed(1)}" width="${box.width.toFixed(1)}" height="${box.height.toFixed(1)}" rx="3" fill="#ffffff" stroke="${colour}"/>`
                    + `<text x="${(box.x + box.width / 2).toFixed(1)}" y="${(box.y + box.height / 2).toFixed(1)}" text-anchor="middle" dominant-baseline="central" font-size="${FONT_SIZE.label}" fill="${colour}">${escapeXml(text)}</text></g>`);
            }
        };
        draw(trace.forward, 'trace-forward', '#1a7f37', 4, '');
        draw(trace.reply, 'trace-return', '#0969da', -4, ' stroke-dasharray="6 4"');
        for (const id of trace.blocking) {
            const box = this.layout.nodes[id];
            if (!box) continue;
            this.out.push(`<rect class="trace-blocking" x="${(box.x - 4).toFixed(1)}" y="${(box.y - 4).toFixed(1)}" width="${(box.width + 8).toFixed(1)}" height="${(box.height + 8).toFixed(1)}" rx="8" fill="none" stroke="#cf222e" stroke-width="3"><title>${escapeXml(trace.reason ?? 'blocked here')}</title></rect>`);
        }
        this.out.push(...labels, '</g>');
    }

    // ---- caption and legend ------------------------------------------------------------------

    private caption(): [string, string] {
        const flow = this.model.flow!;
        if (flow.error) return [`Route flow of ${flow.prefix}`, flow.error];
        const origins = flow.origins.map(o => this.nodes.get(o.nodeId)?.name ?? o.nodeId);
        const parts = [
            origins.length ? `originated by ${origins.join(', ')}` : 'originated nowhere in this topology',
            plural(flow.adverts.length, 'advertisement'),
            plural(flow.drops.length, 'drop'),
            `installed by ${plural(flow.installs.length, 'VM')}`
        ];
        return [`Route flow of ${flow.prefix}`, parts.join(' · ')];
    }

    private renderCaption(): void {
        const [head, detail] = this.caption();
        this.out.push(`<g class="caption-block"><text class="caption" x="16" y="13">${escapeXml(head)}</text>` +
            `<text class="caption-detail" x="16" y="30">${escapeXml(detail)}</text></g>`);
    }

    private renderLegend(y: number): void {
        const items: Array<[string, string]> = [
            ['legend-peering', 'peering'], ['legend-bgp', 'BGP session'], ['legend-connection', 'gateway connection'],
            ['legend-down', 'down'], ...(this.model.flow ? [['legend-advert', 'advertisement'] as [string, string]] : [])
        ];
        const parts: string[] = [];
        let x = 16;
        const cy = y + LEGEND_HEIGHT / 2;
        for (const [cls, text] of items) {
            const marker = cls === 'legend-advert' ? ` marker-end="url(#${this.ids.flowArrow})"` : '';
            parts.push(`<path class="legend-line ${cls}" d="M${x},${cy}h28"${marker}/><text x="${x + 34}" y="${cy}">${escapeXml(text)}</text>`);
            x += 34 + textWidth(text, FONT_SIZE.label) + 18;
        }
        this.out.push(`<g class="legend">${parts.join('')}</g>`);
    }

    // ---- nodes -------------------------------------------------------------------------------

    /** A VNet's name and sublabel where `renderNode` writes them, for the header layer. */
    private renderVnetHeader(node: DiagramNode): void {
        const box = this.layout.nodes[node.id];
        if (!box) return;
        const x = NODE_METRICS.paddingX, y = NODE_METRICS.paddingTop;
        const width = Math.max(textWidth(node.name, FONT_SIZE.name), node.sublabel ? textWidth(node.sublabel, FONT_SIZE.sublabel) : 0);
        const height = LINE_HEIGHT.name + (node.sublabel ? LINE_HEIGHT.sublabel : 0);
        this.out.push(`<g class="vnet-header${node.down ? ' down' : ''}" transform="translate(${r(box.x)},${r(box.y)})">`
            + `<rect class="vnet-header-plate" x="${x - 3}" y="${y - 1}" width="${r(Math.min(width + 6, box.width - x))}" height="${height + 2}" rx="3"/>`
            + `<text class="vnet-header-name" x="${x}" y="${y + LINE_HEIGHT.name / 2}">${escapeXml(node.name)}</text>`
            + (node.sublabel ? `<text class="vnet-header-sublabel" x="${x}" y="${y + LINE_HEIGHT.name + LINE_HEIGHT.sublabel / 2}">${escapeXml(node.sublabel)}</text>` : '')
            + '</g>');
    }

    private renderNode(node: DiagramNode): void {
        const box = this.layout.nodes[node.id];
        if (!box) return;
        const severity = worstMark(node.marks);
        const classes = ['node', `kind-${node.kind}`,
            ...(node.role ? [`role-${node.role}`] : []),
            ...(node.down ? ['down'] : []),
            ...(severity ? [`has-${severity}`] : []),
            ...(this.flowNodes.has(node.id) ? ['in-flow'] : []),
            ...(node.badges.some(b => b.kind === 'origin') ? ['flow-origin'] : []),
            ...(node.badges.some(b => b.kind === 'install') ? ['has-install'] : [])];
        const tooltip = [...node.details, ...marksText(node.marks), ...node.badges.map(b => b.text)].join('\n');
        const radius = node.kind === 'vnet' ? 10 : node.kind === 'routeServer' ? 14 : 6;
        const x = NODE_METRICS.paddingX;
        let y = NODE_METRICS.paddingTop;
        const parts = [
            `<g class="${classes.join(' ')}" data-node-id="${escapeXml(node.id)}" transform="translate(${r(box.x)},${r(box.y)})">`,
            `<title>${escapeXml(tooltip)}</title>`,
            `<rect class="node-box" x="0" y="0" width="${r(box.width)}" height="${r(box.height)}" rx="${radius}"/>`,
            `<text class="node-name" x="${x}" y="${y + LINE_HEIGHT.name / 2}">${escapeXml(node.name)}</text>`
        ];
        y += LINE_HEIGHT.name;
        if (node.sublabel) {
            parts.push(`<text class="node-sublabel" x="${x}" y="${y + LINE_HEIGHT.sublabel / 2}">${escapeXml(node.sublabel)}</text>`);
            y += LINE_HEIGHT.sublabel;
        }
        for (const badge of node.badges) {
            const cls = badge.kind === 'origin' ? 'badge-origin' : badge.kind === 'install' ? 'flow-install' : 'flow-drop';
            const w = textWidth(badge.text, FONT_SIZE.badge) + 12;
            parts.push(`<g class="badge ${cls}${badge.invalid ? ' invalid' : ''}" data-badge-id="${escapeXml(badge.id)}">` +
                `<rect x="${x - 4}" y="${y + 1}" width="${w}" height="${LINE_HEIGHT.badge - 2}" rx="3"/>` +
                `<text x="${x + 2}" y="${y + LINE_HEIGHT.badge / 2}">${escapeXml(badge.text)}</text></g>`);
            y += LINE_HEIGHT.badge;
        }
        if (severity) {
            parts.push(`<g class="diag-badge severity-${severity}"><circle cx="${r(box.width - 10)}" cy="10" r="7"/>` +
                `<text x="${r(box.width - 10)}" y="10.5">${severity === 'info' ? 'i' : '!'}</text></g>`);
        }
        parts.push('</g>');
        this.out.push(parts.join(''));
    }

    // ---- edges -------------------------------------------------------------------------------

    private edgePoints(edge: DiagramEdge): Point[] {
        const geo: EdgeLayout | undefined = this.layout.edges[edge.id];
        if (geo && geo.points.length >= 2) return [...geo.points];
        const a = this.layout.nodes[edge.source], b = this.layout.nodes[edge.target];
        return a && b ? straightBetween(a, b) : [];
    }

    private renderEdge(edge: DiagramEdge): void {
        const points = this.edgePoints(edge);
        if (points.length < 2) return;
        const severity = worstMark(edge.marks);
        const classes = ['edge', `kind-${edge.kind}`,
            ...(edge.peeringState ? [edge.peeringState.toLowerCase()] : []),
            ...(edge.down ? ['down'] : []),
            ...(severity ? [`has-${severity}`] : []),
            ...(this.flowEdges.has(edge.id) ? ['in-flow'] : [])];
        const tooltip = [edge.name, ...edge.details, ...marksText(edge.marks)].join('\n');
        const d = pathData(points);
        const arrow = edge.kind === 'connection' ? ` marker-end="url(#${this.ids.arrow})"` : '';
        this.out.push(`<g class="${classes.join(' ')}" data-edge-id="${escapeXml(edge.id)}" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}">` +
            `<title>${escapeXml(tooltip)}</title><path class="edge-hit" d="${d}"/><path class="edge-line" d="${d}"${arrow}/></g>`);
    }

    private labelBox(edge: DiagramEdge, label: DiagramLabel): Box | undefined {
        const box = this.layout.edges[edge.id]?.labels[label.id];
        if (box) return box;
        const points = this.edgePoints(edge);
        if (points.length < 2) return undefined;
        const at = label.placement === 'tail' ? along(points, 0.2) : label.placement === 'head' ? along(points, 0.8) : along(points, 0.5);
        const size = labelSize(label);
        return { x: at.x - size.width / 2, y: at.y - size.height - 2, ...size };
    }

    private labelMarkup(edge: DiagramEdge, label: DiagramLabel, box?: Box): string {
        const b = box ?? this.labelBox(edge, label);
        if (!b) return '';
        const classes = ['edge-label', `label-${label.kind}`, ...(label.severity ? [`severity-${label.severity}`] : [])];
        return `<g class="${classes.join(' ')}" data-label-id="${escapeXml(label.id)}" data-label-of="${escapeXml(edge.id)}">` +
            `<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" rx="3"/>` +
            `<text x="${r(b.x + NODE_METRICS.labelPadding)}" y="${r(b.y + b.height / 2)}">${escapeXml(label.text)}</text></g>`;
    }

    private renderLabel(edge: DiagramEdge, label: DiagramLabel): void {
        this.out.push(this.labelMarkup(edge, label));
    }

    // ---- flow --------------------------------------------------------------------------------

    private edgeById(id: string | undefined): DiagramEdge | undefined {
        return id === undefined ? undefined : this.model.edges.find(e => e.id === id);
    }

    private renderAdvert(advert: DiagramAdvert): void {
        const edge = this.edgeById(advert.edgeId);
        let points: Point[];
        if (edge) {
            points = this.edgePoints(edge);
            if (advert.from !== edge.source) points.reverse();
            points = offsetPolyline(points, 4);
        } else {
            const a = this.layout.nodes[advert.from], b = this.layout.nodes[advert.to];
            points = a && b ? straightBetween(a, b) : [];
        }
        if (points.length < 2) return;
        const from = this.nodes.get(advert.from)?.name ?? advert.from;
        const tooltip = `${from} advertises ${this.model.flow?.prefix ?? ''} ${advert.text}` +
            (advert.nextHop ? `\nNext hop: ${advert.nextHop}` : '');
        const label = edge?.labels.find(l => l.id === advert.labelId);
        this.out.push(`<g class="flow-advert" data-advert-id="${escapeXml(advert.id)}" data-from="${escapeXml(advert.from)}" data-to="${escapeXml(advert.to)}">` +
            `<title>${escapeXml(tooltip)}</title>` +
            `<path class="flow-advert-line" d="${pathData(points)}" marker-end="url(#${this.ids.flowArrow})"/>` +
            (edge && label ? this.labelMarkup(edge, label) : this.freeLabel(advert.text, along(points, 0.5))) + '</g>');
    }

    private freeLabel(text: string, at: Point): string {
        const size = labelSize({ id: '', kind: 'advert', text, placement: 'center' });
        return `<g class="edge-label label-advert"><rect x="${r(at.x - size.width / 2)}" y="${r(at.y - size.height - 2)}" width="${size.width}" height="${size.height}" rx="3"/>` +
            `<text x="${r(at.x - size.width / 2 + NODE_METRICS.labelPadding)}" y="${r(at.y - size.height / 2 - 2)}">${escapeXml(text)}</text></g>`;
    }

    private renderDrop(drop: DiagramDrop): void {
        const edge = this.edgeById(drop.edgeId);
        if (!edge) return;
        const points = this.edgePoints(edge);
        if (points.length < 2) return;
        // The marker sits on the session, just outside the node that drops the route.
        const atEnd = edge.target === drop.nodeId;
        const p = atEnd ? alongFromEnd(points, 12) : alongFromStart(points, 12);
        const label = edge.labels.find(l => l.id === drop.labelId);
        this.out.push(`<g class="flow-drop" data-drop-id="${escapeXml(drop.id)}" data-at="${escapeXml(drop.nodeId)}">` +
            `<title>${escapeXml(`Dropped: ${drop.text}`)}</title>` +
            `<circle class="flow-drop-marker" cx="${r(p.x)}" cy="${r(p.y)}" r="7"/>` +
            `<path class="flow-drop-x" d="M${r(p.x - 3)},${r(p.y - 3)}L${r(p.x + 3)},${r(p.y + 3)}M${r(p.x + 3)},${r(p.y - 3)}L${r(p.x - 3)},${r(p.y + 3)}"/>` +
            (label ? this.labelMarkup(edge, label) : '') + '</g>');
    }
}

function marksText(marks: readonly DiagramMark[]): string[] {
    return marks.map(m => `${m.severity} [${m.code}]: ${m.message}`);
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function r(n: number): string {
    return String(Math.round(n * 10) / 10);
}

function pathData(points: readonly Point[]): string {
    return points.map((p, i) => `${i ? 'L' : 'M'}${r(p.x)},${r(p.y)}`).join('');
}

function lengths(points: readonly Point[]): number[] {
    const out: number[] = [];
    for (let i = 1; i < points.length; i++) out.push(Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
    return out;
}

function alongFromStart(points: readonly Point[], distance: number): Point {
    const segs = lengths(points);
    let left = Math.min(distance, segs.reduce((a, b) => a + b, 0) / 2);
    for (let i = 0; i < segs.length; i++) {
        if (left <= segs[i] && segs[i] > 0) {
            const t = left / segs[i];
            return { x: points[i].x + (points[i + 1].x - points[i].x) * t, y: points[i].y + (points[i + 1].y - points[i].y) * t };
        }
        left -= segs[i];
    }
    return points[points.length - 1];
}

function alongFromEnd(points: readonly Point[], distance: number): Point {
    return alongFromStart([...points].reverse(), distance);
}

function along(points: readonly Point[], fraction: number): Point {
    const total = lengths(points).reduce((a, b) => a + b, 0);
    return alongFromStart(points, total * fraction);
}

/** The polyline shifted sideways (to the right of its direction), so two directions of one session do not overlap. */
function offsetPolyline(points: readonly Point[], d: number): Point[] {
    const normals: Point[] = [];
    for (let i = 1; i < points.length; i++) {
        const dx = points[i].x - points[i - 1].x, dy = points[i].y - points[i - 1].y;
        const len = Math.hypot(dx, dy) || 1;
        normals.push({ x: -dy / len, y: dx / len });
    }
    return points.map((p, i) => {
        const n1 = normals[Math.max(0, i - 1)], n2 = normals[Math.min(normals.length - 1, i)];
        const dot = n1.x * n2.x + n1.y * n2.y;
        const k = d / (1 + Math.max(dot, -0.5));
        return { x: p.x + (n1.x + n2.x) * k, y: p.y + (n1.y + n2.y) * k };
    });
}
