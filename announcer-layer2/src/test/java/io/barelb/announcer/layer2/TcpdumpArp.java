package io.barelb.announcer.layer2;

/** Reads {@code tcpdump -n -e -tt arp} output. */
final class TcpdumpArp {

    private TcpdumpArp() {
    }

    /**
     * Wall-clock milliseconds of the first gratuitous ARP (request "who-has VIP tell VIP" or "Reply VIP is-at")
     * sent from {@code mac} at or after {@code afterMillis}, or -1.
     */
    static long firstGratuitous(String output, String mac, String vip, long afterMillis) {
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2 || !words[1].equalsIgnoreCase(mac)) {
                continue;
            }
            boolean gratuitous = line.contains("who-has " + vip + " tell " + vip) || line.contains("Reply " + vip + " is-at");
            if (!gratuitous) {
                continue;
            }
            long millis;
            try {
                millis = Math.round(Double.parseDouble(words[0]) * 1000);
            } catch (NumberFormatException e) {
                continue;
            }
            if (millis >= afterMillis) {
                return millis;
            }
        }
        return -1;
    }

    /**
     * Wall-clock milliseconds of the first frame from {@code mac} that speaks for {@code vip}: a gratuitous ARP
     * ("who-has VIP tell VIP") or a reply "VIP is-at"; -1 if none.
     */
    static long firstAbout(String output, String mac, String vip) {
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2 || !words[1].equalsIgnoreCase(mac)
                    || !(line.contains("tell " + vip) || line.contains("Reply " + vip + " is-at"))) {
                continue;
            }
            try {
                return Math.round(Double.parseDouble(words[0]) * 1000);
            } catch (NumberFormatException e) {
                // not a capture line
            }
        }
        return -1;
    }
}
