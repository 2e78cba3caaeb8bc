import type { DiagramModel } from '../../../language-server/src/diagram/diagram-model.js';
import { DIAGRAM_THEME } from '../../../language-server/src/diagram/diagram-style.js';
import type { DiagramLayout } from '../../../language-server/src/diagram/layout.js';
import { layoutDiagram } from '../../../language-server/src/diagram/layout.js';
import { renderSvg } from '../../../language-server/src/diagram/svg-render.js';
import type { FromWebviewMessage, ModelMessage, ToWebviewMessage, WebviewState } from './messages.js';

/**
 * The route-flow webview: draws the diagram model it receives with the same renderer as
 * `azrs diagram`, keeps pan and zoom across refreshes (and reloads, through `setState`), and talks
 * to the extension only by messages. No inline styles or scripts: everything is classes styled by
 * `diagram.css` and `main.css`, and SVG attributes.
 */
interface VsCodeApi {
    postMessage(message: FromWebviewMessage): void;
    getState(): WebviewState | undefined;
    setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type View = { x: number; y: number; k: number };

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
const TRACE_PATTERN = /^\s*[^:\s]+\s*:\s*[^:\s]+\s*$/;
const PREFIX_PATTERN = /^\s*\d{1,3}(\.\d{1,3}){3}\/\d{1,2}\s*$/;

class RouteFlowView {
    private state: WebviewState;
    private model: DiagramModel | undefined;
    private layout: DiagramLayout | undefined;
    private view: View | undefined;
    /** The drawing's natural size, from the renderer. */
    private size = { width: 1, height: 1 };
    private renderSeq = 0;
    private readonly picker: HTMLInputElement;
    private readonly datalist: HTMLDataListElement;
    private readonly tracePicker: HTMLInputElement;
    private readonly failurePicker: HTMLSelectElement;
    private readonly status: HTMLElement;
    private readonly viewport: HTMLElement;
    private readonly canvas: HTMLElement;

