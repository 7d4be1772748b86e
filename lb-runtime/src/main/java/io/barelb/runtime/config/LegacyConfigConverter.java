package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Converts the legacy MetalLB ConfigMap ({@code data.config}) into the same resources MetalLB's
 * {@code configmaptocrs} produces: an {@code IPAddressPool} per pool plus one {@code L2Advertisement} (layer2)
 * or one {@code BGPAdvertisement} per {@code bgp-advertisements} entry (bgp; a default one when there are
 * none), a {@code BGPPeer} per peer, a {@code BFDProfile} per profile and one {@code Community} holding the
 * {@code bgp-communities} aliases. Values are copied as written, so the validator judges them; problems are
 * reported in the ConfigMap's own kebab-case terms.
 */
final class LegacyConfigConverter {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final Set<String> TOP = Set.of("peers", "bgp-communities", "bfd-profiles", "address-pools");
    private static final Set<String> POOL = Set.of("name", "protocol", "addresses", "avoid-buggy-ips", "auto-assign",
            "bgp-advertisements");
    private static final Set<String> ADVERTISEMENT = Set.of("aggregation-length", "aggregation-length-v6", "localpref",
            "communities");
    private static final Set<String> PEER = Set.of("my-asn", "peer-asn", "peer-address", "source-address", "peer-port",
            "hold-time", "keepalive-time", "router-id", "node-selectors", "password", "bfd-profile", "ebgp-multihop");
    private static final Set<String> BFD = Set.of("name", "receive-interval", "transmit-interval", "detect-multiplier",
            "echo-interval", "echo-mode", "passive-mode", "minimum-ttl");

    private final String configMap;
    private final Problems problems = new Problems();
    private final List<ConfigResource> resources = new ArrayList<>();
    private final Map<ResourceId, LegacyOrigin> origins = new LinkedHashMap<>();
    private final Set<String> poolNames = new java.util.HashSet<>();

    private LegacyConfigConverter(String configMap) {
        this.configMap = configMap;
    }

    /** Converts the text of {@code data.config} of ConfigMap {@code configMap}. */
    static ConfigInput convert(String configMap, String text) {
        LegacyConfigConverter converter = new LegacyConfigConverter(configMap);
        Object root;
        try {
            root = YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            return new ConfigInput(List.of(), Map.of(), List.of(new ConfigProblem("ConfigMap", configMap, "data.config", "",
                    "is not valid YAML: " + ConfigReader.firstLine(e.getOriginalMessage()))), 0);
        }
        if (root == null) {
            root = Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            return new ConfigInput(List.of(), Map.of(), List.of(new ConfigProblem("ConfigMap", configMap, "data.config", "",
                    "must be a YAML object with address-pools, peers, bgp-communities and bfd-profiles")), 0);
        }
        converter.convertRoot(ConfigView.of("ConfigMap", configMap, "", ConfigReader.stringKeys(map)));
        List<ConfigProblem> located = converter.problems.list().stream().map(LegacyConfigConverter::stripDot).toList();
        return new ConfigInput(converter.resources, converter.origins, located, 0);
    }

    private void convertRoot(ConfigView root) {
        problems.unknownKeys(root, TOP);
        List<ConfigView> pools = problems.readList(() -> root.children("address-pools"));
        for (int i = 0; i < pools.size(); i++) {
            convertPool(pools.get(i), "address-pools[" + i + "]");
        }
        List<ConfigView> peers = problems.readList(() -> root.children("peers"));
        for (int i = 0; i < peers.size(); i++) {
            ConfigView peer = peers.get(i);
            problems.unknownKeys(peer, PEER);
            String prefix = "peers[" + i + "]";
            add("BGPPeer", "peer" + (i + 1), camelTree(peer.asMap(), PEER), prefix, Map.of());
        }
        List<ConfigView> profiles = problems.readList(() -> root.children("bfd-profiles"));
        for (int i = 0; i < profiles.size(); i++) {
            ConfigView profile = profiles.get(i);
            problems.unknownKeys(profile, BFD);
            Optional<String> name = problems.read(() -> profile.string("name"));
            if (name.isEmpty()) {
                problems.at(profile, "name", "", "is required");
                continue;
            }
            Map<String, Object> spec = camelTree(profile.asMap(), BFD);
            spec.remove("name");
            add("BFDProfile", name.get(), spec, "bfd-profiles[" + i + "]", Map.of());
        }
        problems.read(() -> root.child("bgp-communities")).ifPresent(this::convertCommunities);
    }

