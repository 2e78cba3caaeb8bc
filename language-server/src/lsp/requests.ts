/**
 * The names of azrs's custom LSP requests, shared by the server (lsp/*-requests.ts, which define
 * each request's parameters and result) and the VS Code client (extension/src/*-command.ts).
 * Imports nothing, so the client bundle takes only these strings.
 */

/** `azrs/diagram`: the route-flow diagram of a document (lsp/diagram-requests.ts). */
export const DIAGRAM_REQUEST = 'azrs/diagram';
/** `azrs/effectiveRoutes`: a VM's effective route table (lsp/route-requests.ts). */
export const EFFECTIVE_ROUTES_REQUEST = 'azrs/effectiveRoutes';
/** `azrs/import`: import Azure network files into `.azrs` (lsp/import-requests.ts). */
export const IMPORT_REQUEST = 'azrs/import';

/**
 * Issue 16: the client command a failure lens's "show in diagram" runs, with the failure's name and
 * the document's URI: the route-flow panel opens on the topology under that failure.
 */
export const SHOW_FAILURE_DIAGRAM = 'azrs.showFailureDiagram';
