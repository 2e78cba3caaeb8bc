import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate.js';
import { computeRouting } from '../../language-server/src/routing/index.js';
import { deriveTopology } from '../../language-server/src/whatif/derived-topology.js';
import {
    enumerateFailures, FailoverAnalysis, failoverJson, forwardingWalk, type FailoverReport
} from '../../language-server/src/whatif/index.js';
import { buildWorkspace } from '../helpers.js';

const sample = (name: string) => readFileSync(new URL(`../../samples/${name}/${name}.azrs`, import.meta.url), 'utf8');

async function failover(text: string, allComponents = false): Promise<{ report: FailoverReport; fo: FailoverAnalysis; analysis: ReturnType<typeof analysisOf> extends Promise<infer A> ? A : never }> {
    const analysis = await analysisOf(text);
    const fo = new FailoverAnalysis({ topology: analysis.built.topology, routing: analysis.routing, admission: analysis.admission, flows: forwardingWalk() });
    return { report: fo.run({ allComponents }), fo, analysis };
}

async function analysisOf(text: string) {
    const { services } = await buildWorkspace(text);
    return services.Azrs.analysis.WorkspaceAnalysis.get();
}

/** `failure: what breaks` for each failure that breaks something. */
function effects(report: FailoverReport): string[] {
    return report.failures.filter(f => f.lostRoutes.length || f.brokenIntents.length || f.asymmetric.length || f.loops.length).map(f => [
        f.failure,
        ...f.brokenIntents.map(i => `intent ${i}`),
        ...f.lostRoutes.map(l => `${l.element} loses ${l.prefixes.join(' ')}`),
        ...f.asymmetric.map(a => `${a.from}->${a.to} asymmetric at ${a.devices.join(' ')}`),
        ...f.loops.map(l => `${l.from}->${l.to} loops at ${l.device}`)
    ].join(': '));
}

