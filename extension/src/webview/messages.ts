import type { DiagramLayout } from '../../../language-server/src/diagram/layout.js';
import type { DiagramModel, DiagramSource } from '../../../language-server/src/diagram/diagram-model.js';

/**
 * The messages between the route-flow panel (extension host) and its webview. The webview never
 * sees the AST or the topology: only the plain diagram model, and optionally its layout.
 */
export interface ModelMessage {
    readonly type: 'model';
    readonly model: DiagramModel;
    /** Computed by the language server; the webview lays the model out itself when absent. */
    readonly layout?: DiagramLayout;
    /** Prefixes offered by the prefix picker. */
    readonly prefixes: readonly string[];
    readonly selectedPrefix?: string;
    /** Failure mode (issue 16): the names offered by the failure picker, as `azrs failover --all-components` names them. */
    readonly failures?: readonly string[];
    /** Trace mode (issue 15): the `FROM:TO` the model's trace overlay was drawn for. */
    readonly selectedTrace?: string;
    /** Failure mode: the failure the model shows. */
    readonly selectedFailure?: string;
    /** The document the diagram was drawn for, kept in the webview state for the panel serializer. */
    readonly uri?: string;
}

export interface ErrorMessage {
    readonly type: 'error';
    readonly message: string;
}

export type ToWebviewMessage = ModelMessage | ErrorMessage;

export type FromWebviewMessage =
    /** The page has loaded and listens: send it the model. */
    | { readonly type: 'ready' }
    /** The user picked a prefix; the empty string clears the flow. */
    | { readonly type: 'selectPrefix'; readonly prefix: string }
    /** Trace mode: the user typed `FROM:TO`; the empty string leaves trace mode. */
    | { readonly type: 'selectTrace'; readonly trace: string }
    /** Failure mode: the user picked a failure; the empty string leaves failure mode. */
    | { readonly type: 'selectFailure'; readonly failure: string }
    /** The user clicked a node or an edge: show its source. */
    | { readonly type: 'reveal'; readonly uri: string; readonly range: DiagramSource['range'] }
    /** SVG markup, or a PNG as a `data:image/png;base64,` URL. */
    | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly data: string };

/** What the webview keeps with `setState`, and what the panel serializer gets back after a reload. */
export interface WebviewState {
    readonly uri?: string;
    readonly selectedPrefix?: string;
    readonly selectedTrace?: string;
    readonly selectedFailure?: string;
    /** Pan and zoom: content is drawn at `translate(x, y) scale(k)`. */
    readonly view?: { readonly x: number; readonly y: number; readonly k: number };
}
