import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DiagramModel } from '../../language-server/src/diagram/diagram-model.js';
import type { DiagramLayout } from '../../language-server/src/diagram/layout.js';
import { webviewHtml } from './webview/html.js';
import type { FromWebviewMessage, ToWebviewMessage, WebviewState } from './webview/messages.js';

/**
 * The route-flow diagram panel: a webview that shows the diagram model of a document's topology
 * and, for a picked prefix, its route flow. The model comes from `getModel` (the `azrs/diagram`
 * request to the language server, wired by the extension), so the panel does not depend on the
 * client. One panel at a time; it survives reloads through `registerSerializer`.
 */
export interface DiagramResult {
    readonly model: DiagramModel;
    readonly prefixes: readonly string[];
    readonly layout?: DiagramLayout;
    /** The failure picker's list (`azrs failover --all-components` names). */
    readonly failures?: readonly string[];
}

/** What the panel shows besides the topology: a prefix's route flow, a trace (`FROM:TO`) or one failure. */
export interface DiagramView {
    readonly prefix?: string;
    readonly trace?: string;
    readonly failure?: string;
}

export type GetDiagramModel = (uri: string, view: DiagramView) => Promise<DiagramResult>;

/** Where the webview bundle is written, below the extension's folder (see webview/build.mjs). */
const WEBVIEW_DIR = ['out', 'webview'];
const REFRESH_DELAY_MS = 250;

export class RouteFlowPanel implements vscode.Disposable {
    static readonly viewType = 'azrs.routeFlow';
    private static current: RouteFlowPanel | undefined;

    private readonly disposables: vscode.Disposable[] = [];
    private prefix: string | undefined;
    /** Trace mode (issue 15): `FROM:TO`. */
    private trace: string | undefined;
    /** Failure mode (issue 16): the failure's name. */
    private failure: string | undefined;
    private last: DiagramResult | undefined;
    private ready = false;
    private seq = 0;
    private timer: ReturnType<typeof setTimeout> | undefined;

    /** The open panel, if any. */
    static get currentPanel(): RouteFlowPanel | undefined {
        return RouteFlowPanel.current;
    }

    /** Shows the panel for a document, creating it beside the editor when there is none. */
    static createOrShow(extensionUri: vscode.Uri, documentUri: vscode.Uri | string, getModel: GetDiagramModel): RouteFlowPanel {
        const uri = documentUri.toString();
        const existing = RouteFlowPanel.current;
        if (existing) {
            existing.panel.reveal(undefined, true);
            existing.setDocument(uri);
            return existing;
        }
        const panel = vscode.window.createWebviewPanel(RouteFlowPanel.viewType, 'Route flow', {
            viewColumn: vscode.ViewColumn.Beside, preserveFocus: true
        }, RouteFlowPanel.webviewOptions(extensionUri));
        return RouteFlowPanel.current = new RouteFlowPanel(panel, extensionUri, uri, undefined, getModel);
    }

    /** Failure mode (issue 16): shows the panel with the topology under one failure (the failure lens's "show in diagram"). */
    static showFailure(extensionUri: vscode.Uri, documentUri: vscode.Uri | string, getModel: GetDiagramModel, failure: string): RouteFlowPanel {
        const panel = RouteFlowPanel.createOrShow(extensionUri, documentUri, getModel);
        panel.setView({ failure });
        return panel;
    }

