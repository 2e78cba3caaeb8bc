export const DUAL = (opts: { ao1?: boolean; ao0?: boolean; urg?: boolean } = {}) => `
onprem dc1 { asn: 65021, prefixes: [10.2.13.0/25] }
onprem dc2 { asn: 65022, prefixes: [10.2.20.0/25] }
hub h1 {
  addressSpace: [10.101.0.0/16]
  routeServer rs1 { subnet: 10.101.1.0/26, branchToBranch: true }
  gateway ergw1 { type: ExpressRoute, subnet: 10.101.0.0/27, connections: [dc1] }
  subnet nva-subnet { prefix: 10.101.3.0/24 }
  nva nva1 { ip: 10.101.3.10, asn: 65001 }
  vm h1vm { ip: 10.101.3.20 }
}
hub h2 {
  addressSpace: [10.102.0.0/16]
  routeServer rs2 { subnet: 10.102.1.0/26, branchToBranch: true }
  gateway ergw2 { type: ExpressRoute, subnet: 10.102.0.0/27, connections: [dc2] }
  subnet nva-subnet { prefix: 10.102.3.0/24 }
  nva nva2 { ip: 10.102.3.10, asn: 65002 }
}
spoke s {
  addressSpace: [10.100.0.0/24]
  routeServer rs0 { subnet: 10.100.0.0/26 }
  vm svm { ip: 10.100.0.100 }
}
peering s -> h1 { allowForwardedTraffic: true${opts.urg ? ', useRemoteGateways: true' : ''} }
peering h1 -> s { allowForwardedTraffic: true${opts.urg ? ', allowGatewayTransit: true' : ''} }
peering s -> h2 { allowForwardedTraffic: true }
peering h2 -> s { allowForwardedTraffic: true }
bgp nva1 <-> rs1 { asOverride: ${opts.ao1 ?? true} }
bgp nva1 <-> rs0 { asOverride: ${opts.ao0 ?? true} }
bgp nva2 <-> rs2 { asOverride: true }
bgp nva2 <-> rs0 { asOverride: true }
`;
