/**
 * The diagram's stylesheet. Colours come from VS Code's theme variables, with light fallbacks, so
 * the same classes read in light, dark and high-contrast themes inside the webview, and a
 * standalone SVG file (which embeds this sheet) gets a light default. The webview loads it as a
 * file (`diagram.css`, written by the webview build) because its CSP forbids inline styles.
 */

/** The VS Code theme variables the sheet reads, with their light fallbacks. */
export const DIAGRAM_THEME: Readonly<Record<string, string>> = {
    '--vscode-font-family': "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif",
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#333333',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-editorWidget-background': '#f3f3f3',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-contrastBorder': 'transparent',
    '--vscode-focusBorder': '#0090f1',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-editorError-foreground': '#e51400',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-editorInfo-foreground': '#1a85ff',
    '--vscode-disabledForeground': '#a0a0a0'
};

function v(name: string): string {
    return `var(${name}, ${DIAGRAM_THEME[name]})`;
}

const fg = v('--vscode-editor-foreground');
const bg = v('--vscode-editor-background');
const muted = v('--vscode-descriptionForeground');
const error = v('--vscode-editorError-foreground');
const warning = v('--vscode-editorWarning-foreground');
const info = v('--vscode-editorInfo-foreground');
const green = v('--vscode-charts-green');
const blue = v('--vscode-charts-blue');
const purple = v('--vscode-charts-purple');
const orange = v('--vscode-charts-orange');

