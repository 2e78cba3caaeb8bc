import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azrs, ROOT } from './cli-run.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'azrs-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A hub with two subnets of two VMs each; only `front` has a route table. */
function landingZone(extraRoute: string): string {
    return `
onprem dc1 { asn: 65010, prefixes: [192.168.10.0/24] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway ergw1 { type: ExpressRoute, subnet: 10.1.0.0/27, connections: [dc1] }
  subnet front { prefix: 10.1.1.0/24, routeTable: rt-front }
  subnet back  { prefix: 10.1.2.0/24 }
  vm front-a { ip: 10.1.1.4 }
  vm front-b { ip: 10.1.1.5 }
  vm back-a  { ip: 10.1.2.4 }
  vm back-b  { ip: 10.1.2.5 }
}
routeTable rt-front {
  route blackhole { prefix: 10.99.0.0/16, nextHopType: None }
${extraRoute}
}
`;
}

function write(dir: string, name: string, text: string): string {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
}

/** The built CLI run in another folder (a temporary git repository). */
function azrsIn(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/azrs.cjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): void {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

describe('azrs diff', () => {
    const before = write(path.join(tmp, 'a'), 'lz.azrs', landingZone(''));
    const after = write(path.join(tmp, 'b'), 'lz.azrs', landingZone('  route to-dc { prefix: 192.168.10.0/24, nextHopType: None }'));

    it('a changed route table shows up for exactly the VMs of its subnet (json)', () => {
        const r = azrs(['diff', before, after, '--format', 'json']);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout);
        expect(Object.keys(json)).toEqual(['routes', 'intents', 'diagnostics', 'failover']);
        expect(json.routes.map((x: { element: string }) => x.element)).toEqual(['front-a', 'front-b']);
        expect(json.routes[0]).toEqual({
            element: 'front-a',
            added: [{ source: 'User', state: 'Active', addressPrefix: ['192.168.10.0/24'], nextHopType: 'None', nextHopIpAddress: [] }],
            removed: [],
            changed: [{
                before: { source: 'VirtualNetworkGateway', state: 'Active', addressPrefix: ['192.168.10.0/24'], nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: [] },
                after: { source: 'VirtualNetworkGateway', state: 'Invalid', addressPrefix: ['192.168.10.0/24'], nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: [] }
            }]
        });
        expect(json.intents).toEqual({ broken: [], fixed: [] });
        expect(json.diagnostics).toEqual({ added: [], removed: [] });
    });

    it('text groups the VMs of one subnet; the reverse change reads the other way round', () => {
        const r = azrs(['diff', before, after]);
        expect(r.stdout).toBe([
            'routes of 2 VMs change; 2 failover results change',
            '',
            'front-a, front-b:',
            '  + User Active 192.168.10.0/24 None -',
            '  ~ VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway -  ->  VirtualNetworkGateway Invalid 192.168.10.0/24 VirtualNetworkGateway -',
            '',
            // The front VMs no longer reach dc1 at all, so a failure can only cut off the back ones.
            'Failover:',
            '  ergw1->dc1 (connection) down: 4 VMs cut off -> 2 VMs cut off',
            '  hub1 (hub) down: 4 VMs cut off -> 2 VMs cut off',
            ''
        ].join('\n'));
        const back = azrs(['diff', after, before]);
        expect(back.stdout).toContain('  - User Active 192.168.10.0/24 None -');
        expect(azrs(['diff', before, before]).stdout).toBe('no change in routes, intents, diagnostics or failover\n');
    });

    it('reports diagnostics added and removed, and failover results that changed (markdown for a pull request)', () => {
        const broken = write(path.join(tmp, 'c'), 'lz.azrs', landingZone('').replace('10.1.2.5', '10.1.2.2').replace('connections: [dc1]', 'connections: []'));
        const r = azrs(['diff', before, broken, '--format', 'markdown']);
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe('### :white_check_mark: azrs diff: routes of 4 VMs change; 1 diagnostic added, 0 removed; 2 failover results change');
        expect(r.stdout).toMatch(/- added: `.*lz\.azrs:\d+:\d+` error `reserved-ip`: /);
        expect(r.stdout).toContain('| `ergw1->dc1` | connection | 4 VMs cut off | not tried |');
        expect(r.stdout).toContain('| `hub1` | hub | 4 VMs cut off | nothing breaks |');
        expect(r.stdout).toContain('<details><summary>front-a, front-b, back-a, back-b</summary>');
        expect(r.stdout).toContain('| removed | VirtualNetworkGateway | Active | `192.168.10.0/24` | VirtualNetworkGateway | - |');
    });

    it('exits 1 when the change breaks an intent, and lists intents broken and fixed', () => {
        const good = write(path.join(tmp, 'i1'), 'net.azrs', readFileSync(path.join(ROOT, 'samples/dual-homed-er-intents/dual-homed-er-intents.azrs'), 'utf8'));
        // The spoke's route server loses its session with nva1 and nva2 stops relaying: no way to dc1 or dc2.
        const bad = write(path.join(tmp, 'i2'), 'net.azrs', readFileSync(good, 'utf8')
            .replace('bgp nva1 <-> rs0  { asOverride: true }', '').replace('bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }', ''));
        const r = azrs(['diff', good, bad, '--format', 'json']);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(json.intents).toEqual({ broken: ['app-to-dc1', 'app-to-dc2'], fixed: [] });
        expect(json.routes.map((x: { element: string }) => x.element)).toEqual(['app-vm']);
        const md = azrs(['diff', good, bad, '--format', 'markdown']);
        expect(md.stdout.split('\n')[0]).toBe('### :x: azrs diff: routes of 1 VM change; 2 intents broken (app-to-dc1, app-to-dc2); 2 diagnostics added, 0 removed');
        // The checks report the same intents (intent-violated), as diagnostics added.
        expect(json.diagnostics.added.map((d: { code: string }) => d.code)).toEqual(['intent-violated', 'intent-violated']);
        expect(md.stdout).toContain('- :x: `app-to-dc1` newly broken');
        const back = azrs(['diff', bad, good, '--format', 'json']);
        expect(back.code).toBe(0);
        expect(JSON.parse(back.stdout).intents).toEqual({ broken: [], fixed: ['app-to-dc1', 'app-to-dc2'] });
    });

    it('git:REF reads the same paths at a revision of the working copy\'s repository', () => {
        const repo = path.join(tmp, 'repo');
        write(path.join(repo, 'net'), 'lz.azrs', landingZone(''));
        write(repo, 'README.md', 'not a topology\n');
        git(repo, 'init', '-q');
        git(repo, 'add', '.');
        git(repo, 'commit', '-qm', 'v1');
        write(path.join(repo, 'net'), 'lz.azrs', landingZone('  route to-dc { prefix: 192.168.10.0/24, nextHopType: None }'));
        git(repo, 'commit', '-qam', 'v2');

        const last = azrsIn(repo, ['diff', 'git:HEAD~1', '.', '--format', 'json']);
        expect(last.stderr).toBe('');
        expect(last.code).toBe(0);
        expect(JSON.parse(last.stdout).routes.map((x: { element: string }) => x.element)).toEqual(['front-a', 'front-b']);
        // Both sides at revisions; a sub-folder as the path; the working copy equals HEAD.
        expect(JSON.parse(azrsIn(repo, ['diff', 'git:HEAD~1', 'git:HEAD', '--format', 'json']).stdout).routes).toHaveLength(2);
        expect(azrsIn(path.join(repo, 'net'), ['diff', 'git:HEAD', '.']).stdout).toBe('no change in routes, intents, diagnostics or failover\n');
        expect(azrsIn(repo, ['diff', 'net', 'git:HEAD~1']).stdout).toContain('  - User Active 192.168.10.0/24 None -');
    });

    it('bad revisions and paths exit 2 with a message', () => {
        const repo = path.join(tmp, 'repo');
        const cases: Array<[string, string[], RegExp]> = [
            [repo, ['diff', 'git:no-such-branch', '.'], /azrs: git:no-such-branch: unknown revision 'no-such-branch' in the repository at '.*repo'/],
            [repo, ['diff', 'git:', '.'], /azrs: git:: expected a git revision after 'git:'/],
            [repo, ['diff', 'git:HEAD', 'nowhere'], /azrs: git:HEAD: 'nowhere' exists neither in the working copy nor at HEAD/],
            [repo, ['diff', 'nowhere', 'git:HEAD'], /azrs: cannot read 'nowhere': no such file or directory/],
            [tmp, ['diff', 'git:HEAD', 'a'], /azrs: git:HEAD: 'a' is not in a git repository/],
            [repo, ['diff', 'net'], /error: missing required argument 'new'/]
        ];
        for (const [cwd, args, message] of cases) {
            const r = azrsIn(cwd, args);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr, args.join(' ')).toMatch(message);
            expect(r.stderr).not.toMatch(/\n\s+at /);
        }
    });
});
