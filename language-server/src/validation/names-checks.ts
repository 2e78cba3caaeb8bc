import type { SourceRef, Topology } from '../model/topology.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { allNamed, compareSource, describe, nameRef, where } from './topology-queries.js';

/**
 * duplicate-name (docs/language.md §2): one namespace across the workspace for VNets, sites, route
 * servers, gateways, NVAs, VMs, route tables and (v2) firewalls and intents; subnet names per VNet;
 * route names per table; (v2) NIC names per NVA.
 * The first declaration in file order keeps the name; each later one is reported on its name.
 */
export function checkNames(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const report = (first: { name: string; source: SourceRef }, dup: { name: string; source: SourceRef; refs: Record<string, unknown> } & object, firstDesc: string, scope: string) => {
        findings.push(finding({
            code: IssueCodes.DuplicateName,
            message: `The name '${dup.name}' is already used by ${firstDesc} (${where(first.source)}); ${scope}. Rename one of them.`,
            at: nameRef(dup as never),
            target: dup
        }));
    };

    const seen = new Map<string, ReturnType<typeof allNamed>[number]>();
    // An element whose name is missing ('') already has a syntax error; it clashes with nothing.
    for (const el of allNamed(topology).sort((a, b) => compareSource(a.source, b.source))) {
        if (!el.name) continue;
        const first = seen.get(el.name);
        if (first) report(first, el, describe(first), 'names of VNets, sites, route servers, gateways, NVAs, VMs, firewalls, route tables and intents must be unique across the workspace');
        else seen.set(el.name, el);
    }
    for (const vnet of topology.vnets) {
        const subnets = new Map<string, (typeof vnet.subnets)[number]>();
        for (const subnet of vnet.subnets) {
            if (!subnet.name) continue;
            const first = subnets.get(subnet.name);
            if (first) report(first, subnet, `another subnet of VNet '${vnet.name}'`, 'subnet names must be unique within their VNet');
            else subnets.set(subnet.name, subnet);
        }
    }
    // v2: NIC names are unique within their NVA (`azrs routes --vm NVA/NIC`). An `ip:` NIC is named after its NVA.
    for (const vnet of topology.vnets) {
        for (const nva of vnet.nvas) {
            const nics = new Map<string, (typeof nva.nics)[number]>();
            for (const nic of nva.nics) {
                if (!nic.name) continue;
                const first = nics.get(nic.name);
                if (first) report(first, nic, `another NIC of NVA '${nva.name}'`, 'NIC names must be unique within their NVA');
                else nics.set(nic.name, nic);
            }
        }
    }
    for (const table of topology.routeTables) {
        const routes = new Map<string, (typeof table.routes)[number]>();
        for (const route of table.routes) {
            if (!route.name) continue;
            const first = routes.get(route.name);
            if (first) report(first, route, `another route of route table '${table.name}'`, 'route names must be unique within their route table');
            else routes.set(route.name, route);
        }
    }
    return findings;
}
