import { describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';
import { run } from '../contract/run.js';

describe('azrs routes', () => {
    it('prints the portal-style table for a spoke VM: each data centre via its own hub NVA', () => {
        const r = azrs(['routes', 'samples/dual-homed-er', '--vm', 'app-vm']);
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split('\n');
        // v2: the portal's last column, the user route's name (docs/language.md §5).
        expect(lines[0]).toMatch(/^Source\s+State\s+Address prefixes\s+Next hop type\s+Next hop IP\s+User defined route name$/);
        expect(lines).toContainEqual(expect.stringMatching(/^VirtualNetworkGateway\s+Active\s+10\.2\.13\.0\/25\s+VirtualNetworkGateway\s+10\.101\.3\.10\s+-$/));
        expect(lines).toContainEqual(expect.stringMatching(/^VirtualNetworkGateway\s+Active\s+10\.2\.20\.0\/25\s+VirtualNetworkGateway\s+10\.102\.3\.10\s+-$/));
    });

    it('prints exactly the az network nic show-effective-route-table -o json shape', () => {
        const r = azrs(['routes', 'samples/udr-routing-example', '--subnet', 'Virtual-network-1/Subnet1', '--format', 'json']);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout);
        expect(Object.keys(json)).toEqual(['value']);
        expect(Object.keys(json.value[0])).toEqual(['source', 'state', 'addressPrefix', 'nextHopType', 'nextHopIpAddress', 'name', 'disableBgpRoutePropagation']);
        expect(json.value.slice(0, 2)).toEqual([
            { source: 'Default', state: 'Invalid', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddress: [], name: null, disableBgpRoutePropagation: false },
            { source: 'User', state: 'Active', addressPrefix: ['0.0.0.0/0'], nextHopType: 'VirtualAppliance', nextHopIpAddress: ['10.0.100.4'], name: 'default', disableBgpRoutePropagation: false }
        ]);
    });

    it('--to prints only the route longest-prefix match selects', () => {
        const table = azrs(['routes', 'samples/udr-routing-example', '--vm', 'vm1', '--to', '10.10.3.4']);
        expect(table.stdout.trim().split('\n').slice(2)).toEqual([expect.stringMatching(/^User\s+Active\s+10\.10\.0\.0\/16\s+VirtualAppliance\s+10\.0\.100\.4\s+to-onprem$/)]);
        const json = JSON.parse(azrs(['routes', 'samples/udr-routing-example', '--vm', 'vm1', '--to', '10.0.0.9', '--format', 'json']).stdout);
        expect(json.value.map((v: { addressPrefix: string[]; nextHopType: string }) => `${v.addressPrefix[0]} ${v.nextHopType}`)).toEqual(['10.0.0.0/24 VnetLocal']);
    });

    it('exits 2 with a message for an unknown VM, a bad subnet, both or neither selector, and a bad --to', () => {
        const cases: Array<[string[], RegExp]> = [
            [['--vm', 'nope'], /unknown VM 'nope'/],
            [['--vm', 'vpngw'], /'vpngw' is a gateway, not a VM or NVA, nor a firewall/],
            [['--subnet', 'Virtual-network-1/none'], /has no subnet 'none'/],
            [['--subnet', 'Subnet1'], /expects VNET\/SUBNET/],
            [['--vm', 'vm1', '--subnet', 'Virtual-network-1/Subnet1'], /exactly one of --vm NAME or --subnet/],
            [[], /exactly one of --vm NAME or --subnet/],
            [['--vm', 'vm1', '--to', '10.0.0.300'], /--to: .*greater than 255/]
        ];
        for (const [args, message] of cases) {
            const r = azrs(['routes', 'samples/udr-routing-example', ...args]);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr).toMatch(message);
            expect(r.stdout).toBe('');
        }
    });

    it('prints an NVA\'s NIC routes too: the firewall keeps its own Internet default (T6)', () => {
        const r = azrs(['routes', 'samples/default-route-injection', '--vm', 'fw1', '--to', '8.8.8.8']);
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split('\n').slice(2)).toEqual([expect.stringMatching(/^User\s+Active\s+0\.0\.0\.0\/0\s+Internet\s+-\s+internet$/)]);
    });

    it('still prints the routes of a topology with errors, and exits 1', () => {
        const r = azrs(['routes', 'samples/dual-homed-er-broken', '--vm', 'app-vm']);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^Source/);
        expect(r.stderr).toContain('the topology has 1 error');
    });
});

