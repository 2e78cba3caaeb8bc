import { Cancellation, DocumentState, TextDocument, URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../language-server/src/generated/ast.js';
import type { DiagramParams } from '../../language-server/src/lsp/diagram-requests.js';
import { DIAGRAM_REQUEST, registerDiagramRequests } from '../../language-server/src/lsp/diagram-requests.js';
import type { EffectiveRoutesParams } from '../../language-server/src/lsp/route-requests.js';
import { EFFECTIVE_ROUTES_REQUEST, registerRouteRequests } from '../../language-server/src/lsp/route-requests.js';
import type { DiagramResponse } from '../../language-server/src/diagram/index.js';
import type { EffectiveRoutesResult } from '../../language-server/src/lsp/route-requests.js';
import { createTestServices } from '../helpers.js';

type Handler = (params: unknown, token: Cancellation.CancellationToken) => Promise<unknown>;

/** A topology whose VM address and NVA ASN each version changes. */
function text(vmIp: string, asn: number): string {
    return `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.1.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: ${asn} }
  vm app { ip: ${vmIp} }
}
bgp fw1 <-> rs1
`;
}

/**
 * The server's own requests (`azrs/diagram`, `azrs/effectiveRoutes`) are answered from the
 * workspace analysis that the validator computes. A request that arrives while a build is being
 * validated and a newer edit is already waiting must be answered from the newer edit's build, the
 * text the client sent before asking; the server applies every change as a workspace write, as
 * Langium's update handler does.
 */
describe('requests during a build', () => {
    async function server() {
        const services = createTestServices();
        const { shared } = services;
        const handlers = new Map<string, Handler>();
        const connection = { onRequest: (method: string, handler: Handler) => handlers.set(method, handler) } as unknown as Connection;
        registerRouteRequests(shared, services.Azrs, connection);
        registerDiagramRequests(shared, services.Azrs, connection);
        const uri = URI.parse('file:///during-build/net.azrs');
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text('10.1.0.10', 65001), uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const write = (version: number, content: string) => {
            shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'azrs', version, content));
            return shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([uri], [], token));
        };
        const validated: number[] = [];
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, doc => {
            validated.push(doc.textDocument.version);
        });
        return { services, handlers, uri, write, validated };
    }

    /**
     * Version 2 is written; when its validation starts the analysis, version 3 is typed and the
     * request sent (the client sends it after the change). Returns the request's answer.
     */
    async function askWhileVersion2IsValidated(method: string, params: unknown): Promise<{ answer: unknown; validated: number[] }> {
        const { services, handlers, write, validated } = await server();
        const analysis = services.Azrs.analysis.WorkspaceAnalysis;
        const getAsync = analysis.getAsync.bind(analysis);
        let third: Promise<void> | undefined;
        let request: Promise<unknown> | undefined;
        analysis.getAsync = async token => {
            if (!third) {
                third = write(3, text('10.1.0.30', 65001));
                request = handlers.get(method)!(params, new Cancellation.CancellationTokenSource().token);
            }
            return getAsync(token);
        };
        await write(2, text('10.1.0.20', 65515));
        await third;
        return { answer: await request, validated };
    }

    it('azrs/effectiveRoutes answers for the text of the last edit, not the build it interrupted', async () => {
        const { answer, validated } = await askWhileVersion2IsValidated(EFFECTIVE_ROUTES_REQUEST, { vm: 'app' } satisfies EffectiveRoutesParams);
        expect(validated).toEqual([3]);
        expect((answer as EffectiveRoutesResult).title).toBe('Effective routes of app (10.1.0.30, hub1 (default subnet))');
        expect((answer as EffectiveRoutesResult).table).toContain('10.1.0.0/16');
    });

    it('azrs/diagram shows the findings of the last edit: the reserved ASN of version 2 is gone', async () => {
        const { answer } = await askWhileVersion2IsValidated(DIAGRAM_REQUEST, { uri: 'file:///during-build/net.azrs' } satisfies DiagramParams);
        const model = (answer as DiagramResponse).model;
        expect(model.diagnostics.map(d => d.code)).toEqual([]);
        expect(model.nodes.find(n => n.name === 'app')?.sublabel).toContain('10.1.0.30');
    });

    it('a request sent before the first build has finished waits for it', async () => {
        const services = createTestServices();
        const { shared } = services;
        const handlers = new Map<string, Handler>();
        registerRouteRequests(shared, services.Azrs, { onRequest: (m: string, h: Handler) => handlers.set(m, h) } as unknown as Connection);
        const uri = URI.parse('file:///during-build/first.azrs');
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text('10.1.0.10', 65001), uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        const build = shared.workspace.DocumentBuilder.build([document], { validation: true });
        const answer = await handlers.get(EFFECTIVE_ROUTES_REQUEST)!({ vm: 'app' }, new Cancellation.CancellationTokenSource().token) as EffectiveRoutesResult;
        await build;
        expect(answer.title).toBe('Effective routes of app (10.1.0.10, hub1 (default subnet))');
    });

    it('a request the client cancels while it waits is answered RequestCancelled', async () => {
        const services = createTestServices();
        const handlers = new Map<string, Handler>();
        registerRouteRequests(services.shared, services.Azrs, { onRequest: (m: string, h: Handler) => handlers.set(m, h) } as unknown as Connection);
        // No build has run: the workspace is not Validated, so the request waits.
        const source = new Cancellation.CancellationTokenSource();
        const answer = handlers.get(EFFECTIVE_ROUTES_REQUEST)!({ vm: 'app' }, source.token);
        source.cancel();
        await expect(answer).rejects.toMatchObject({ code: -32800 });
    });
});
