package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled product end to end: two node namespaces each run {@code bin/barelb speaker --static DIR} from
 * the distribution (with CAP_NET_RAW as its only capability), reading Nodes, a LoadBalancer Service with VIP
 * 192.0.2.200 in its status, an EndpointSlice, an IPAddressPool and an L2Advertisement from YAML files; a client
 * namespace on the same bridge asks for the VIP with arping. The speakers find each other through the layer2
 * plugin's membership on their eth0 addresses.
 */
class SpeakerLabIT {

    private static final String VIP = "192.0.2.200";
    private static final int NODES = 2;
    private static final Pattern ARPING_REPLY = Pattern.compile("bytes from ([0-9a-f:]{17}) \\(" + Pattern.quote(VIP));
    private static final Pattern NDISC6_REPLY = Pattern.compile("Target link-layer address: ([0-9A-Fa-f:]{17})");
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    /** "Within a few seconds": the survivor must answer this soon after the owner's speaker dies. */
    private static final Duration FAILOVER = Duration.ofSeconds(10);

    private NetnsLab lab;
    private Path distribution;

    @BeforeEach
    void buildLab() throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "arping", "setpriv");
        Requirements.requireLibrary("libpcap.so.0.8");
        distribution = AssembledDistribution.checkedHome();
        lab = new NetnsLab("sp", NODES, false).loopbackAddresses(VIP + "/32");
        lab.build();
        for (int i = 1; i <= NODES; i++) {
            Path folder = staticFolder(i);
            Files.createDirectories(folder);
            StaticFiles.writeAtomically(folder.resolve("nodes.yaml"), nodes());
            StaticFiles.writeAtomically(folder.resolve("service.yaml"), service(true));
            StaticFiles.writeAtomically(folder.resolve("endpoints.yaml"), endpointSlice());
            StaticFiles.writeAtomically(folder.resolve("metallb.yaml"), configuration());
        }
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theElectedNodeAnswersTheSurvivorTakesOverAndAnEditedServiceIsWithdrawn() throws Exception {
        int owner = electedOwner(List.of(NetnsLab.nodeName(1), NetnsLab.nodeName(2)));
        int survivor = NODES + 1 - owner;
        startBothSpeakers(VIP);
        await("node-" + owner + " alone to answer ARP for " + VIP,
                () -> arpingMacs().equals(Set.of(NetnsLab.nodeMac(owner))));

        // the launcher's exec chain (ip netns exec, setpriv, sh) leaves the JVM itself, holding CAP_NET_RAW only
        for (int i = 1; i <= NODES; i++) {
            String status = Files.readString(Path.of("/proc", lab.pid(speaker(i)) + "", "status"));
            assertThat(status).as("node-%d's speaker process", i).contains("Name:\tjava")
                    .contains("CapEff:\t0000000000002000").contains("CapPrm:\t0000000000002000");
        }

        // (1) the elected owner, and only it, answers
        assertThat(arpingMacs()).as(describe()).containsExactly(NetnsLab.nodeMac(owner));
        assertThat(claimsTheVip(owner)).as("node-%d's speaker logs it holds %s", owner, VIP).isTrue();
        assertThat(claimsTheVip(survivor)).as("node-%d's speaker logs it holds %s", survivor, VIP).isFalse();

        // (2) SIGKILL to the owner's speaker: the survivor answers instead
        long killedAt = lab.kill(speaker(owner));
        await(FAILOVER, "node-" + survivor + " to answer ARP for " + VIP + " after node-" + owner + "'s speaker was killed",
                () -> arpingMacs().equals(Set.of(NetnsLab.nodeMac(survivor))));
        long takenOverAt = System.currentTimeMillis();
        System.out.printf("speaker lab: node-%d answered %d ms after node-%d's speaker was killed%n",
                survivor, takenOverAt - killedAt, owner);

        // (3) the Service on the survivor loses its ingress (static folder re-read): nobody answers
        StaticFiles.writeAtomically(staticFolder(survivor).resolve("service.yaml"), service(false));
        await("node-" + survivor + " to give up " + VIP + " after its Service lost the ingress",
                () -> !claimsTheVip(survivor));
        await("no ARP answer for " + VIP, () -> arpingMacs().isEmpty());
        assertThat(arpingMacs()).as(describe()).isEmpty();
        assertThat(lab.alive(speaker(survivor))).as("node-%d's speaker still runs", survivor).isTrue();
    }

    @Test
    void aDualStackServiceIsAnsweredForBothFamiliesByTheNodeItsFirstAddressElects() throws Exception {
        Requirements.requireCommands("ndisc6");
        // an IPv6 address whose own hash elects the other node than the VIP's: only the Service's first address
        // as the key (MetalLB's election) puts both on one node
        List<String> nodes = List.of(NetnsLab.nodeName(1), NetnsLab.nodeName(2));
        int owner = electedOwner(nodes, VIP);
        String vip6 = IntStream.range(0x200, 0x300).mapToObj(i -> "2001:db8::" + Integer.toHexString(i))
                .filter(address -> electedOwner(nodes, address) != owner).findFirst().orElseThrow();
        for (int i = 1; i <= NODES; i++) {
            StaticFiles.writeAtomically(staticFolder(i).resolve("service.yaml"), service("{ip: " + VIP + "}, {ip: " + vip6 + "}"));
            StaticFiles.writeAtomically(staticFolder(i).resolve("metallb.yaml"),
                    configuration().replace("[192.0.2.192/27]", "[192.0.2.192/27, 2001:db8::200/120]"));
        }
        startBothSpeakers(vip6);

        await("node-" + owner + " alone to answer ARP for " + VIP, () -> arpingMacs().equals(Set.of(NetnsLab.nodeMac(owner))));
        await("node-" + owner + " alone to answer NDP for " + vip6 + " (its own hash elects the other node)",
                () -> ndiscMacs(vip6).equals(Set.of(NetnsLab.nodeMac(owner))));
        assertThat(arpingMacs()).as(describe()).containsExactly(NetnsLab.nodeMac(owner));
        assertThat(ndiscMacs(vip6)).as(describe()).containsExactly(NetnsLab.nodeMac(owner));
    }

    // ---- the static folders

    private Path staticFolder(int i) {
        return lab.dir().resolve("static-" + i);
    }

    private static String nodes() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= NODES; i++) {
            text.append("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: %1$s, labels: {kubernetes.io/hostname: %1$s}}
                    status:
                      conditions: [{type: Ready, status: "True"}]
                      addresses: [{type: InternalIP, address: %2$s}]
                    ---
                    """.formatted(NetnsLab.nodeName(i), NetnsLab.nodeIp(i)));
        }
        return text.toString();
    }

    private static String service(boolean withIngress) {
        return service(withIngress ? "{ip: " + VIP + "}" : "");
    }

    private static String service(String ingress) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {namespace: default, name: web}
                spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [%s]}}
                """.formatted(ingress);
    }

    private static String endpointSlice() {
        return """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {namespace: default, name: web-1, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                endpoints:
                - {addresses: [198.51.100.21], nodeName: node-1, conditions: {ready: true}}
                - {addresses: [198.51.100.22], nodeName: node-2, conditions: {ready: true}}
                ports: [{port: 80, protocol: TCP}]
                """;
    }

    private static String configuration() {
        return """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {namespace: metallb-system, name: lab}
                spec: {addresses: [192.0.2.192/27]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata: {namespace: metallb-system, name: lab}
                spec: {ipAddressPools: [lab]}
                """;
    }


    // ---- the speakers

    /**
     * node-1 first, until it holds {@code address} alone, so node-2 joins its group rather than both forming groups
     * of one and merging later; then node-2, until both see both in their membership view.
     */
    private void startBothSpeakers(String address) throws IOException, InterruptedException {
        startSpeaker(1);
        await("node-1 to take over " + address + " alone", () -> speakerLog(1).contains("node node-1 takes over " + address));
        startSpeaker(2);
        for (int i = 1; i <= NODES; i++) {
            int node = i;
            await("node-" + node + " to see both speakers in its membership view",
                    () -> speakerLog(node).matches("(?s).*layer2 membership view [^\\n]*: \\[node-1, node-2\\].*"));
        }
    }

    private void startSpeaker(int i) throws IOException {
        lab.start(speaker(i), lab.nodeNs(i), Map.of(
                        "JAVA", NetnsLab.javaBin(),
                        "BARELB_JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true"
                                + " -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                        "BARELB_MEMBERLIST_BIND", lab.membershipIp(i) + ":" + NetnsLab.MEMBERSHIP_PORT,
                        "BARELB_MEMBERLIST_SEEDS", lab.seeds(),
                        "BARELB_MEMBERLIST_CLUSTER", "lab-" + lab.tag(),
                        // generous: a JVM paused on a loaded 2-core machine must not be declared dead; a killed
                        // speaker is seen through its closed connections, not through this timeout
                        "BARELB_MEMBERLIST_TIMEOUT_MS", "2000"),
                List.of("setpriv", "--bounding-set=-all,+net_raw", distribution.resolve("bin/barelb").toString(),
                        "speaker", "--node", NetnsLab.nodeName(i), "--static", staticFolder(i).toString(),
                        "--metrics-port", "0"));
    }

    private static String speaker(int i) {
        return "speaker-" + i;
    }

    private String speakerLog(int i) {
        return lab.log(speaker(i) + ".log");
    }

    /** Whether node i's speaker log says, last, that it took the VIP over (rather than gave it up). */
    private boolean claimsTheVip(int i) {
        String log = speakerLog(i);
        return log.lastIndexOf("node node-" + i + " takes over " + VIP) > log.lastIndexOf("node node-" + i + " gives up " + VIP);
    }

    private static int electedOwner(List<String> candidates) {
        return electedOwner(candidates, VIP);
    }

    /** MetalLB's layer2 election: the node with the lowest sha256(node + "#" + key), bytes unsigned. */
    private static int electedOwner(List<String> candidates, String key) {
        String owner = candidates.stream()
                .min(Comparator.<String, byte[]>comparing(node -> sha256(node + "#" + key), Arrays::compareUnsigned))
                .orElseThrow();
        return Integer.parseInt(owner.substring("node-".length()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The MACs that answered three ARP requests for the VIP from the client. */
    private Set<String> arpingMacs() {
        try {
            String output = lab.execAllowingFailure(lab.clientNs(), "arping", "-i", "eth0", "-c", "3", "-W", "0.2", VIP);
            Matcher matcher = ARPING_REPLY.matcher(output);
            Set<String> macs = new HashSet<>();
            while (matcher.find()) {
                macs.add(matcher.group(1));
            }
            return macs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MACs in the neighbour advertisements that answered two solicitations for {@code address}. */
    private Set<String> ndiscMacs(String address) {
        try {
            String output = lab.execAllowingFailure(lab.clientNs(), "ndisc6", "-m", "-n", "-r", "2", "-w", "300",
                    address, "eth0");
            Matcher matcher = NDISC6_REPLY.matcher(output);
            Set<String> macs = new HashSet<>();
            while (matcher.find()) {
                macs.add(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            return macs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(CONVERGENCE, what, condition);
    }

    private void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(limit, what, condition, this::describe);
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        IntStream.rangeClosed(1, NODES).forEach(i -> {
            String log = speakerLog(i);
            text.append("--- speaker node-").append(i).append(" alive=").append(lab.alive(speaker(i)))
                    .append(", log tail:\n").append(log.substring(Math.max(0, log.length() - 4000))).append('\n');
        });
        return text.toString();
    }
}