describe('azrs routes: 0.0.0.0/0 taken over (docs/semantics.md §4.1 v2, issue 12)', () => {
    // The small failing input: one VNet, an NVA, a VM whose subnet sends 0.0.0.0/0 to the NVA.
    const udr = `vnet vnet { addressSpace: [10.0.0.0/16]
  subnet nva-subnet { prefix: 10.0.1.0/24 }
  subnet app { prefix: 10.0.2.0/24, routeTable: rt }
  nva nva { ip: 10.0.1.4 }
  vm vm { ip: 10.0.2.4 } }
routeTable rt { route default { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: nva } }
`;
    // The same VM learning 0.0.0.0/0 from the NVA through a route server.
    const bgp = `vnet vnet { addressSpace: [10.0.0.0/16]
  routeServer rs { subnet: 10.0.0.0/26 }
  subnet nva-subnet { prefix: 10.0.1.0/24 }
  subnet app { prefix: 10.0.2.0/24 }
  nva nva { ip: 10.0.1.4, asn: 65001, advertises: [0.0.0.0/0] }
  vm vm { ip: 10.0.2.4 } }
bgp nva <-> rs
`;

    it('--to 10.1.0.5 goes to the NVA, not None: the UDR 0/0 removed the four None rows', () => {
        const r = run({ 'main.azrs': udr }, ['routes', 'main.azrs', '--vm', 'vm', '--to', '10.1.0.5']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split('\n').slice(2)).toEqual([expect.stringMatching(/^User\s+Active\s+0\.0\.0\.0\/0\s+VirtualAppliance\s+10\.0\.1\.4\s+default$/)]);
        const table = run({ 'main.azrs': udr }, ['routes', 'main.azrs', '--vm', 'vm']).stdout.trim().split('\n').slice(2);
        expect(table.map(l => l.split(/\s+/).slice(0, 4).join(' '))).toEqual([
            'Default Invalid 0.0.0.0/0 Internet',
            'User Active 0.0.0.0/0 VirtualAppliance',
            'Default Active 10.0.0.0/16 VnetLocal'
        ]);
    });

    it('learning 0/0 through a route server: no Default Internet row at all', () => {
        const r = run({ 'main.azrs': bgp }, ['routes', 'main.azrs', '--vm', 'vm', '--format', 'json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).value.map((v: { source: string; state: string; addressPrefix: string[]; nextHopType: string; nextHopIpAddress: string[] }) =>
            `${v.source} ${v.state} ${v.addressPrefix[0]} ${v.nextHopType} ${v.nextHopIpAddress.join(',')}`.trim())).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.1.4',
            'Default Active 10.0.0.0/16 VnetLocal'
        ]);
    });
});

