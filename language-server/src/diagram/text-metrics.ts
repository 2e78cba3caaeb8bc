/**
 * Text sizes without a DOM: the layout runs in Node (CLI) and in the browser, and must give the
 * same boxes in both, so widths are estimated from character classes of a typical sans-serif
 * font, a little generously so that labels never overflow their boxes.
 */
export const FONT_SIZE = { name: 13, sublabel: 11, badge: 11, label: 11, header: 13 } as const;
export const LINE_HEIGHT = { name: 17, sublabel: 15, badge: 17, label: 14 } as const;

export function textWidth(text: string, fontSize: number): number {
    let em = 0;
    for (const ch of text) {
        if (ch === ' ') em += 0.3;
        else if (/[il.,:;'|!]/.test(ch)) em += 0.3;
        else if (/[fjrt()[\]/\-]/.test(ch)) em += 0.4;
        else if (/[mwMW@]/.test(ch)) em += 0.9;
        else if (/[A-Z]/.test(ch)) em += 0.7;
        else if (/[0-9a-z]/.test(ch)) em += 0.58;
        else em += 1; // arrows, symbols, non-Latin
    }
    return Math.ceil(em * fontSize);
}