describe('single failures', () => {
    it('the dual-homed sample with both data centres on both hubs survives every single failure', async () => {
        const { report } = await failover(sample('dual-homed-er-intents'));
        expect(report.pathsChecked).toBe(true);
        expect(report.failures.map(f => `${f.failure}:${f.kind}`)).toEqual([
            'nva1:nva', 'nva2:nva', 'ergw1->dc1:connection', 'ergw1->dc2:connection', 'ergw2->dc1:connection', 'ergw2->dc2:connection', 'hub1:hub', 'hub2:hub'
        ]);
        expect(effects(report)).toEqual([]);
        // Its two intents hold as written, so none is "already broken".
        expect(report.brokenWithoutFailure).toEqual([]);
        expect([...(await failover(sample('dual-homed-er-intents'))).fo.baseline().intents]).toEqual([['app-to-dc1', true], ['app-to-dc2', true]]);
    });

    it('with --all-components, only the spoke\'s own route server is a single point of failure', async () => {
        const { report } = await failover(sample('dual-homed-er-intents'), true);
        expect(effects(report)).toEqual(['rs0: intent app-to-dc1: intent app-to-dc2: app-vm loses 10.2.13.0/25 10.2.20.0/25']);
        expect(report.failures.find(f => f.failure === 'rs0')!.reasons.get('app-to-dc1'))
            .toBe("app-vm -> 10.2.13.1: the path app-vm ends dropped-none-route at hop 1 (app-vm): VM 'app-vm' drops it: 10.0.0.0/8 None (system route: Azure drops 10.0.0.0/8 unless a VNet range claims it)");
    });

    it('the seed design and the broken sample: which failures cut a data centre off, and why', async () => {
        // Each data centre is on one hub's circuit only: its hub, NVA or circuit is a single point of failure.
        expect(effects((await failover(sample('dual-homed-er'))).report)).toEqual([
            'nva1: hub1-vm loses 10.2.20.0/25: app-vm loses 10.2.13.0/25',
            'nva2: hub1-vm loses 10.2.20.0/25: app-vm loses 10.2.20.0/25',
            'ergw1->dc1: hub1-vm loses 10.2.13.0/25: app-vm loses 10.2.13.0/25',
            'ergw2->dc2: hub1-vm loses 10.2.20.0/25: app-vm loses 10.2.20.0/25',
            'hub1: hub1-vm loses 10.2.13.0/25 10.2.20.0/25: app-vm loses 10.2.13.0/25',
            'hub2: hub1-vm loses 10.2.20.0/25: app-vm loses 10.2.20.0/25'
        ]);
        // The broken sample's spoke never learns a data centre (missing-as-override): only hub1-vm
        // has something to lose, and only dc1, which reaches it through hub1's own circuit.
        expect(effects((await failover(sample('dual-homed-er-broken'))).report)).toEqual([
            'ergw1->dc1: hub1-vm loses 10.2.13.0/25',
            'hub1: hub1-vm loses 10.2.13.0/25'
        ]);
    });

    it('intents on the seed design: a via through one NVA breaks with that NVA; a UDR to a down NVA says nva-down', async () => {
        const text = sample('dual-homed-er') + `
intent app-to-dc2 { from: app-vm, to: dc2, via: [nva2] }
intent hub-to-dc1 { from: hub1-vm, to: dc1 }
routeTable rt-hub { route to-dc1 { prefix: 10.2.13.0/25, nextHopType: VirtualAppliance, nextHop: nva1 } }
`;
        const { report } = await failover(text.replace('subnet nva-subnet { prefix: 10.101.3.0/24 }', 'subnet nva-subnet { prefix: 10.101.3.0/24 }\n  subnet vms { prefix: 10.101.4.0/24, routeTable: rt-hub }').replace('vm hub1-vm { ip: 10.101.3.20 }', 'vm hub1-vm { ip: 10.101.4.20 }'));
        const nva1 = report.failures.find(f => f.failure === 'nva1')!;
        expect(nva1.brokenIntents).toEqual(['hub-to-dc1']);
        expect(nva1.reasons.get('hub-to-dc1')).toBe("hub1-vm -> 10.2.13.1: the path hub1-vm > nva1 ends nva-down at hop 2 (nva1): NVA 'nva1' has state: down");
        expect(report.failures.find(f => f.failure === 'nva2')!.brokenIntents).toEqual(['app-to-dc2']);
        expect(report.failures.find(f => f.failure === 'hub2')!.brokenIntents).toEqual(['app-to-dc2']);
    });

    it('a firewall fails on its own and with its hub: the intent through it breaks at the firewall, nva-down, the UDR still pointing at it', async () => {
        const { report } = await failover(readFileSync(new URL('./firewall-hub.azrs', import.meta.url), 'utf8'));
        expect(report.failures.map(f => `${f.failure}:${f.kind}:${f.brokenIntents.join(',')}`))
            .toEqual(['azfw:firewall:app-to-dc1', 'ergw1->dc1:connection:app-to-dc1', 'hub1:hub:app-to-dc1']);
        expect(report.failures[0].reasons.get('app-to-dc1'))
            .toBe("app1 -> 192.168.10.1: the path app1 > azfw ends nva-down at hop 2 (azfw): Azure Firewall 'azfw' is down");
    });

    it('a failure that makes a path loop: hub1\'s NVA subnet learns the backup route through its own NVA', async () => {
        const text = sample('dual-homed-er').replace('connections: [dc2]', 'connections: [dc2, dc1]');
        const { report } = await failover(text);
        expect(effects(report)).toContain('ergw1->dc1: hub1-vm->10.2.13.1 loops at nva1');
        expect(failoverJson(report).failures.find(f => f.failure === 'ergw1->dc1')!.loops).toEqual([{ from: 'hub1-vm', to: '10.2.13.1', device: 'nva1' }]);
    });

    it('reusing the paths as written gives what tracing everything again gives, for every failure', async () => {
        const walk = forwardingWalk();
        const texts = [
            sample('dual-homed-er').replace('connections: [dc2]', 'connections: [dc2, dc1]'),
            sample('dual-homed-er-intents').replace(/asPathPrepend: 2/g, ''),
            generateTopology(12, { sitePrefixes: [3, 2] }).text
        ];
        for (const text of texts) {
            const analysis = await analysisOf(text);
            const topology = analysis.built.topology;
            const base = walk.analyse(topology, analysis.routing);
            for (const failure of enumerateFailures(topology, { allComponents: true })) {
                const derived = deriveTopology(topology, failure);
                const routing = computeRouting(derived.topology, { routesPerPeer: 1000 });
                const failed = new Set([...failure.elements.map(e => `${e.kind}:${e.name}`),
                    ...failure.connections.flatMap(c => [`gateway:${c.gateway.name}`, `onprem:${c.site.name}`])]);
                const reused = walk.reanalyse(base, topology, analysis.routing, derived, routing, failed);
                const full = walk.analyse(derived.topology, routing);
                expect({ asymmetric: reused.asymmetric, loops: reused.loops }, failure.name).toEqual({ asymmetric: full.asymmetric, loops: full.loops });
            }
        }
    });

    it('never changes the topology it is given', async () => {
        const { fo, analysis } = await failover(sample('dual-homed-er'), true);
        fo.run({ allComponents: true });
        const t = analysis.built.topology;
        expect(t.vnets.flatMap(v => v.nvas).map(n => n.state)).toEqual(['up', 'up']);
        expect(t.vnets.flatMap(v => v.gateways).map(g => `${g.name}:${g.connections.map(s => s.name)}`)).toEqual(['ergw1:dc1', 'ergw2:dc2']);
        expect(t.vnets.flatMap(v => v.routeServers).map(r => r.name)).toEqual(['rs1', 'rs2', 'rs0']);
        expect(t.sessions).toHaveLength(4);
    });
});