    constructor(private readonly vscode: VsCodeApi, root: HTMLElement) {
        this.state = vscode.getState() ?? {};
        this.view = this.state.view ? { ...this.state.view } : undefined;

        const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Route-flow diagram' });
        const label = el('label', { for: 'prefix-picker', class: 'picker-label' }, 'Prefix');
        this.picker = el('input', {
            id: 'prefix-picker', type: 'search', list: 'prefix-list', autocomplete: 'off', spellcheck: 'false',
            placeholder: 'Search or type a prefix, e.g. 10.2.13.0/25', 'aria-label': 'Prefix whose route flow is shown'
        });
        this.datalist = el('datalist', { id: 'prefix-list' });
        const clear = button('clear-prefix', 'Clear', 'Show the topology without a route flow');
        const fit = button('zoom-fit', 'Fit', 'Fit the diagram to the window');
        const zoomIn = button('zoom-in', '+', 'Zoom in');
        const zoomOut = button('zoom-out', '−', 'Zoom out');
        const exportSvg = button('export-svg', 'Export SVG', 'Save the diagram as SVG');
        const exportPng = button('export-png', 'Export PNG', 'Save the diagram as PNG');
        // Trace mode (issue 15) and failure mode (issue 16): one FROM:TO input, one failure picker.
        const traceLabel = el('label', { for: 'trace-picker', class: 'picker-label' }, 'Trace');
        this.tracePicker = el('input', {
            id: 'trace-picker', type: 'search', autocomplete: 'off', spellcheck: 'false',
            placeholder: 'FROM:TO, e.g. app-vm:10.2.13.10', 'aria-label': 'Flow whose forward path and reply are drawn (FROM:TO)'
        });
        const failureLabel = el('label', { for: 'failure-picker', class: 'picker-label' }, 'If down');
        this.failurePicker = el('select', { id: 'failure-picker', 'aria-label': 'Failure whose topology is shown' });
        toolbar.append(label, this.picker, this.datalist, clear, traceLabel, this.tracePicker, failureLabel, this.failurePicker, el('span', { class: 'spacer' }), fit, zoomOut, zoomIn, exportSvg, exportPng);
        this.status = el('div', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
        this.canvas = el('div', { id: 'diagram', class: 'diagram' });
        this.viewport = el('div', { id: 'viewport', class: 'viewport' });
        this.viewport.append(this.canvas);
        root.append(toolbar, this.status, this.viewport);

        this.picker.value = this.state.selectedPrefix ?? '';
        this.picker.addEventListener('change', () => this.pickPrefix());
        this.picker.addEventListener('keydown', e => { if (e.key === 'Enter') this.pickPrefix(); });
        this.picker.addEventListener('search', () => { if (this.picker.value === '') this.pickPrefix(); });
        this.tracePicker.value = this.state.selectedTrace ?? '';
        this.tracePicker.addEventListener('change', () => this.pickTrace());
        this.tracePicker.addEventListener('keydown', e => { if (e.key === 'Enter') this.pickTrace(); });
        this.tracePicker.addEventListener('search', () => { if (this.tracePicker.value === '') this.pickTrace(); });
        this.setFailures([], this.state.selectedFailure);
        this.failurePicker.addEventListener('change', () => this.pickFailure());
        clear.addEventListener('click', () => { this.picker.value = ''; this.pickPrefix(); });
        fit.addEventListener('click', () => this.fit());
        zoomIn.addEventListener('click', () => this.zoomBy(1.25));
        zoomOut.addEventListener('click', () => this.zoomBy(0.8));
        exportSvg.addEventListener('click', () => this.exportSvg());
        exportPng.addEventListener('click', () => void this.exportPng());
        this.installPanZoom();
        window.addEventListener('message', (e: MessageEvent<ToWebviewMessage>) => void this.onMessage(e.data));
        window.addEventListener('resize', () => { if (!this.state.view) this.fit(); });
    }

    private async onMessage(message: ToWebviewMessage): Promise<void> {
        if (message?.type === 'error') {
            this.setStatus(message.message, 'error');
        } else if (message?.type === 'model') {
            await this.showModel(message);
        }
    }

    private async showModel(message: ModelMessage): Promise<void> {
        const seq = ++this.renderSeq;
        this.setPrefixes(message.prefixes);
        const selected = message.selectedPrefix ?? message.model.flow?.prefix;
        if (document.activeElement !== this.picker) this.picker.value = selected ?? '';
        const trace = message.selectedTrace ?? (message.model.trace ? `${message.model.trace.from}:${message.model.trace.to}` : undefined);
        if (document.activeElement !== this.tracePicker) this.tracePicker.value = message.selectedTrace ?? '';
        this.setFailures(message.failures ?? [], message.selectedFailure);
        let layout = message.layout;
        if (!layout) {
            this.setStatus('Laying out…');
            layout = await layoutDiagram(message.model);
            if (seq !== this.renderSeq) return;
        }
        this.model = message.model;
        this.layout = layout;
        this.saveState({
            ...(message.uri ? { uri: message.uri } : {}), selectedPrefix: selected,
            selectedTrace: message.selectedTrace, selectedFailure: message.selectedFailure
        });
        this.render();
        const flowError = message.model.flow?.error;
        const t = message.model.trace;
        const traceStatus = t ? `${trace}: ${t.disposition}${t.returnDisposition ? `, reply ${t.returnDisposition}` : ''}${t.reason ? ` (${t.reason})` : ''}` : undefined;
        const failureStatus = message.selectedFailure ? `If ${message.selectedFailure} fails: the topology under that failure.` : undefined;
        this.setStatus(flowError ?? traceStatus ?? failureStatus ?? '', flowError ? 'error' : undefined);
    }

    private setPrefixes(prefixes: readonly string[]): void {
        const options = prefixes.map(p => el('option', { value: p }));
        this.datalist.replaceChildren(...options);
    }

    private pickPrefix(): void {
        const value = this.picker.value.trim();
        if (value !== '' && !PREFIX_PATTERN.test(value)) {
            this.setStatus(`'${value}' is not a prefix: write it as address/length, e.g. 10.1.0.0/16.`, 'error');
            return;
        }
        if ((this.state.selectedPrefix ?? '') === value) return;
        this.saveState({ selectedPrefix: value || undefined });
        this.setStatus(value ? `Computing the route flow of ${value}…` : '');
        this.vscode.postMessage({ type: 'selectPrefix', prefix: value });
    }

    private setFailures(failures: readonly string[], selected: string | undefined): void {
        const names = selected && !failures.includes(selected) ? [...failures, selected] : failures;
        const none = el('option', { value: '' }, '(nothing fails)');
        this.failurePicker.replaceChildren(none, ...names.map(f => el('option', { value: f }, f)));
        this.failurePicker.value = selected ?? '';
    }

    private pickTrace(): void {
        const value = this.tracePicker.value.trim();
        if (value !== '' && !TRACE_PATTERN.test(value)) {
            this.setStatus(`'${value}' is not a trace: write it as FROM:TO, e.g. app-vm:10.2.13.10.`, 'error');
            return;
        }
        if ((this.state.selectedTrace ?? '') === value) return;
        this.saveState({ selectedTrace: value || undefined, ...(value ? { selectedFailure: undefined } : {}) });
        this.setStatus(value ? `Tracing ${value}…` : '');
        this.vscode.postMessage({ type: 'selectTrace', trace: value });
    }

    private pickFailure(): void {
        const value = this.failurePicker.value;
        if ((this.state.selectedFailure ?? '') === value) return;
        this.saveState({ selectedFailure: value || undefined, ...(value ? { selectedTrace: undefined } : {}) });
        if (value) this.tracePicker.value = '';
        this.setStatus(value ? `Simulating ${value} down…` : '');
        this.vscode.postMessage({ type: 'selectFailure', failure: value });
    }

    // ---- drawing -----------------------------------------------------------------------------

    private render(): void {
        if (!this.model || !this.layout) return;
        this.canvas.innerHTML = renderSvg(this.model, this.layout);
        const svg = this.svg();
        if (!svg) return;
        this.size = { width: Number(svg.getAttribute('width')) || 1, height: Number(svg.getAttribute('height')) || 1 };
        // The webview zooms and pans the content group; the SVG element fills the viewport.
        svg.setAttribute('width', '100%');
        svg.setAttribute('height', '100%');
        svg.removeAttribute('viewBox');
        for (const node of Array.from(svg.querySelectorAll('[data-node-id]'))) {
            node.setAttribute('tabindex', '0');
            node.setAttribute('role', 'button');
        }
        // Until the user pans or zooms, the drawing follows the window; after that, their view is kept.
        if (this.state.view && this.view) this.applyView();
        else this.fit();
    }

    private svg(): SVGSVGElement | null {
        return this.canvas.querySelector('svg');
    }

    private contentSize(): { width: number; height: number } {
        return this.size;
    }

    private applyView(): void {
        const root = this.svg()?.querySelector('.azrs-root');
        if (!root || !this.view) return;
        const { x, y, k } = this.view;
        root.setAttribute('transform', `translate(${round(x)},${round(y)}) scale(${round(k, 1000)})`);
    }

    private fit(): void {
        const size = this.contentSize();
        const w = this.viewport.clientWidth || 800, h = this.viewport.clientHeight || 600;
        const k = clamp(Math.min(w / size.width, h / size.height) * 0.95, MIN_ZOOM, 1.5);
        this.view = { k, x: (w - size.width * k) / 2, y: Math.max(8, (h - size.height * k) / 2) };
        this.applyView();
        this.saveState({ view: undefined });
    }

    private zoomBy(factor: number, at?: { x: number; y: number }): void {
        const view = this.view ?? { x: 0, y: 0, k: 1 };
        const k = clamp(view.k * factor, MIN_ZOOM, MAX_ZOOM);
        const p = at ?? { x: this.viewport.clientWidth / 2, y: this.viewport.clientHeight / 2 };
        this.view = { k, x: p.x - (p.x - view.x) * (k / view.k), y: p.y - (p.y - view.y) * (k / view.k) };
        this.applyView();
        this.saveState({ view: this.view });
    }

    private installPanZoom(): void {
        let drag: { id: number; x: number; y: number; view: View; moved: boolean } | undefined;
        this.viewport.addEventListener('wheel', e => {
            e.preventDefault();
            const rect = this.viewport.getBoundingClientRect();
            this.zoomBy(Math.exp(-e.deltaY * 0.0015), { x: e.clientX - rect.left, y: e.clientY - rect.top });
        }, { passive: false });
        this.viewport.addEventListener('pointerdown', e => {
            if (e.button !== 0) return;
            drag = { id: e.pointerId, x: e.clientX, y: e.clientY, view: this.view ?? { x: 0, y: 0, k: 1 }, moved: false };
        });
        this.viewport.addEventListener('pointermove', e => {
            if (!drag || e.pointerId !== drag.id) return;
            const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
            if (!drag.moved && Math.hypot(dx, dy) < 4) return;
            if (!drag.moved) {
                drag.moved = true;
                this.viewport.setPointerCapture(e.pointerId);
                this.viewport.classList.add('panning');
            }
            this.view = { ...drag.view, x: drag.view.x + dx, y: drag.view.y + dy };
            this.applyView();
        });
        const end = (e: PointerEvent) => {
            if (!drag || e.pointerId !== drag.id) return;
            const wasDrag = drag.moved;
            drag = undefined;
            this.viewport.classList.remove('panning');
            if (wasDrag) this.saveState({ view: this.view });
            else if (e.type === 'pointerup') this.reveal(e.target);
        };
        this.viewport.addEventListener('pointerup', end);
        this.viewport.addEventListener('pointercancel', end);
        this.viewport.addEventListener('keydown', e => {
            if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.reveal(e.target);
            }
        });
    }

