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
    /** The user clicked a node or an edge: show its source. */
    | { readonly type: 'reveal'; readonly uri: string; readonly range: DiagramSource['range'] }
    /** SVG markup, or a PNG as a `data:image/png;base64,` URL. */
    | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly data: string };

/** What the webview keeps with `setState`, and what the panel serializer gets back after a reload. */
export interface WebviewState {
    readonly uri?: string;
    readonly selectedPrefix?: string;
    /** Pan and zoom: content is drawn at `translate(x, y) scale(k)`. */
    readonly view?: { readonly x: number; readonly y: number; readonly k: number };
}
