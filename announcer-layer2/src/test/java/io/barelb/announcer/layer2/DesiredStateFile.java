package io.barelb.announcer.layer2;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mini speaker's input: what the real speaker will compute from Kubernetes, written one advertisement a line:
 * <pre>
 * service=default/web address=192.0.2.200 candidates=node-1,node-2,node-3 interfaces=eth0 local=false
 * </pre>
 * {@code interfaces} absent means no L2Advertisement lists interfaces (all are allowed); {@code #} starts a
 * comment.
 */
final class DesiredStateFile {

    private DesiredStateFile() {
    }

    static AnnouncerState parse(String text) {
        List<Advertisement> ads = new ArrayList<>();
        List<ConfigResource> resources = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (String pair : trimmed.split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("line " + lineNumber + ": \"" + pair + "\" is not key=value");
                }
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            Set<String> candidates = new LinkedHashSet<>();
            String candidateText = fields.getOrDefault("candidates", "");
            if (!candidateText.isEmpty()) {
                candidates.addAll(Arrays.asList(candidateText.split(",")));
            }
            List<ConfigResource> selectedBy = new ArrayList<>();
            if (fields.containsKey("interfaces")) {
                List<String> interfaces = fields.get("interfaces").isEmpty()
                        ? List.of() : Arrays.asList(fields.get("interfaces").split(","));
                String name = "l2-line-" + lineNumber;
                ConfigResource ad = new ConfigResource(L2AdvertisementConfig.KIND, name, Map.of(),
                        ConfigView.of(L2AdvertisementConfig.KIND, name, "spec", Map.of("interfaces", interfaces)));
                selectedBy.add(ad);
                resources.add(ad);
            }
            ads.add(new Advertisement(ServiceKey.parse(fields.getOrDefault("service", "default/svc-" + lineNumber)),
                    IpAddress.parse(fields.get("address")), fields.getOrDefault("pool", "default"), candidates,
                    selectedBy, Boolean.parseBoolean(fields.getOrDefault("local", "false"))));
        }
        return new AnnouncerState(ads, resources);
    }
}
