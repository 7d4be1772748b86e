package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.Requirements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/barelb demo --network} from the assembled distribution, as a user runs it (as root): the client
 * namespace reaches the Service's EXTERNAL-IP through the node whose speaker answers ARP, the owner's speaker is
 * killed and the other node answers and serves (and MetalLB's {@code ServiceL2Status} names it alone), and the
 * namespaces the demo made are gone when it exits.
 */
class DemoNetworkIT {

    private static final Pattern NAMESPACE = Pattern.compile("\\((bldemo[0-9a-f]+)-client\\)");
    private static final Pattern BEFORE = Pattern.compile(
            "client: ARP for (198\\.51\\.100\\.2\\d\\d) answered by 02:00:00:00:00:0[bc] = (node-[12]), the node BareLB elected");
    private static final Pattern AFTER = Pattern.compile(
            "client: ARP for 198\\.51\\.100\\.2\\d\\d answered by 02:00:00:00:00:0[bc] = (node-[12]), (\\d+) ms after the kill");

    @TempDir
    Path work;

    @Test
    void theClientReachesTheAddressThroughTheElectedNodeAndThroughTheOtherOnceItsSpeakerIsKilled() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "socat", "curl", "arping", "nsenter", "stdbuf");
        Requirements.requireLibrary("libpcap.so.0.8");
        Path home = AssembledDistribution.home();
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process demo = new ProcessBuilder(home.resolve("bin/barelb").toString(), "demo", "--network",
                "--exit-after-seconds", "0").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = demo.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            demo.destroyForcibly().waitFor();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        String describe = "stdout:\n" + printed + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished).as("the demo ends by itself\n%s", describe).isTrue();
        assertThat(demo.exitValue()).as(describe).isZero();

        Matcher before = BEFORE.matcher(printed);
        assertThat(before.find()).as(describe).isTrue();
        String owner = before.group(2);
        assertThat(printed).as(describe).contains("client: curl http://" + before.group(1) + "/ -> hello from " + owner)
                .contains("killed the speaker on " + owner + " (SIGKILL)");
        Matcher after = AFTER.matcher(printed);
        assertThat(after.find()).as(describe).isTrue();
        String survivor = after.group(1);
        assertThat(survivor).as("another node took over\n%s", describe).isNotEqualTo(owner);
        assertThat(printed).as(describe).contains("client: curl http://" + before.group(1) + "/ -> hello from " + survivor);
        assertThat(printed).as("ServiceL2Status names the owner, then only the survivor\n%s", describe)
                .containsPattern("ServiceL2Status metallb-system/l2-\\S+: default/nginx announced by " + owner
                        + "( on \\S+)? \\(the only one\\)")
                .containsPattern("ServiceL2Status metallb-system/l2-\\S+: default/nginx announced by " + survivor
                        + "( on \\S+)? \\(the only one\\)");

        Matcher namespace = NAMESPACE.matcher(printed);
        assertThat(namespace.find()).as(describe).isTrue();
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String namespaces = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        assertThat(List.of(namespaces.split("\n"))).as("the demo removed its namespaces")
                .noneMatch(line -> line.startsWith(namespace.group(1)));
    }
}
