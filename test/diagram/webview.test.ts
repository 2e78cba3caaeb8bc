import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { failureNames, traceOf } from '../../language-server/src/analysis/diagram-views.js';
import { buildDiagram, layoutDiagram, routeFlowSource } from '../../language-server/src/diagram/index.js';
import { withTrace } from '../../language-server/src/diagram/trace-overlay.js';
import { buildWorkspace } from '../helpers.js';
import { buildWebview } from '../../extension/src/webview/build.mjs';
import { webviewHtml } from '../../extension/src/webview/html.js';
import type { ModelMessage } from '../../extension/src/webview/messages.js';
import { seedRouting, seedTopology } from './fixtures.js';

/**
 * The webview alone, in a real headless Chromium (TESTING.md): the browser bundle is built with
 * esbuild, served under the page's strict CSP with a stub `acquireVsCodeApi`, and sent diagram
 * models as the extension would. Screenshots go to test-results/diagram/.
 */
const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://azrs-webview.test';
const NONCE = 'test-nonce-0123456789';
const SHOTS = resolve('test-results/diagram');

interface PageGlobals {
    __posted: Array<{ type: string; [key: string]: unknown }>;
    __state: unknown;
    __csp: string[];
}

let scratch: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function seedMessages(): Promise<{ plain: ModelMessage; flow: ModelMessage }> {
    const { topology } = seedTopology();
    const plainModel = buildDiagram(topology, {
        diagnostics: [{ code: 'peering-not-connected', severity: 'warning', message: "'h1 -> h2' has no reverse peering", targetId: 'peering:h1->h2' }]
    });
    const flowModel = buildDiagram(topology, { routing: seedRouting, prefix: '10.2.13.0/25' });
    const prefixes = seedRouting.prefixes();
    return {
        // Without a layout: the webview lays the model out itself, with elkjs in the browser.
        plain: { type: 'model', model: plainModel, prefixes, uri: 'file:///work/seed.azrs' },
        flow: { type: 'model', model: flowModel, layout: await layoutDiagram(flowModel), prefixes, selectedPrefix: '10.2.13.0/25', uri: 'file:///work/seed.azrs' }
    };
}

/** The trace of test/cli/trace.test.ts's broken return path (dc1's reply comes back through hub2), as the panel posts it. */
async function traceMessage(): Promise<ModelMessage> {
    const seed = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');
    const { services } = await buildWorkspace(seed
        .replace('connections: [dc2]', 'connections: [dc2, dc1]')
        .replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }')
        .replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1'));
    const analysis = services.Azrs.analysis.WorkspaceAnalysis.get();
    const { topology } = analysis.built;
    const model = withTrace(buildDiagram(topology, { routing: routeFlowSource(topology, analysis.routing) }), traceOf(analysis, 'app-vm', 'dc1'));
    return {
        type: 'model', model, layout: await layoutDiagram(model), prefixes: [], failures: failureNames(topology),
        selectedTrace: 'app-vm:dc1', uri: 'file:///work/broken.azrs'
    };
}

