package io.barelb.distribution;

/**
 * The static folder of the BGP scale labs: one node (node-1, 192.0.2.11, and .21 as the source of a second session),
 * one pool 10.0.0.0/16 advertised over BGP to BIRD at 192.0.2.100 and .101, and N Services with one ingress address
 * each and one ready endpoint on node-1.
 */
final class ScaleFiles {

    static final String CONFIGURATION = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
            status:
              conditions: [{type: Ready, status: "True"}]
              addresses: [{type: InternalIP, address: 192.0.2.11}]
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {namespace: metallb-system, name: scale}
            spec: {addresses: [10.0.0.0/16]}
            ---
            apiVersion: metallb.io/v1beta1
            kind: BGPAdvertisement
            metadata: {namespace: metallb-system, name: scale}
            spec: {ipAddressPools: [scale]}
            ---
            apiVersion: metallb.io/v1beta2
            kind: BGPPeer
            metadata: {namespace: metallb-system, name: tor-a}
            spec: {myASN: 64512, peerASN: 64513, peerAddress: 192.0.2.100}
            ---
            apiVersion: metallb.io/v1beta2
            kind: BGPPeer
            metadata: {namespace: metallb-system, name: tor-b}
            spec: {myASN: 64512, peerASN: 64513, peerAddress: 192.0.2.101, sourceAddress: 192.0.2.21}
            """;

    private ScaleFiles() {
    }

    /** The i-th Service's address, 10.0.0.0 upwards. */
    static String address(int i) {
        return "10.0." + (i >> 8) + "." + (i & 0xFF);
    }

    /** {@code services} LoadBalancer Services s0, s1, ..., each with its ingress address. */
    static String services(int services) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < services; i++) {
            yaml.append("""
                    apiVersion: v1
                    kind: Service
                    metadata: {namespace: default, name: s%d}
                    spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ports: [{port: 80, protocol: TCP}]}
                    status: {loadBalancer: {ingress: [{ip: %s}]}}
                    ---
                    """.formatted(i, address(i)));
        }
        return yaml.toString();
    }

    /** One EndpointSlice per Service with one ready endpoint on node-1. */
    static String endpointSlices(int services) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < services; i++) {
            yaml.append("""
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata: {namespace: default, name: s%d-1, labels: {kubernetes.io/service-name: s%d}}
                    addressType: IPv4
                    endpoints: [{addresses: [198.51.100.200], nodeName: node-1, conditions: {ready: true}}]
                    ports: [{port: 80, protocol: TCP}]
                    ---
                    """.formatted(i, i));
        }
        return yaml.toString();
    }
}
