package io.barelb.embedded;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Services as {@code kubectl get svc} shows them: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE; as text for
 * the console and as a {@code meta.k8s.io/v1 Table} for kubectl. Pure.
 */
public final class ServiceTable {

    static final List<String> COLUMNS = List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");


    private ServiceTable() {
    }

    /** The cells of one Service's row. */
    static List<String> row(Service service, Instant now) {
        var spec = service.getSpec();
        String type = spec == null || spec.getType() == null ? "ClusterIP" : spec.getType();
        String clusterIp = spec == null || spec.getClusterIP() == null || spec.getClusterIP().isEmpty() ? "<none>"
                : spec.getClusterIP();
        List<String> ingress = ingress(service);
        String external = !ingress.isEmpty() ? String.join(",", ingress)
                : "LoadBalancer".equals(type) ? "<pending>" : "<none>";
        List<ServicePort> ports = spec == null || spec.getPorts() == null ? List.of() : spec.getPorts();
        String portText = ports.isEmpty() ? "<none>" : ports.stream().map(p -> p.getPort()
                + (p.getNodePort() == null ? "" : ":" + p.getNodePort()) + "/"
                + (p.getProtocol() == null ? "TCP" : p.getProtocol())).collect(Collectors.joining(","));
        return List.of(service.getMetadata().getName(), type, clusterIp, external, portText, age(service, now));
    }

    /** The Services as aligned text, header first, the way kubectl prints them. */
    public static String render(List<Service> services, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        services.forEach(s -> rows.add(row(s, now)));
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String age(Service service, Instant now) {
        String created = service.getMetadata().getCreationTimestamp();
        if (created == null) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(created), now).getSeconds());
        } catch (RuntimeException e) {
            return "<unknown>";
        }
    }

    /** {@code seconds} the way kubectl prints an age: 42s, 5m, 3h, 2d. */
    static String humanDuration(long seconds) {
        seconds = Math.max(0, seconds);
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    /** The addresses (or host names) in {@code status.loadBalancer.ingress}, in order. */
    static List<String> ingress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .map(i -> i.getIp() != null ? i.getIp() : i.getHostname())
                .filter(java.util.Objects::nonNull).toList();
    }
}