    private void convertPool(ConfigView pool, String prefix) {
        problems.unknownKeys(pool, POOL);
        Optional<String> name = problems.read(() -> pool.string("name"));
        if (name.isEmpty()) {
            problems.at(pool, "name", "", "is required");
            return;
        }
        if (!poolNames.add(name.get())) {
            problems.at(pool, "name", name.get(), "duplicate pool name; every pool needs its own name");
            return;
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        pool.raw("addresses").ifPresent(v -> spec.put("addresses", v));
        pool.raw("auto-assign").ifPresent(v -> spec.put("autoAssign", v));
        pool.raw("avoid-buggy-ips").ifPresent(v -> spec.put("avoidBuggyIPs", v));
        add(ConfigKinds.IP_ADDRESS_POOL, name.get(), spec, prefix, Map.of());
        Map<String, String> poolRef = Map.of("spec.ipAddressPools", prefix + ".name",
                "spec.ipAddressPools[0]", prefix + ".name");
        Optional<String> protocol = problems.read(() -> pool.string("protocol"));
        List<ConfigView> advertisements = problems.readList(() -> pool.children("bgp-advertisements"));
        if (protocol.isEmpty()) {
            problems.at(pool, "protocol", "", "is required: layer2 or bgp");
        } else if (protocol.get().equals("layer2")) {
            if (!advertisements.isEmpty()) {
                problems.at(pool, "bgp-advertisements", "",
                        "a layer2 pool cannot have bgp-advertisements; remove them or set protocol: bgp");
            }
            add(ConfigKinds.L2_ADVERTISEMENT, "l2adv-" + name.get(), Map.of("ipAddressPools", List.of(name.get())),
                    prefix, poolRef);
        } else if (protocol.get().equals("bgp")) {
            if (advertisements.isEmpty()) {
                add(ConfigKinds.BGP_ADVERTISEMENT, "bgpadv-" + name.get(), Map.of("ipAddressPools", List.of(name.get())),
                        prefix, poolRef);
            }
            for (int j = 0; j < advertisements.size(); j++) {
                ConfigView advertisement = advertisements.get(j);
                problems.unknownKeys(advertisement, ADVERTISEMENT);
                Map<String, Object> adSpec = camelTree(advertisement.asMap(), ADVERTISEMENT);
                adSpec.put("ipAddressPools", List.of(name.get()));
                add(ConfigKinds.BGP_ADVERTISEMENT, "bgpadv-" + name.get() + "-" + j, adSpec,
                        prefix + ".bgp-advertisements[" + j + "]", poolRef);
            }
        } else {
            problems.at(pool, "protocol", protocol.get(), "unknown protocol; use layer2 or bgp");
        }
    }

    private void convertCommunities(ConfigView aliases) {
        List<Object> entries = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String alias : aliases.keys()) {
            Object value = aliases.raw(alias).orElse("");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", alias);
            entry.put("value", value);
            String spec = "spec.communities[" + entries.size() + "]";
            overrides.put(spec, "bgp-communities." + alias);
            overrides.put(spec + ".name", "bgp-communities." + alias);
            overrides.put(spec + ".value", "bgp-communities." + alias);
            entries.add(entry);
        }
        if (!entries.isEmpty()) {
            add(ConfigKinds.COMMUNITY, "bgp-communities", Map.of("communities", entries), "bgp-communities", overrides);
        }
    }

    private void add(String kind, String name, Map<String, Object> spec, String prefix, Map<String, String> overrides) {
        resources.add(new ConfigResource(kind, name, Map.of(), ConfigView.of(kind, name, "spec", spec)));
        origins.put(new ResourceId(kind, name), new LegacyOrigin(configMap, prefix, overrides));
    }

    /** Copies a legacy object with keys made camelCase, dropping unknown top keys (already reported). */
    private static Map<String, Object> camelTree(Map<String, Object> legacy, Set<String> known) {
        Map<String, Object> result = new LinkedHashMap<>();
        legacy.forEach((key, value) -> {
            if (known.contains(key)) {
                result.put(FieldNames.camel(key), camelValue(key, value));
            }
        });
        return result;
    }

    private static Object camelValue(String key, Object value) {
        if (key.equals("match-labels")) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(FieldNames.camel(String.valueOf(k)), camelValue(String.valueOf(k), v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> camelValue("", item)).toList();
        }
        return value;
    }

    private static ConfigProblem stripDot(ConfigProblem problem) {
        String field = problem.field().startsWith(".") ? problem.field().substring(1) : problem.field();
        return new ConfigProblem(problem.kind(), problem.name(), field, problem.value(), problem.reason());
    }
}
