package io.barelb.image;

/**
 * Run inside the image on the layer2 plugin's class path: prints libpcap's version through pcap4j (JNA), which
 * loads libpcap the way the speaker does when it opens an interface.
 */
public final class PcapVersion {

    private PcapVersion() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        System.out.println(Class.forName("org.pcap4j.core.Pcaps").getMethod("libVersion").invoke(null));
    }
}
