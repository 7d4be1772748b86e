package io.barelb.runtime.cli;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.runtime.cli.support.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code barelb status}: asks running speakers (their metrics port, {@code GET /status}) which addresses they hold and
 * why, with no Kubernetes needed. Several {@code --speaker}s together show who holds each address, and say so when
 * none or more than one of them does.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show which node holds which address and why, asking the speakers themselves (their metrics"
                + " port); no Kubernetes needed. Exit 0 when every address is held by exactly one of the speakers asked"
                + " (or, with one speaker, when it answered), 1 when a speaker did not answer or an address has no"
                + " holder or two.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--speaker", paramLabel = "HOST[:PORT]", defaultValue = "127.0.0.1:7472",
            description = "a speaker's metrics endpoint; repeat for every node (default ${DEFAULT-VALUE})")
    List<String> speakers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long to wait for each speaker (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    private record Line(String node, String address, String owner, String protocol, String state, String reason) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        List<Line> lines = new ArrayList<>();
        TextTable checks = new TextTable("NODE", "CHECK", "TARGET", "STATUS", "LAST PROBE", "WHY");
        boolean anyCheck = false;
        List<String> silent = new ArrayList<>();
        for (String speaker : speakers) {
            Optional<JsonNode> page = fetch(client, speaker, silent);
            if (page.isEmpty()) {
                continue;
            }
            String node = page.get().path("node").asString("?");
            for (JsonNode address : page.get().path("addresses")) {
                lines.add(new Line(node, address.path("address").asString(), address.path("owner").asString(),
                        address.path("protocol").asString(), address.path("state").asString(),
                        address.path("reason").asString()));
            }
            for (JsonNode check : page.get().path("healthChecks")) {
                anyCheck = true;
                JsonNode latency = check.path("lastLatencySeconds");
                checks.row(node, check.path("name").asString(), check.path("target").asString(),
                        check.path("status").asString(), latency.isNumber()
                                ? String.format(java.util.Locale.ROOT, "%.1f ms", latency.asDouble() * 1000) : "-",
                        check.path("summary").asString());
            }
        }
        if (silent.size() == speakers.size()) {
            throw new LbException(ErrorCode.NETWORK_FAILURE, String.join("; ", silent));
        }
        TextTable table = new TextTable("NODE", "ADDRESS", "OWNER", "PROTOCOL", "STATE", "WHY");
        lines.forEach(l -> table.row(l.node(), l.address(), l.owner(), l.protocol(), l.state(), l.reason()));
        out.print(lines.isEmpty() ? "no address is configured for the speakers asked\n" : table.render());
        boolean consistent = summarise(lines, out);
        if (anyCheck) {
            out.println();
            out.print(checks.render());
        }
        silent.forEach(why -> err.println("warning: " + why));
        out.flush();
        err.flush();
        return silent.isEmpty() && consistent ? 0 : 1;
    }

    /** One line per address: who holds it; false when an address has no holder or two among several speakers. */
    private boolean summarise(List<Line> lines, PrintWriter out) {
        Map<String, List<String>> holders = new TreeMap<>();
        Map<String, Integer> reporting = new LinkedHashMap<>();
        for (Line line : lines) {
            String key = line.address() + " (" + line.protocol() + ")";
            holders.computeIfAbsent(key, k -> new ArrayList<>());
            reporting.merge(key, 1, Integer::sum);
            if (line.state().equals("HELD")) {
                holders.get(key).add(line.node());
            }
        }
        if (holders.isEmpty()) {
            return true;
        }
        out.println();
        boolean consistent = true;
        for (Map.Entry<String, List<String>> entry : holders.entrySet()) {
            List<String> nodes = entry.getValue();
            if (nodes.size() == 1) {
                out.println(entry.getKey() + ": held by " + nodes.get(0));
            } else if (nodes.isEmpty()) {
                out.println(entry.getKey() + ": held by none of the " + reporting.get(entry.getKey())
                        + " speakers asked");
                consistent = speakers.size() == 1 && consistent;
            } else {
                out.println(entry.getKey() + ": held by " + String.join(" and ", nodes) + " at once: more than one owner");
                consistent = false;
            }
        }
        return consistent;
    }

    private Optional<JsonNode> fetch(HttpClient client, String speaker, List<String> silent) {
        URI uri;
        try {
            String endpoint = speaker.contains(":") && !speaker.startsWith("[") && speaker.indexOf(':') != speaker.lastIndexOf(':')
                    ? "[" + speaker + "]:7472" : speaker.matches(".*:\\d+$") ? speaker : speaker + ":7472";
            uri = URI.create("http://" + endpoint + "/status");
        } catch (IllegalArgumentException e) {
            throw new LbException(ErrorCode.INVALID_REQUEST, "--speaker " + speaker + ": not HOST[:PORT]; give a speaker's"
                    + " address and metrics port, e.g. --speaker 192.0.2.11:7472");
        }
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(timeoutSeconds)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                silent.add("speaker at " + speaker + " answered " + response.statusCode() + " on /status; is it a"
                        + " BareLB speaker of this version (barelb speaker --metrics-port)?");
                return Optional.empty();
            }
            return Optional.of(JsonMapper.builder().build().readTree(response.body()));
        } catch (IOException e) {
            silent.add("speaker at " + speaker + " did not answer (" + reason(e) + "); is barelb speaker running there,"
                    + " and with --metrics-port set to that port? Give each node with --speaker HOST:PORT");
            return Optional.empty();
        } catch (JacksonException e) {
            silent.add("speaker at " + speaker + " sent no status document; is it a BareLB speaker?");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LbException(ErrorCode.NETWORK_FAILURE, "interrupted while asking " + speaker);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the timeout";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