    /** Clicking a node (or a BGP session, a peering) shows where it is written. */
    private reveal(target: EventTarget | null): void {
        if (!(target instanceof Element) || !this.model) return;
        const nodeEl = target.closest('[data-node-id]');
        const edgeEl = nodeEl ? null : target.closest('[data-edge-id]');
        const source = nodeEl
            ? this.model.nodes.find(n => n.id === nodeEl.getAttribute('data-node-id'))?.source
            : edgeEl ? this.model.edges.find(e => e.id === edgeEl.getAttribute('data-edge-id'))?.sourceRef : undefined;
        if (source) this.vscode.postMessage({ type: 'reveal', uri: source.uri, range: source.range });
    }

    // ---- export ------------------------------------------------------------------------------

    /** The standalone SVG, with the current theme's colours pinned so that it looks as it does here. */
    private standaloneSvg(): string | undefined {
        if (!this.model || !this.layout) return undefined;
        const style = getComputedStyle(document.documentElement);
        const bodyStyle = getComputedStyle(document.body);
        const variables: Record<string, string> = {};
        for (const name of Object.keys(DIAGRAM_THEME)) {
            const value = style.getPropertyValue(name).trim() || bodyStyle.getPropertyValue(name).trim();
            if (value) variables[name] = value;
        }
        return renderSvg(this.model, this.layout, { standalone: true, variables });
    }

