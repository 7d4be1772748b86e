package io.barelb.distribution;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A process's resident set read once a second over a while: an idle JVM's RSS is a saw-tooth (the heap grows with
 * garbage until a collection gives it back), so one reading says little; the lowest, the median and the highest do.
 *
 * @param samplesKb the readings, in KiB, in the order taken
 */
record RssSeries(List<Long> samplesKb) {

    RssSeries {
        samplesKb = List.copyOf(samplesKb);
    }

    /** Reads {@code pid}'s RSS every second for {@code duration} (one reading at least). */
    static RssSeries sample(long pid, Duration duration) throws IOException, InterruptedException {
        List<Long> samples = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        do {
            samples.add(ProcessMemory.of(pid).rssKb());
            long left = end - System.nanoTime();
            if (left > 0) {
                Thread.sleep(Math.min(1000, left / 1_000_000 + 1));
            }
        } while (System.nanoTime() < end);
        return new RssSeries(samples);
    }

    double minMib() {
        return samplesKb.stream().mapToLong(Long::longValue).min().orElse(0) / 1024.0;
    }

    double maxMib() {
        return samplesKb.stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0;
    }

    double medianMib() {
        List<Long> sorted = samplesKb.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1024.0;
    }

    /** The second of the highest reading, from the first (0). */
    int maxAt() {
        return samplesKb.indexOf(samplesKb.stream().max(Long::compare).orElse(0L));
    }

    @Override
    public String toString() {
        StringBuilder each = new StringBuilder();
        samplesKb.forEach(kb -> each.append(each.length() == 0 ? "" : " ").append(Math.round(kb / 1024.0)));
        return String.format(Locale.ROOT, "RSS over %d s: min %.1f, median %.1f, max %.1f MiB (at %d s), each second"
                + " [%s]", samplesKb.size(), minMib(), medianMib(), maxMib(), maxAt(), each);
    }
}
