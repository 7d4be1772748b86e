package io.barelb.demo;

import static org.junit.jupiter.api.Assertions.fail;

import io.barelb.ipam.range.RangeIpamFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** {@code barelb demo} running on a background thread until closed, for tests that talk to it. */
final class RunningDemo implements AutoCloseable {

    private final Thread thread;
    private final StringWriter out = new StringWriter();
    private final Path kubeconfig;

    private RunningDemo(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        CommandLine line = new CommandLine(new DemoCommand(List.of(new RangeIpamFactory()), List.of()));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        thread = new Thread(() -> line.execute("--exit-after-seconds", "600", "--kubeconfig-out", kubeconfig.toString()),
                "barelb-demo-under-test");
        thread.setDaemon(true);
    }

    /** Starts the demo writing its kubeconfig to {@code kubeconfig}; returns once it printed its Service table. */
    static RunningDemo start(Path kubeconfig) throws InterruptedException {
        RunningDemo demo = new RunningDemo(kubeconfig);
        demo.thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!demo.out.toString().contains("Point kubectl at it")) {
            if (System.nanoTime() > deadline || !demo.thread.isAlive()) {
                demo.close();
                fail("the demo did not come up within 90 s:\n" + demo.out);
            }
            Thread.sleep(100);
        }
        return demo;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** What the demo printed so far. */
    String output() {
        return out.toString();
    }

    /** Interrupts the demo, which then stops its controller and API, and waits for it. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