    private exportSvg(): void {
        const data = this.standaloneSvg();
        if (data) this.vscode.postMessage({ type: 'export', format: 'svg', data });
    }

    private async exportPng(): Promise<void> {
        const svg = this.standaloneSvg();
        if (!svg) return;
        try {
            const data = await rasterise(svg, 2);
            this.vscode.postMessage({ type: 'export', format: 'png', data });
        } catch (err) {
            this.setStatus(`PNG export failed: ${err instanceof Error ? err.message : String(err)}`, 'error');
        }
    }

    // ---- state -------------------------------------------------------------------------------

    private saveState(patch: Partial<WebviewState>): void {
        const next: Record<string, unknown> = { ...this.state, ...patch };
        for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
        this.state = next as WebviewState;
        this.vscode.setState(this.state);
    }

    private setStatus(text: string, kind?: 'error'): void {
        this.status.textContent = text;
        this.status.classList.toggle('error', kind === 'error');
        this.status.classList.toggle('hidden', text === '');
    }
}

async function rasterise(svg: string, scale: number): Promise<string> {
    const width = Number(/\bwidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 800);
    const height = Number(/\bheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 600);
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        await new Promise<void>((resolve, reject) => {
            image.onload = () => resolve();
            image.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
            image.src = url;
        });
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(width * scale);
        canvas.height = Math.ceil(height * scale);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2D canvas');
        ctx.scale(scale, scale);
        ctx.drawImage(image, 0, 0, width, height);
        return canvas.toDataURL('image/png');
    } finally {
        URL.revokeObjectURL(url);
    }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
}

function button(id: string, text: string, title: string): HTMLButtonElement {
    return el('button', { id, type: 'button', title, class: 'tool' }, text);
}

function clamp(n: number, lo: number, hi: number): number {
    return Math.min(hi, Math.max(lo, n));
}

function round(n: number, scale = 10): number {
    return Math.round(n * scale) / scale;
}

const vscodeApi = acquireVsCodeApi();
const app = document.getElementById('azrs-app') ?? document.body;
new RouteFlowView(vscodeApi, app);
vscodeApi.postMessage({ type: 'ready' });
