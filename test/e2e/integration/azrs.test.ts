// End-to-end checks of the azrs extension from inside the VS Code extension host.
// Uses mocha's TDD globals (suite/test/suiteSetup), installed by index.ts before this runs.
import * as vscode from 'vscode';
import {
  BROKEN_SAMPLE,
  COLD_START_TIMEOUT_MS,
  EXTENSION_ID,
  LANGUAGE_ID,
  codeOf,
  describeDiagnostics,
  expect,
  hoverText,
  sampleUri,
  truncate,
  vmNames,
  waitFor,
} from './helpers.js';

const MISSING_AS_OVERRIDE = 'missing-as-override';
const DUAL_HOMED = 'dual-homed-use-remote-gateways';

export function defineTests(): void {
  suite(`azrs extension on ${BROKEN_SAMPLE}`, () => {
    let doc: vscode.TextDocument;
    let uri: vscode.Uri;

    suiteSetup(async () => {
      uri = sampleUri();
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        throw new Error(`expected the sample ${uri.toString()} in the scratch workspace; it is not there`);
      }
      doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
    });

    test('activates on a .azrs file', async () => {
      expect(doc.languageId === LANGUAGE_ID, `expected ${BROKEN_SAMPLE} to open with language id '${LANGUAGE_ID}', seen '${doc.languageId}'`);
      const ext = await waitFor(
        `extension ${EXTENSION_ID} to be installed`,
        () => vscode.extensions.getExtension(EXTENSION_ID),
        () => `installed extensions: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ') || '(none besides built-ins)'}`,
      );
      await waitFor(
        `extension ${EXTENSION_ID} to be active after opening ${BROKEN_SAMPLE}`,
        () => ext.isActive,
        () => `isActive=${ext.isActive} (activationEvents: ${JSON.stringify(ext.packageJSON.activationEvents)})`,
      );
    });

    test(`reports ${MISSING_AS_OVERRIDE} and ${DUAL_HOMED}`, async () => {
      const wanted = [MISSING_AS_OVERRIDE, DUAL_HOMED];
      const diags = await waitFor(
        `diagnostics with codes ${wanted.join(' and ')} on ${BROKEN_SAMPLE}`,
        () => {
          const d = vscode.languages.getDiagnostics(uri);
          const codes = new Set(d.map(codeOf));
          return wanted.every((c) => codes.has(c)) ? d : undefined;
        },
        () => describeDiagnostics(uri),
        COLD_START_TIMEOUT_MS,
      );
      const mao = diags.filter((d) => codeOf(d) === MISSING_AS_OVERRIDE);
      for (const d of mao) {
        expect(d.severity === vscode.DiagnosticSeverity.Warning, `expected ${MISSING_AS_OVERRIDE} to be a warning; seen severity ${vscode.DiagnosticSeverity[d.severity]}`);
        const line = doc.lineAt(d.range.start.line).text;
        expect(/^\s*bgp\b/.test(line), `expected ${MISSING_AS_OVERRIDE} to be anchored on a 'bgp' line; seen line ${d.range.start.line + 1}: ${line.trim()}`);
      }
      const dual = diags.filter((d) => codeOf(d) === DUAL_HOMED);
      for (const d of dual) {
        expect(d.severity === vscode.DiagnosticSeverity.Error, `expected ${DUAL_HOMED} to be an error; seen severity ${vscode.DiagnosticSeverity[d.severity]}`);
      }
    });

    test('hover on a VM name shows its effective route table', async () => {
      const vms = vmNames(doc);
      expect(vms.length > 0, `expected at least one 'vm <name>' in ${BROKEN_SAMPLE}; found none`);
      const seen: string[] = [];
      let withGateway: string | undefined;
      for (const vm of vms) {
        const text = await waitFor(
          `a hover on vm '${vm.name}' containing the route table header '| Source | State |'`,
          async () => {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, vm.position);
            const t = hoverText(hovers);
            seen.push(t);
            return t.includes('| Source | State |') ? t : undefined;
          },
          () => `hover text: ${truncate(seen[seen.length - 1] ?? '(no hover)')}`,
        );
        if (text.includes('VirtualNetworkGateway')) {
          withGateway = vm.name;
          break;
        }
      }
      expect(
        withGateway,
        `expected the route table of at least one VM (${vms.map((v) => v.name).join(', ')}) to contain a VirtualNetworkGateway route; last hover seen:\n${truncate(seen[seen.length - 1] ?? '')}`,
      );
    });

    test(`quick fix 'asOverride: true' clears ${MISSING_AS_OVERRIDE}`, async () => {
      const diag = await waitFor(
        `a ${MISSING_AS_OVERRIDE} diagnostic`,
        () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === MISSING_AS_OVERRIDE),
        () => describeDiagnostics(uri),
      );
      // The bgp statement the warning is on, e.g. "bgp fw1 <-> rs1": used to find it again after the edit.
      const statement = doc.lineAt(diag.range.start.line).text.trim().replace(/\s*\{.*$/, '').replace(/\s+/g, ' ');
      const actions = await waitFor(
        `a code action titled with 'asOverride: true' for the ${MISSING_AS_OVERRIDE} on '${statement}'`,
        async () => {
          const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
            'vscode.executeCodeActionProvider',
            uri,
            diag.range,
          );
          return all?.some((a) => a.title.includes('asOverride: true')) ? all : undefined;
        },
        async () => {
          const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diag.range);
          return `code actions: ${all?.map((a) => JSON.stringify(a.title)).join(', ') || '(none)'}`;
        },
      );
      const fix = actions.find((a) => a.title.includes('asOverride: true'))!;
      if ('edit' in fix && fix.edit) {
        const applied = await vscode.workspace.applyEdit(fix.edit);
        expect(applied, `expected workspace.applyEdit of '${fix.title}' to succeed; it returned false`);
      }
      const command = 'command' in fix ? fix.command : undefined;
      if (command && typeof command === 'object') {
        await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      } else if (typeof command === 'string') {
        await vscode.commands.executeCommand(command, ...((fix as vscode.Command).arguments ?? []));
      }
      expect(doc.getText().includes('asOverride: true'), `expected the document to contain 'asOverride: true' after applying '${fix.title}'`);

      const onSameStatement = (d: vscode.Diagnostic) =>
        codeOf(d) === MISSING_AS_OVERRIDE &&
        doc.lineAt(d.range.start.line).text.trim().replace(/\s*\{.*$/, '').replace(/\s+/g, ' ') === statement;
      await waitFor(
        `the ${MISSING_AS_OVERRIDE} warning on '${statement}' to disappear after applying '${fix.title}'`,
        () => !vscode.languages.getDiagnostics(uri).some(onSameStatement),
        () => describeDiagnostics(uri),
      );
    });

    test('azrs.showRouteFlow opens a webview panel', async () => {
      await vscode.window.showTextDocument(doc, { preview: false });
      const commands = await vscode.commands.getCommands(true);
      expect(
        commands.includes('azrs.showRouteFlow'),
        `expected command azrs.showRouteFlow to be registered; seen azrs commands: ${commands.filter((c) => c.startsWith('azrs.')).join(', ') || '(none)'}`,
      );
      await vscode.commands.executeCommand('azrs.showRouteFlow');
      const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      await waitFor(
        'a tab whose input is a TabInputWebview after running azrs.showRouteFlow',
        () => allTabs().find((t) => t.input instanceof vscode.TabInputWebview),
        () =>
          `tabs: ${allTabs()
            .map((t) => `${JSON.stringify(t.label)} (${(t.input as object | undefined)?.constructor?.name ?? typeof t.input})`)
            .join(', ') || '(none)'}`,
      );
    });
  });

  // azrs verify in the editor: a folder azure-state/ beside the .azrs file (the default of the
  // setting azrs.verify.actualDir) with Azure's effective routes of app-vm, one row azrs lacks.
  suite('azrs verify against azure-state/', () => {
    let uri: vscode.Uri;
    let folder: vscode.Uri;

    suiteSetup(async () => {
      uri = sampleUri();
      folder = vscode.Uri.joinPath(uri, '..', 'azure-state');
      const rows = [
        { source: 'Default', state: 'Active', addressPrefix: ['10.100.0.0/24'], nextHopType: 'VnetLocal', nextHopIpAddress: [] },
        { source: 'Default', state: 'Active', addressPrefix: ['10.99.0.0/16'], nextHopType: 'VNetPeering', nextHopIpAddress: [] },
      ];
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(
        vscode.Uri.joinPath(folder, 'app-vm.effective-routes.json'),
        new TextEncoder().encode(JSON.stringify({ nextLink: null, value: rows }, null, 2)),
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
    });

    suiteTeardown(async () => {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    });

    test('a VM whose Azure table differs shows verify-route-missing on its name', async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const missing = await waitFor(
        "a verify-route-missing diagnostic for 10.99.0.0/16 after writing azure-state/app-vm.effective-routes.json",
        () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'verify-route-missing' && d.message.includes('10.99.0.0/16')),
        () => describeDiagnostics(uri),
        COLD_START_TIMEOUT_MS,
      );
      expect(missing.severity === vscode.DiagnosticSeverity.Warning, `expected verify-route-missing to be a warning; seen ${vscode.DiagnosticSeverity[missing.severity]}`);
      const line = doc.lineAt(missing.range.start.line).text;
      expect(/^\s*vm app-vm\b/.test(line), `expected the difference on the 'vm app-vm' line; seen line ${missing.range.start.line + 1}: ${line.trim()}`);
      expect(doc.getText(missing.range) === 'app-vm', `expected the diagnostic on the VM's name; it covers '${doc.getText(missing.range)}'`);
      expect(missing.message.startsWith('Azure has 10.99.0.0/16 (Default, Active, next hop VNetPeering) on app-vm, azrs does not:'), `unexpected message: ${missing.message}`);
    });
  });
}
