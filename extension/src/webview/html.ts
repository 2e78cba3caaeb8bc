/**
 * The webview's page. Strict CSP: no inline script or style; the one script carries a nonce,
 * stylesheets and images come from the extension (`cspSource`), and `blob:`/`data:` images are
 * allowed so that the page can rasterise its own SVG for the PNG export.
 */
export interface WebviewHtmlOptions {
    /** `webview.cspSource`. */
    readonly cspSource: string;
    readonly nonce: string;
    /** `asWebviewUri` of `out/webview/main.js`. */
    readonly scriptUri: string;
    /** `asWebviewUri` of `out/webview/diagram.css` and `out/webview/main.css`. */
    readonly styleUris: readonly string[];
    readonly title?: string;
}

export function webviewHtml(options: WebviewHtmlOptions): string {
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const csp = [
        `default-src 'none'`,
        `img-src ${options.cspSource} data: blob:`,
        `style-src ${options.cspSource}`,
        `font-src ${options.cspSource}`,
        `script-src 'nonce-${options.nonce}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${options.styleUris.map(u => `<link rel="stylesheet" href="${attr(u)}">`).join('\n')}
<title>${attr(options.title ?? 'azrs route flow')}</title>
</head>
<body>
<div id="azrs-app"></div>
<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}
