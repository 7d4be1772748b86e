package io.barelb.runtime.speaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The speaker's {@code GET /status} document, which {@code barelb status} reads: this node, every address it knows
 * of with what it does with it and why, and its health checks.
 *
 * <pre>
 * {"node": "cp-1",
 *  "addresses": [{"address": "203.0.113.10", "owner": "VirtualIP/apiserver", "protocol": "layer2",
 *                 "state": "HELD", "reason": "backend healthy (2/2)", "where": ["eth0"]}],
 *  "healthChecks": [{"name": "apiserver", "target": "HTTPS GET 127.0.0.1:6443/readyz", "status": "HEALTHY",
 *                    "summary": "backend healthy (2/2)", "lastLatencySeconds": 0.004}]}
 * </pre>
 */
final class SpeakerStatusPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpeakerStatusPage() {
    }

    static String render(String nodeName, Speaker speaker) {
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (AddressStatus status : speaker.addressStatus()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("address", status.address());
            line.put("owner", status.owner());
            line.put("protocol", status.protocol());
            line.put("state", status.state().name());
            line.put("reason", status.reason());
            line.put("where", status.where());
            addresses.add(line);
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        speaker.healthReports().forEach((name, report) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", name);
            line.put("target", report.target());
            line.put("status", report.status().name());
            line.put("summary", report.summary());
            line.put("lastLatencySeconds", Double.isNaN(report.lastLatencySeconds()) ? null : report.lastLatencySeconds());
            checks.add(line);
        });
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("node", nodeName);
        page.put("addresses", addresses);
        page.put("healthChecks", checks);
        return JSON.writeValueAsString(page) + "\n";
    }
}
