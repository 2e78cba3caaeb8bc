import type { DiagramLabel, DiagramNode } from './diagram-model.js';
import { FONT_SIZE, LINE_HEIGHT, textWidth } from './text-metrics.js';

// Node and label sizes (px) the layout (layout.ts) reserves and the renderer (svg-render.ts) draws into.

/** Sizes shared with the renderer, which draws text where the layout made room for it. */
export const NODE_METRICS = {
    paddingX: 12,
    paddingTop: 8,
    paddingBottom: 8,
    minLeafWidth: 104,
    minSiteWidth: 130,
    containerPadding: 14,
    labelPadding: 4
} as const;

/** Height of the text block at the top of a node: name, sublabel, badges. */
export function headerHeight(node: DiagramNode): number {
    return NODE_METRICS.paddingTop + LINE_HEIGHT.name + (node.sublabel ? LINE_HEIGHT.sublabel : 0)
        + node.badges.length * LINE_HEIGHT.badge + NODE_METRICS.paddingBottom;
}

export function headerWidth(node: DiagramNode): number {
    const widths = [
        textWidth(node.name, FONT_SIZE.name) + 18,
        textWidth(node.sublabel, FONT_SIZE.sublabel),
        ...node.badges.map(b => textWidth(b.text, FONT_SIZE.badge) + 12)
    ];
    return Math.max(...widths) + 2 * NODE_METRICS.paddingX;
}

export function labelSize(label: DiagramLabel): { width: number; height: number } {
    return { width: textWidth(label.text, FONT_SIZE.label) + 2 * NODE_METRICS.labelPadding, height: LINE_HEIGHT.label + 2 };
}