/** The rules, scoped to `.azrs-diagram`. */
export const DIAGRAM_CSS = `
.azrs-diagram { font-family: ${v('--vscode-font-family')}; color: ${fg}; }
.azrs-diagram text { fill: ${fg}; font-size: 11px; dominant-baseline: middle; }
.azrs-diagram .background { fill: ${bg}; }
.azrs-diagram .caption { font-size: 13px; font-weight: 600; }
.azrs-diagram .caption-detail, .azrs-diagram .legend text { fill: ${muted}; }
.azrs-diagram .empty { fill: ${muted}; font-size: 13px; }

.azrs-diagram .node-box { fill: ${v('--vscode-editorWidget-background')}; stroke: ${v('--vscode-editorWidget-border')}; stroke-width: 1.5; }
.azrs-diagram .node { cursor: pointer; }
.azrs-diagram .node-name { font-size: 13px; font-weight: 600; }
.azrs-diagram .node-sublabel { fill: ${muted}; font-size: 11px; }
.azrs-diagram .layer-vnet-headers { pointer-events: none; }
.azrs-diagram .vnet-header-plate { fill: ${bg}; fill-opacity: 0.9; stroke: none; }
.azrs-diagram .vnet-header-name { font-size: 13px; font-weight: 600; }
.azrs-diagram .vnet-header-sublabel { fill: ${muted}; font-size: 11px; }
.azrs-diagram .vnet-header.down .vnet-header-name { fill: ${v('--vscode-disabledForeground')}; }
.azrs-diagram .kind-vnet > .node-box { fill: ${blue}; fill-opacity: 0.05; stroke: ${blue}; stroke-width: 1.5; }
.azrs-diagram .kind-vnet.role-spoke > .node-box, .azrs-diagram .kind-vnet.role-vnet > .node-box { fill: ${green}; stroke: ${green}; }
.azrs-diagram .kind-vnet.role-vnet > .node-box { stroke-dasharray: 6 3; }
.azrs-diagram .kind-onprem > .node-box { stroke: ${purple}; stroke-width: 2; }
.azrs-diagram .kind-routeServer > .node-box { stroke: ${orange}; stroke-width: 2; }
.azrs-diagram .kind-gateway > .node-box { stroke: ${purple}; stroke-width: 2; }
.azrs-diagram .kind-nva > .node-box { stroke: ${fg}; stroke-width: 2; }
.azrs-diagram .kind-firewall > .node-box { stroke: ${error}; stroke-width: 2; }
.azrs-diagram .kind-vm > .node-box { stroke: ${muted}; }
.azrs-diagram .node.down > .node-box { stroke-dasharray: 3 3; opacity: 0.6; }
.azrs-diagram .node.down .node-name { fill: ${v('--vscode-disabledForeground')}; }
.azrs-diagram .node:hover > .node-box { stroke: ${v('--vscode-focusBorder')}; }
.azrs-diagram .node.has-info > .node-box { stroke: ${info}; }
.azrs-diagram .node.has-warning > .node-box { stroke: ${warning}; stroke-width: 2.5; }
.azrs-diagram .node.has-error > .node-box { stroke: ${error}; stroke-width: 2.5; }
.azrs-diagram .diag-badge circle { fill: ${info}; }
.azrs-diagram .diag-badge.severity-warning circle { fill: ${warning}; }
.azrs-diagram .diag-badge.severity-error circle { fill: ${error}; }
.azrs-diagram .diag-badge text { fill: #ffffff; font-size: 11px; font-weight: 700; text-anchor: middle; }

.azrs-diagram .edge-line { fill: none; stroke: ${muted}; stroke-width: 1.5; }
.azrs-diagram .edge-hit { fill: none; stroke: transparent; stroke-width: 10; }
.azrs-diagram .kind-peering .edge-line { stroke: ${blue}; stroke-width: 3; }
.azrs-diagram .kind-peering.initiated .edge-line { stroke: ${muted}; stroke-dasharray: 2 5; stroke-linecap: round; }
.azrs-diagram .kind-bgp .edge-line { stroke: ${fg}; stroke-dasharray: 7 4; }
.azrs-diagram .kind-branch-to-branch .edge-line { stroke: ${orange}; stroke-dasharray: 2 3; }
.azrs-diagram .kind-connection .edge-line { stroke: ${purple}; stroke-width: 2.5; }
.azrs-diagram .edge.down .edge-line { stroke: ${error}; stroke-dasharray: 2 4; opacity: 0.8; }
.azrs-diagram .edge.has-warning .edge-line { stroke: ${warning}; }
.azrs-diagram .edge.has-error .edge-line { stroke: ${error}; }
.azrs-diagram .edge:hover .edge-line { stroke-width: 3.5; }

.azrs-diagram .edge-label rect { fill: ${bg}; fill-opacity: 0.9; stroke: ${v('--vscode-contrastBorder')}; }
.azrs-diagram .edge-label text { font-size: 11px; }
.azrs-diagram .edge-label.label-flags text { fill: ${muted}; }
.azrs-diagram .edge-label.severity-warning text { fill: ${warning}; font-weight: 600; }
.azrs-diagram .edge-label.severity-error text { fill: ${error}; font-weight: 600; }

.azrs-diagram .badge rect { fill: ${muted}; fill-opacity: 0.12; }
.azrs-diagram .badge text { font-size: 11px; }
.azrs-diagram .badge-origin rect { fill: ${green}; fill-opacity: 0.2; }
.azrs-diagram .badge.flow-install rect { fill: ${blue}; fill-opacity: 0.16; }
.azrs-diagram .badge.flow-install.invalid text { fill: ${muted}; text-decoration: line-through; }
.azrs-diagram .badge.flow-drop rect { fill: ${error}; fill-opacity: 0.14; }
.azrs-diagram .badge.flow-drop text { fill: ${error}; }

.azrs-diagram.flow-mode .edge:not(.in-flow), .azrs-diagram.flow-mode .node:not(.kind-vnet):not(.in-flow) { opacity: 0.45; }
.azrs-diagram .node.flow-origin > .node-box { stroke: ${green}; stroke-width: 3.5; }
.azrs-diagram .flow-advert-line { fill: none; stroke: ${green}; stroke-width: 2.5; }
.azrs-diagram .flow-arrowhead { fill: ${green}; }
.azrs-diagram .flow-advert .edge-label text { fill: ${green}; font-weight: 600; }
.azrs-diagram .flow-drop-marker { fill: ${error}; }
.azrs-diagram .flow-drop-x { stroke: #ffffff; stroke-width: 2; }
.azrs-diagram .flow-drop .edge-label text { fill: ${error}; font-weight: 600; }
.azrs-diagram .arrowhead { fill: ${muted}; }
.azrs-diagram .connection-arrowhead { fill: ${purple}; }

.azrs-diagram .legend .legend-line { fill: none; stroke-width: 2; }
.azrs-diagram .legend .legend-peering { stroke: ${blue}; stroke-width: 3; }
.azrs-diagram .legend .legend-bgp { stroke: ${fg}; stroke-dasharray: 7 4; }
.azrs-diagram .legend .legend-connection { stroke: ${purple}; stroke-width: 2.5; }
.azrs-diagram .legend .legend-down { stroke: ${error}; stroke-dasharray: 2 4; }
.azrs-diagram .legend .legend-advert { stroke: ${green}; stroke-width: 2.5; }
`;

/**
 * The sheet with some theme variables pinned to concrete values, e.g. the webview's current
 * theme for an export that keeps its colours outside VS Code.
 */
export function diagramCss(variables?: Readonly<Record<string, string>>): string {
    const pinned = Object.entries(variables ?? {})
        .filter(([name, value]) => /^--[A-Za-z0-9-]+$/.test(name) && value.trim() !== '' && !/[;{}<>]/.test(value))
        .map(([name, value]) => `${name}: ${value.trim()};`);
    return (pinned.length ? `.azrs-diagram { ${pinned.join(' ')} }\n` : '') + DIAGRAM_CSS;
}