describe('azrs routes: every NIC has a table (docs/semantics.md §4 v2, docs/language.md §2 v2)', () => {
    const text = `onprem dc { asn: 65010, prefixes: [192.168.50.0/24] }
hub hub {
  addressSpace: [10.1.0.0/16]
  subnet untrust { prefix: 10.1.1.0/24, routeTable: rt-untrust }
  subnet trust { prefix: 10.1.2.0/24 }
  subnet work { prefix: 10.1.3.0/24, routeTable: rt-work }
  gateway vpngw { type: Vpn, subnet: 10.1.255.0/27, connections: [dc], nextHopIps: [10.1.255.4, 10.1.255.5], routeTable: rt-gateway }
  firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
  nva fw1 {
    nic untrust { ip: 10.1.1.4 }
    nic trust { ip: 10.1.2.4 }
  }
  vm vm { ip: 10.1.3.4 }
}
routeTable rt-untrust { route internet { prefix: 0.0.0.0/0, nextHopType: Internet } }
routeTable rt-work {
  route to-fw1 { prefix: 10.50.0.0/16, nextHopType: VirtualAppliance, nextHop: fw1 }
  route to-azfw { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw }
}
routeTable rt-gateway { route work-via-azfw { prefix: 10.1.3.0/24, nextHopType: VirtualAppliance, nextHop: azfw } }
`;
    const table = (args: string[]) => {
        const r = run({ 'main.azrs': text }, ['routes', 'main.azrs', ...args]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        return r.stdout.trim().split('\n').slice(2).map(l => l.split(/\s{2,}/).join(' | '));
    };

    it('--vm fw1/trust prints one NIC\'s table, --vm fw1 the first NIC\'s', () => {
        expect(table(['--vm', 'fw1/untrust', '--to', '8.8.8.8'])).toEqual(['User | Active | 0.0.0.0/0 | Internet | - | internet']);
        expect(table(['--vm', 'fw1/trust', '--to', '8.8.8.8'])).toEqual(['Default | Active | 0.0.0.0/0 | Internet | - | -']);
        expect(table(['--vm', 'fw1'])).toEqual(table(['--vm', 'fw1/untrust']));
    });

    it('--vm <firewall> prints its AzureFirewallSubnet\'s table; --subnet hub/GatewaySubnet the GatewaySubnet\'s with the gateway\'s routeTable', () => {
        expect(table(['--vm', 'azfw', '--to', '192.168.50.1'])).toEqual(['VirtualNetworkGateway | Active | 192.168.50.0/24 | VirtualNetworkGateway | 10.1.255.4, 10.1.255.5 | -']);
        expect(table(['--subnet', 'hub/GatewaySubnet', '--to', '10.1.3.9'])).toEqual(['User | Active | 10.1.3.0/24 | VirtualAppliance | 10.1.4.4 | work-via-azfw']);
        expect(table(['--subnet', 'hub/AzureFirewallSubnet'])).toEqual(table(['--vm', 'azfw']));
    });

    it('a UDR naming a multi-NIC NVA goes to its first NIC, one naming a firewall to its IP', () => {
        expect(table(['--vm', 'vm', '--to', '10.50.0.1'])).toEqual(['User | Active | 10.50.0.0/16 | VirtualAppliance | 10.1.1.4 | to-fw1']);
        expect(table(['--vm', 'vm', '--to', '8.8.8.8'])).toEqual(['User | Active | 0.0.0.0/0 | VirtualAppliance | 10.1.4.4 | to-azfw']);
    });

    it('an unknown NIC or a non-NVA before the slash exits 2 and names what exists', () => {
        const nic = run({ 'main.azrs': text }, ['routes', 'main.azrs', '--vm', 'fw1/dmz']);
        expect([nic.code, nic.stdout]).toEqual([2, '']);
        expect(nic.stderr).toMatch(/NVA 'fw1' has no NIC 'dmz' \(it has: untrust, trust\)/);
        const vm = run({ 'main.azrs': text }, ['routes', 'main.azrs', '--vm', 'vm/eth0']);
        expect([vm.code, vm.stdout]).toEqual([2, '']);
        expect(vm.stderr).toMatch(/'vm' is a VM, not an NVA/);
    });
});

describe('azrs routes: names, element order and file order never choose a route (docs/semantics.md §1–§2 v2)', () => {
    // The wedgie (see test/routing/determinism.test.ts) across two files. The names are
    // chosen so that v1's speakers, taking turns in name order, carried the d1..d4 chain's route to
    // d4 first (another state than z4..z1): this test failed on v1's engine.
    const network = (names: [string, string, string, string], swap: boolean) => {
        const [c1, c2, c3, a] = names;
        const bgp = (x: string, y: string) => swap ? `bgp ${y} <-> ${x}` : `bgp ${x} <-> ${y}`;
        return {
            'hub.azrs': `onprem c-dc { asn: 65100, prefixes: [192.168.10.0/24] }
hub hub {
  addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.1.0/24 }
  subnet work { prefix: 10.1.2.0/24 }
  routeServer a-rs { subnet: 10.1.0.0/26, branchToBranch: true, hubRoutingPreference: VpnGateway }
  gateway b-ergw { type: ExpressRoute, subnet: 10.1.0.64/27, connections: [c-dc] }
  nva ${c1} { ip: 10.1.1.4, asn: 65001 }
  nva ${c2} { ip: 10.1.1.5, asn: 65002 }
  nva ${c3} { ip: 10.1.1.6, asn: 65003 }
  nva ${a} { ip: 10.1.1.7, asn: 65004 }
  vm vm { ip: 10.1.2.4 }
}
`,
            'sessions.azrs': [bgp(c1, 'c-dc'), bgp(c1, c2), bgp(c2, c3), bgp(c3, a), bgp(a, 'a-rs')].join('\n') + '\n'
        };
    };
    const routesOf = (files: Record<string, string>, order: string[]) => {
        const r = run(files, ['routes', ...order, '--vm', 'vm', '--format', 'json']);
        expect(r.stderr).toBe('');
        return r.stdout;
    };

    it('renaming the four NVAs, swapping every bgp statement\'s ends and giving the files in the other order print the same table', () => {
        const first = routesOf(network(['d1', 'd2', 'd3', 'd4'], false), ['hub.azrs', 'sessions.azrs']);
        expect(JSON.parse(first).value.find((v: { addressPrefix: string[] }) => v.addressPrefix[0] === '192.168.10.0/24'))
            .toMatchObject({ source: 'VirtualNetworkGateway', nextHopIpAddress: [] });
        expect(routesOf(network(['z4', 'z3', 'z2', 'z1'], true), ['sessions.azrs', 'hub.azrs'])).toBe(first);
        expect(routesOf(network(['z4', 'z3', 'z2', 'z1'], false), ['hub.azrs', 'sessions.azrs'])).toBe(first);
    });
});
