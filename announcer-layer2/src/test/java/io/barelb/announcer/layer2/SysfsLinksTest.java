package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsLinksTest {

    @TempDir
    Path root;

    @Test
    void classifiesInterfacesLikeTheKernelReportsThem() throws IOException {
        link("eth0", 1, "0x1003", "up", "02:00:00:00:00:0b", false);
        link("eth1", 1, "0x1002", "down", "02:00:00:00:00:0c", false);
        link("lo", 772, "0x9", "unknown", "00:00:00:00:00:00", false);
        link("veth1", 1, "0x1003", "up", "02:00:00:00:00:0d", true);
        link("wg0", 1, "0x10d1", "unknown", "02:00:00:00:00:0e", false);
        link("tun0", 1, "0x1043", "unknown", "02:00:00:00:00:0f", false);
        Files.createDirectories(root.resolve("half-gone"));

        var links = new SysfsLinks(root).read();

        assertThat(links.keySet()).containsExactly("eth0", "eth1", "lo", "tun0", "veth1", "wg0");
        assertThat(links.get("eth0")).isEqualTo(new Link("eth0", MacAddress.parse("02:00:00:00:00:0b"), true, true));
        assertThat(links.get("eth1").usable()).isFalse();
        assertThat(links.get("eth1").suitable()).isTrue();
        assertThat(links.get("lo").suitable()).isFalse();
        assertThat(links.get("veth1").suitable()).as("enslaved to a bridge").isFalse();
        assertThat(links.get("wg0").suitable()).as("no broadcast, NOARP").isFalse();
        assertThat(links.get("tun0").usable()).as("unknown operstate but UP and RUNNING").isTrue();
    }

    @Test
    void aMissingDirectoryReadsAsNoInterfaces() {
        assertThat(new SysfsLinks(root.resolve("absent")).read()).isEmpty();
    }

    @Test
    void theRealSysfsListsLoopback() {
        assertThat(SysfsLinks.system().read()).containsKey("lo");
    }

    private void link(String name, int type, String flags, String operstate, String mac, boolean enslaved) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("flags"), flags + "\n");
        Files.writeString(dir.resolve("operstate"), operstate + "\n");
        Files.writeString(dir.resolve("address"), mac + "\n");
        if (enslaved) {
            Files.createDirectories(dir.resolve("master"));
        }
    }
}
