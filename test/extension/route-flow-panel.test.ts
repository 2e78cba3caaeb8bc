import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiagramResult, DiagramView } from '../../extension/src/route-flow-panel.js';
import type { FromWebviewMessage, ToWebviewMessage, WebviewState } from '../../extension/src/webview/messages.js';

/**
 * The route-flow panel's wiring, with a stand-in for the `vscode` module (it only exists inside the
 * extension host): the webview's `selectTrace` / `selectFailure` messages reach `getModel` (the
 * `azrs/diagram` request) and the model goes back to the webview with the mode it was drawn for.
 * test/e2e/ui/azrs.ui.test.ts checks the same in a real workbench; this checks the cases it does not
 * reach quickly (leaving one mode for another, a panel revived after a reload).
 */
interface FakePanel {
    title: string;
    posted: ToWebviewMessage[];
    send(message: FromWebviewMessage): Promise<void>;
}

const panels: FakePanel[] = [];

vi.mock('vscode', () => {
    const uri = (s: string) => ({ toString: () => s, path: new URL(s).pathname });
    const disposable = { dispose() { /* nothing to free */ } };
    const createPanel = (): FakePanel & Record<string, unknown> => {
        let listener: ((m: FromWebviewMessage) => unknown) | undefined;
        const panel = {
            title: '',
            posted: [] as ToWebviewMessage[],
            webview: {
                html: '', options: {}, cspSource: 'vscode-resource:',
                asWebviewUri: (u: { toString(): string }) => u,
                onDidReceiveMessage: (f: (m: FromWebviewMessage) => unknown) => { listener = f; return disposable; },
                postMessage: async (m: ToWebviewMessage) => { panel.posted.push(m); return true; }
            },
            onDidDispose: () => disposable,
            reveal() { /* shown */ },
            dispose() { /* closed */ },
            // The panel handles a message asynchronously: wait until it has posted its answer.
            async send(message: FromWebviewMessage) {
                const before = panel.posted.length;
                listener?.(message);
                await vi.waitFor(() => expect(panel.posted.length).toBeGreaterThan(before));
            }
        };
        panels.push(panel);
        return panel;
    };
    return {
        Uri: { parse: uri, joinPath: (base: { toString(): string }, ...parts: string[]) => uri(`${base.toString()}/${parts.join('/')}`) },
        ViewColumn: { One: 1, Beside: -2 },
        window: { createWebviewPanel: createPanel },
        createFakePanel: createPanel
    };
});

const DOC = 'file:///work/seed.azrs';

async function load() {
    const { RouteFlowPanel } = await import('../../extension/src/route-flow-panel.js');
    const vscode = await import('vscode') as unknown as { createFakePanel(): FakePanel };
    const views: DiagramView[] = [];
    const getModel = async (_uri: string, view: DiagramView): Promise<DiagramResult> => {
        views.push(view);
        return { model: { nodes: [], edges: [] } as unknown as DiagramResult['model'], prefixes: [], failures: ['nva1', 'nva2'] };
    };
    return { RouteFlowPanel, vscode, views, getModel };
}

describe('route-flow panel: trace and failure modes', () => {
    beforeEach(() => {
        panels.length = 0;
        vi.resetModules();
    });

    it('selectTrace asks for that trace alone, posts the model with selectedTrace and names it in the title; selectFailure leaves trace mode', async () => {
        const { RouteFlowPanel, views, getModel } = await load();
        const shown = RouteFlowPanel.createOrShow({ toString: () => 'file:///ext' } as never, DOC, getModel);
        const panel = panels[0];
        await panel.send({ type: 'ready' });
        await panel.send({ type: 'selectPrefix', prefix: '10.2.13.0/25' });
        await panel.send({ type: 'selectTrace', trace: ' app-vm:dc1 ' });
        expect(views.at(-1)).toEqual({ trace: 'app-vm:dc1' });
        expect(panel.posted.at(-1)).toMatchObject({ type: 'model', selectedTrace: 'app-vm:dc1', failures: ['nva1', 'nva2'], uri: DOC });
        expect(panel.posted.at(-1)).not.toHaveProperty('selectedPrefix');
        expect(panel.title).toBe('Route flow: seed.azrs (trace app-vm:dc1)');

        await panel.send({ type: 'selectFailure', failure: 'nva1' });
        expect(views.at(-1)).toEqual({ failure: 'nva1' });
        expect(panel.posted.at(-1)).toMatchObject({ type: 'model', selectedFailure: 'nva1' });
        expect(panel.posted.at(-1)).not.toHaveProperty('selectedTrace');
        expect(panel.title).toBe('Route flow: seed.azrs (if nva1 fails)');

        // A trace leaves failure mode in turn; the empty trace leaves trace mode.
        await panel.send({ type: 'selectTrace', trace: 'app-vm:10.2.13.10' });
        expect(views.at(-1)).toEqual({ trace: 'app-vm:10.2.13.10' });
        await panel.send({ type: 'selectTrace', trace: '' });
        expect(views.at(-1)).toEqual({});
        expect(panel.title).toBe('Route flow: seed.azrs');
        shown.dispose();
    });

    it('a request error reaches the webview as an error message', async () => {
        const { RouteFlowPanel } = await load();
        const failing = async (): Promise<DiagramResult> => { throw new Error("from: unknown VM, NVA, firewall or onprem site 'nope'"); };
        const shown = RouteFlowPanel.createOrShow({ toString: () => 'file:///ext' } as never, DOC, failing);
        const panel = panels[0];
        await panel.send({ type: 'ready' });
        await panel.send({ type: 'selectTrace', trace: 'nope:dc1' });
        expect(panel.posted.at(-1)).toEqual({ type: 'error', message: "The diagram could not be computed: from: unknown VM, NVA, firewall or onprem site 'nope'" });
        shown.dispose();
    });

    it('a panel revived after a reload keeps its trace, asks for it and names it in the title', async () => {
        const { RouteFlowPanel, vscode, views, getModel } = await load();
        const state: WebviewState = { uri: DOC, selectedTrace: 'app-vm:dc1' };
        const revived = RouteFlowPanel.revive(vscode.createFakePanel() as never, { toString: () => 'file:///ext' } as never, state, getModel);
        const panel = panels[0];
        expect(panel.title).toBe('Route flow: seed.azrs (trace app-vm:dc1)');
        await panel.send({ type: 'ready' });
        expect(views.at(-1)).toEqual({ trace: 'app-vm:dc1' });
        expect(panel.posted.at(-1)).toMatchObject({ type: 'model', selectedTrace: 'app-vm:dc1' });
        revived.dispose();
    });
});