async function post(message: ModelMessage): Promise<void> {
    await page.evaluate(m => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
}

async function posted(): Promise<PageGlobals['__posted']> {
    return page.evaluate(() => (window as unknown as PageGlobals).__posted);
}

async function waitForPosted(type: string, count = 1): Promise<PageGlobals['__posted']> {
    await page.waitForFunction(([t, n]) => (window as unknown as PageGlobals).__posted.filter(m => m.type === t).length >= (n as number), [type, count] as const);
    return (await posted()).filter(m => m.type === type);
}

async function rootTransform(): Promise<string | null> {
    return page.locator('#diagram svg .azrs-root').getAttribute('transform');
}

describe('route-flow webview in headless Chromium', () => {
    beforeAll(async () => {
        if (!existsSync(CHROMIUM)) {
            throw new Error(`Chromium is not installed at ${CHROMIUM}; the webview test needs a real browser. Install it with: apt-get update && apt-get install -y chromium`);
        }
        scratch = mkdtempSync(join(tmpdir(), 'azrs-webview-'));
        const outdir = join(scratch, 'webview');
        await buildWebview({ outdir });
        mkdirSync(SHOTS, { recursive: true });

        context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
            executablePath: CHROMIUM,
            headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync'],
            viewport: { width: 1400, height: 700 }
        });
        const html = webviewHtml({
            cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/main.js`,
            styleUris: [`${ORIGIN}/diagram.css`, `${ORIGIN}/main.css`, `${ORIGIN}/theme.css`]
        });
        await context.route(`${ORIGIN}/**`, async route => {
            const path = new URL(route.request().url()).pathname;
            if (path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
            // VS Code injects the theme variables; the test page gets a light theme from a file (CSP allows no inline style).
            if (path === '/theme.css') return route.fulfill({ contentType: 'text/css', body: themeCss('light') });
            if (path === '/theme-dark.css') return route.fulfill({ contentType: 'text/css', body: themeCss('dark') });
            const file = join(outdir, path.slice(1));
            if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
            return route.fulfill({ contentType: extname(file) === '.js' ? 'text/javascript' : 'text/css', body: readFileSync(file) });
        });
        page = await context.newPage();
        page.on('pageerror', e => pageErrors.push(String(e)));
        page.on('console', m => { if (m.type() === 'error') pageErrors.push(m.text()); });
        await page.addInitScript(() => {
            const g = window as unknown as PageGlobals & { acquireVsCodeApi: () => unknown };
            g.__posted = [];
            g.__state = undefined;
            g.__csp = [];
            document.addEventListener('securitypolicyviolation', e => g.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
            g.acquireVsCodeApi = () => ({
                postMessage: (m: { type: string }) => { g.__posted.push(m); },
                getState: () => g.__state,
                setState: (s: unknown) => { g.__state = s; }
            });
        });
        await page.goto(`${ORIGIN}/index.html`);
        await waitForPosted('ready');
    }, 60_000);

    afterAll(async () => {
        await context?.close();
        if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    test('draws the nodes and edges of a model it lays out itself, and the prefix picker', async () => {
        const { plain } = await seedMessages();
        await post(plain);
        await page.waitForSelector('#diagram svg [data-node-id]');
        expect(await page.locator('#diagram svg [data-node-id]').count()).toBe(plain.model.nodes.length);
        expect(await page.locator('#diagram svg [data-edge-id]').count()).toBe(plain.model.edges.length);
        const names = await page.locator('#diagram svg .node-name').allTextContents();
        expect(names.sort()).toEqual(plain.model.nodes.map(n => n.name).sort());
        expect(await page.locator('[data-edge-id="peering:h1--h2"]').getAttribute('class')).toContain('has-warning');
        // The searchable prefix picker offers the routing's prefixes.
        const picker = page.locator('input#prefix-picker');
        expect(await picker.getAttribute('list')).toBe('prefix-list');
        expect(await page.locator('datalist#prefix-list option').evaluateAll(os => os.map(o => (o as HTMLOptionElement).value)))
            .toEqual(['10.2.13.0/25', '10.2.20.0/25']);
        // Nodes are laid out without overlap inside the browser too.
        const boxes = await page.locator('#diagram svg .layer-nodes [data-node-id] > .node-box').evaluateAll(rs => rs.map(r => r.getBoundingClientRect().toJSON() as DOMRect));
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i], b = boxes[j];
                expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `boxes ${i} and ${j}`).toBe(true);
            }
        }
        await page.screenshot({ path: join(SHOTS, 'webview-topology.png') });
    });

    test('picking a prefix posts selectPrefix; clicking a node posts reveal with its source', async () => {
        const picker = page.locator('#prefix-picker');
        await picker.fill('10.2.13.0/25');
        await picker.press('Enter');
        const selects = await waitForPosted('selectPrefix');
        expect(selects.at(-1)).toEqual({ type: 'selectPrefix', prefix: '10.2.13.0/25' });

        const { plain } = await seedMessages();
        await page.locator('[data-node-id="nva:nva1"] .node-name').click();
        const reveals = await waitForPosted('reveal');
        const nva1 = plain.model.nodes.find(n => n.id === 'nva:nva1')!;
        expect(reveals.at(-1)).toEqual({ type: 'reveal', uri: nva1.source!.uri, range: nva1.source!.range });
        // Hover details come from the SVG title.
        expect(await page.locator('[data-node-id="nva:nva1"] > title').textContent()).toContain('ASN: 65001');
    });

    test('flow mode shows origin, advertisements, the drop with its reason and installs; pan and zoom survive a refresh', async () => {
        const { flow } = await seedMessages();
        await post(flow);
        await page.waitForSelector('#diagram svg.flow-mode .flow-drop');
        expect(await page.locator('.flow-origin').getAttribute('data-node-id')).toBe('onprem:dc1');
        expect(await page.locator('.flow-advert').count()).toBe(4);
        expect(await page.locator('.flow-drop').count()).toBe(1);
        expect(await page.locator('.flow-drop').getAttribute('data-at')).toBe('rs:rs0');
        expect(await page.locator('.flow-drop text').textContent()).toBe('rs0: AS path contains 65515');
        expect(await page.locator('.flow-install').count()).toBe(2);
        expect(await page.locator('[data-node-id="vm:web1"] .flow-install text').textContent()).toBe('10.2.13.0/25 → nva1 10.101.2.4, nva2 10.102.2.4');
        expect(await page.inputValue('#prefix-picker')).toBe('10.2.13.0/25');
        // Styled from diagram.css under the CSP: the drop marker is red, the advert lines green.
        expect(await page.locator('.flow-drop-marker').evaluate(e => getComputedStyle(e).fill)).toBe('rgb(229, 20, 0)');
        expect(await page.locator('.flow-advert-line').first().evaluate(e => getComputedStyle(e).stroke)).toBe('rgb(56, 138, 52)');
        await page.screenshot({ path: join(SHOTS, 'webview-flow.png') });

        await page.mouse.move(700, 400);
        await page.mouse.wheel(0, -300);
        await page.mouse.move(600, 400);
        await page.mouse.down();
        await page.mouse.move(500, 350, { steps: 5 });
        await page.mouse.up();
        const before = await rootTransform();
        const state = await page.evaluate(() => (window as unknown as PageGlobals).__state) as { view?: { k: number }; selectedPrefix?: string; uri?: string };
        expect(state.view?.k).toBeGreaterThan(0);
        expect(state).toMatchObject({ selectedPrefix: '10.2.13.0/25', uri: 'file:///work/seed.azrs' });
        await post(flow);
        await page.waitForFunction(() => document.querySelectorAll('#diagram svg [data-node-id]').length > 0);
        expect(await rootTransform()).toBe(before);
        expect(before).toMatch(/^translate\([-\d.]+,[-\d.]+\) scale\([\d.]+\)$/);
    });

    test('export buttons post a standalone SVG and a PNG', async () => {
        await page.click('#export-svg');
        const [svg] = await waitForPosted('export');
        expect(svg.format).toBe('svg');
        const markup = svg.data as string;
        expect(markup).toContain('<style>');
        expect(markup).toContain('class="azrs-diagram flow-mode"');
        // Well-formed XML: parsed in a blank page, outside the webview's CSP.
        const blank = await context.newPage();
        const parseError = await blank.evaluate(m => new DOMParser().parseFromString(m, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null, markup);
        await blank.close();
        expect(parseError).toBeNull();
        await page.click('#export-png');
        const exports = await waitForPosted('export', 2);
        expect(exports[1].format).toBe('png');
        expect(exports[1].data as string).toMatch(/^data:image\/png;base64,.{1000,}/);
    });

    test('trace mode: FROM:TO posts selectTrace; a posted trace draws both paths and frames the devices seen one way; the failure picker posts selectFailure', async () => {
        const tracePicker = page.locator('#trace-picker');
        await tracePicker.fill('app-vm');
        await tracePicker.press('Enter');
        expect(await page.locator('#status').textContent()).toBe("'app-vm' is not a trace: write it as FROM:TO, e.g. app-vm:10.2.13.10.");
        await tracePicker.fill('app-vm:dc1');
        await tracePicker.press('Enter');
        expect((await waitForPosted('selectTrace')).at(-1)).toEqual({ type: 'selectTrace', trace: 'app-vm:dc1' });

        const message = await traceMessage();
        await post(message);
        await page.waitForSelector('#diagram svg .layer-trace .trace-blocking');
        const titles = (cls: string) => page.locator(`#diagram svg path.${cls} > title`).allTextContents();
        expect(await titles('trace-forward')).toEqual(['forward hop 1: app-vm -> nva1', 'forward hop 2: nva1 -> ergw1', 'forward hop 3: ergw1 -> dc1']);
        expect(await titles('trace-return')).toEqual(['reply hop 1: dc1 -> ergw2', 'reply hop 2: ergw2 -> nva2', 'reply hop 3: nva2 -> app-vm']);
        expect(await page.locator('#diagram svg path.trace-return').first().getAttribute('stroke-dasharray')).toBe('6 4');
        expect(await page.locator('#diagram svg path.trace-forward').first().getAttribute('stroke-dasharray')).toBeNull();
        // The red frames sit on nva1 and nva2, the stateful NVAs that see one direction only.
        const frames = await page.locator('#diagram svg rect.trace-blocking').evaluateAll(rs => rs.map(r => r.getBoundingClientRect().toJSON() as DOMRect));
        const nvaBoxes = await page.locator('[data-node-id="nva:nva1"] > .node-box, [data-node-id="nva:nva2"] > .node-box').evaluateAll(rs => rs.map(r => r.getBoundingClientRect().toJSON() as DOMRect));
        expect(frames).toHaveLength(2);
        for (const [i, frame] of frames.entries()) {
            expect(frame.left).toBeLessThan(nvaBoxes[i].left);
            expect(frame.right).toBeGreaterThan(nvaBoxes[i].right);
        }
        expect(await page.locator('#diagram svg rect.trace-blocking > title').first().textContent()).toBe('asymmetric: nva1, nva2 see one direction only');
        expect(await page.locator('#status').textContent()).toBe('app-vm:dc1: delivered, reply delivered (asymmetric: nva1, nva2 see one direction only)');
        expect(await page.inputValue('#trace-picker')).toBe('app-vm:dc1');
        expect(await page.evaluate(() => (window as unknown as PageGlobals).__state)).toMatchObject({ selectedTrace: 'app-vm:dc1' });
        await page.screenshot({ path: join(SHOTS, 'webview-trace.png') });

        // Failure mode: the picker lists the failures; picking one leaves trace mode.
        expect(await page.locator('#failure-picker option').allTextContents()).toEqual(['(nothing fails)', ...message.failures!]);
        await page.selectOption('#failure-picker', 'nva1');
        expect((await waitForPosted('selectFailure')).at(-1)).toEqual({ type: 'selectFailure', failure: 'nva1' });
        expect(await page.inputValue('#trace-picker')).toBe('');
        expect(await page.evaluate(() => (window as unknown as PageGlobals).__state)).toMatchObject({ selectedFailure: 'nva1' });
        expect(await page.evaluate(() => (window as unknown as PageGlobals).__state)).not.toHaveProperty('selectedTrace');
    });

    test('reads in a dark theme from VS Code variables', async () => {
        await page.evaluate(href => {
            const link = document.createElement('link');
            link.rel = 'stylesheet';
            link.href = href;
            document.head.append(link);
        }, `${ORIGIN}/theme-dark.css`);
        await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(30, 30, 30)');
        expect(await page.locator('[data-node-id="nva:nva1"] .node-name').evaluate(e => getComputedStyle(e).fill)).toBe('rgb(204, 204, 204)');
        await page.screenshot({ path: join(SHOTS, 'webview-flow-dark.png') });
    });

    test('runs under the strict CSP without violations or errors', async () => {
        expect(await page.evaluate(() => (window as unknown as PageGlobals).__csp)).toEqual([]);
        expect(pageErrors).toEqual([]);
    });
});

function themeCss(kind: 'light' | 'dark'): string {
    const vars = kind === 'light'
        ? { bg: '#ffffff', fg: '#333333', widget: '#f3f3f3', border: '#c8c8c8', muted: '#717171' }
        : { bg: '#1e1e1e', fg: '#cccccc', widget: '#252526', border: '#454545', muted: '#9d9d9d' };
    return `html { --vscode-editor-background: ${vars.bg}; --vscode-editor-foreground: ${vars.fg}; --vscode-foreground: ${vars.fg};
  --vscode-editorWidget-background: ${vars.widget}; --vscode-editorWidget-border: ${vars.border}; --vscode-descriptionForeground: ${vars.muted};
  --vscode-input-background: ${vars.widget}; --vscode-input-foreground: ${vars.fg}; }`;
}