    /** Restores a panel after a reload, from the state its webview kept. */
    static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: WebviewState | undefined, getModel: GetDiagramModel): RouteFlowPanel {
        RouteFlowPanel.current?.dispose();
        panel.webview.options = RouteFlowPanel.webviewOptions(extensionUri);
        const revived = RouteFlowPanel.current = new RouteFlowPanel(panel, extensionUri, state?.uri, state?.selectedPrefix, getModel);
        revived.trace = state?.selectedTrace;
        revived.failure = state?.selectedFailure;
        // The constructor titled the panel before the trace or failure was known.
        revived.updateTitle();
        return revived;
    }

    /** Registers the serializer that revives the panel when VS Code restarts. */
    static registerSerializer(extensionUri: vscode.Uri, getModel: GetDiagramModel): vscode.Disposable {
        return vscode.window.registerWebviewPanelSerializer(RouteFlowPanel.viewType, {
            deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
                RouteFlowPanel.revive(panel, extensionUri, isState(state) ? state : undefined, getModel);
            }
        });
    }

    static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
        return {
            enableScripts: true,
            localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIR)],
            retainContextWhenHidden: false
        };
    }

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly extensionUri: vscode.Uri,
        private uri: string | undefined,
        prefix: string | undefined,
        private readonly getModel: GetDiagramModel
    ) {
        this.prefix = prefix;
        this.panel.webview.html = this.html();
        this.updateTitle();
        this.disposables.push(
            this.panel.onDidDispose(() => this.dispose()),
            this.panel.webview.onDidReceiveMessage((m: FromWebviewMessage) => void this.onMessage(m))
        );
    }

    /** The document whose topology is shown. */
    get documentUri(): string | undefined {
        return this.uri;
    }

    setDocument(uri: string): void {
        if (uri === this.uri) return;
        this.uri = uri;
        this.updateTitle();
        this.refresh(0);
    }

    /** Switches what is drawn over the topology (a prefix's flow, a trace, a failure) and fetches the model. */
    setView(view: DiagramView): void {
        this.prefix = view.prefix;
        this.trace = view.trace;
        this.failure = view.failure;
        this.updateTitle();
        this.refresh(0);
    }

    /** Fetches the model again, debounced: call it when the server has validated the document. */
    refresh(delay = REFRESH_DELAY_MS): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.update();
        }, delay);
    }

    dispose(): void {
        if (RouteFlowPanel.current === this) RouteFlowPanel.current = undefined;
        if (this.timer) clearTimeout(this.timer);
        this.panel.dispose();
        for (const d of this.disposables.splice(0)) d.dispose();
    }

    private async update(): Promise<void> {
        if (!this.uri || !this.ready) return;
        const seq = ++this.seq;
        try {
            const view: DiagramView = { ...(this.prefix ? { prefix: this.prefix } : {}), ...(this.trace ? { trace: this.trace } : {}), ...(this.failure ? { failure: this.failure } : {}) };
            const result = await this.getModel(this.uri, view);
            if (seq !== this.seq) return;
            this.last = result;
            this.post({
                type: 'model', model: result.model, prefixes: result.prefixes, uri: this.uri,
                ...(result.layout ? { layout: result.layout } : {}), ...(this.prefix ? { selectedPrefix: this.prefix } : {}),
                failures: result.failures ?? [], ...(this.trace ? { selectedTrace: this.trace } : {}), ...(this.failure ? { selectedFailure: this.failure } : {})
            });
        } catch (err) {
            if (seq !== this.seq) return;
            this.post({ type: 'error', message: `The diagram could not be computed: ${err instanceof Error ? err.message : String(err)}` });
        }
    }

    private post(message: ToWebviewMessage): void {
        void this.panel.webview.postMessage(message);
    }

    private async onMessage(message: FromWebviewMessage): Promise<void> {
        switch (message?.type) {
            case 'ready':
                this.ready = true;
                await this.update();
                break;
            case 'selectPrefix':
                this.prefix = message.prefix.trim() || undefined;
                // A trace is drawn alone (as `azrs diagram --trace`): a prefix leaves trace mode.
                if (this.prefix) this.trace = undefined;
                this.updateTitle();
                await this.update();
                break;
            case 'selectTrace':
                this.trace = message.trace.trim() || undefined;
                if (this.trace) { this.prefix = undefined; this.failure = undefined; }
                this.updateTitle();
                await this.update();
                break;
            case 'selectFailure':
                this.failure = message.failure || undefined;
                if (this.failure) this.trace = undefined;
                this.updateTitle();
                await this.update();
                break;
            case 'reveal':
                await this.reveal(message.uri, message.range);
                break;
            case 'export':
                await this.export(message.format, message.data);
                break;
        }
    }

    private async reveal(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
        const target = vscode.Uri.parse(uri);
        const open = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === target.toString());
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const editor = await vscode.window.showTextDocument(target, {
            viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false, preview: true
        });
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async export(format: 'svg' | 'png', data: string): Promise<void> {
        const base = this.uri ? vscode.Uri.parse(this.uri) : undefined;
        const stem = `${base ? base.path.split('/').pop()?.replace(/\.azrs$/, '') ?? 'topology' : 'topology'}${this.prefix ? `-${this.prefix.replace(/[./]/g, '_')}` : ''}`;
        const defaultUri = base ? vscode.Uri.joinPath(base, '..', `${stem}.${format}`) : undefined;
        const target = await vscode.window.showSaveDialog({
            ...(defaultUri ? { defaultUri } : {}),
            filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
            title: `Export the route-flow diagram as ${format.toUpperCase()}`
        });
        if (!target) return;
        const bytes = format === 'svg'
            ? Buffer.from(data, 'utf8')
            : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
        await vscode.workspace.fs.writeFile(target, bytes);
        void vscode.window.showInformationMessage(`Route-flow diagram saved to ${vscode.workspace.asRelativePath(target)}.`);
    }

    private updateTitle(): void {
        const name = this.uri ? vscode.Uri.parse(this.uri).path.split('/').pop() : undefined;
        const mode = this.trace ? `trace ${this.trace}` : [this.failure ? `if ${this.failure} fails` : '', this.prefix ?? ''].filter(Boolean).join(', ');
        this.panel.title = `Route flow${name ? `: ${name}` : ''}${mode ? ` (${mode})` : ''}`;
    }

    private html(): string {
        const webview = this.panel.webview;
        const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...WEBVIEW_DIR, file)).toString();
        return webviewHtml({
            cspSource: webview.cspSource,
            nonce: randomBytes(16).toString('hex'),
            scriptUri: asset('main.js'),
            styleUris: [asset('diagram.css'), asset('main.css')]
        });
    }

    /** The last model shown, for tests and commands. */
    get lastResult(): DiagramResult | undefined {
        return this.last;
    }
}

function isState(value: unknown): value is WebviewState {
    return typeof value === 'object' && value !== null;
}
