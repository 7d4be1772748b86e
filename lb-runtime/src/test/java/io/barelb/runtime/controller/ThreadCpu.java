package io.barelb.runtime.controller;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process and of its live threads by group, for the benchmark: {@code mock} (the embedded API's
 * Vert.x threads), {@code controller} (BareLB's {@code barelb-*} threads) and {@code other} (the fabric8 clients'
 * HTTP and informer threads, the benchmark's own). A snapshot; {@link #minus} gives what one phase used. Threads
 * that ended between two snapshots are only in the process total.
 */
record ThreadCpu(long processNanos, Map<Long, String> names, Map<Long, Long> threadNanos) {

    static final String MOCK = "mock";
    static final String CONTROLLER = "controller";
    static final String OTHER = "other";

    static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> nanos = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    names.put(info.getThreadId(), info.getThreadName());
                    nanos.put(info.getThreadId(), cpu);
                }
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new ThreadCpu(os.getProcessCpuTime(), names, nanos);
    }

    /** The group of a thread, by its name. */
    static String group(String thread) {
        if (thread.startsWith("vert.x-")) {
            return MOCK;
        }
        return thread.startsWith("barelb-") ? CONTROLLER : OTHER;
    }

    /** CPU nanoseconds used since {@code before}, by group, plus {@code process} for the whole process. */
    Map<String, Long> minus(ThreadCpu before) {
        Map<String, Long> used = new TreeMap<>();
        threadNanos.forEach((id, nanos) -> used.merge(group(names.get(id)),
                nanos - before.threadNanos.getOrDefault(id, 0L), Long::sum));
        used.put("process", processNanos - before.processNanos);
        return used;
    }
}
