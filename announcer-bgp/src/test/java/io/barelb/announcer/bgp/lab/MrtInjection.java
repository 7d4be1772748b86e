package io.barelb.announcer.bgp.lab;

import io.barelb.testkit.NetnsLab;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code gobgp mrt inject global FIFO} into the gobgpd of {@code ns}. gobgp 3.10 exits as soon as it has read
 * the last record and drops what it has not streamed yet, so the routes go through a FIFO that stays open until
 * {@link #close} (after the caller has seen them arrive). The gobgp process is started and connected before
 * {@link #send}, so a measurement from {@code send} leaves out its start-up.
 */
public final class MrtInjection implements AutoCloseable {

    private final NetnsLab lab;
    private final String name;
    private final OutputStream fifo;
    private CompletableFuture<Void> writer = CompletableFuture.completedFuture(null);

    private MrtInjection(NetnsLab lab, String name, OutputStream fifo) {
        this.lab = lab;
        this.name = name;
        this.fifo = fifo;
    }

    /** Starts gobgp reading {@code fifo} (created here) in {@code ns}, and opens the FIFO once gobgp has. */
    public static MrtInjection open(NetnsLab lab, String ns, Path fifo) throws IOException, InterruptedException {
        Files.deleteIfExists(fifo);
        NetnsLab.run("mkfifo", fifo.toString());
        String name = "inject-" + fifo.getFileName();
        lab.start(name, ns, Map.of(), List.of("gobgp", "-u", "127.0.0.1", "-p", "50051", "mrt", "inject", "global",
                fifo.toString()));
        // opening a FIFO for writing blocks until the reader has it open
        CompletableFuture<OutputStream> opened = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(fifo.toFile());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return new MrtInjection(lab, name, opened.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            opened.cancel(true);
            throw new IOException("gobgp mrt inject did not open " + fifo + ": " + lab.log(name + ".log"), e);
        }
    }

    /** Starts streaming {@code mrt} into the FIFO; returns {@link System#nanoTime} just before the first byte. */
    public long send(byte[] mrt) {
        long started = System.nanoTime();
        writer = CompletableFuture.runAsync(() -> {
            try {
                fifo.write(mrt);
                fifo.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return started;
    }

    /** Closes the FIFO (gobgp then exits) after the whole file was written. */
    @Override
    public void close() throws IOException {
        try {
            writer.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("writing the MRT file to gobgp failed: " + lab.log(name + ".log"), e);
        } finally {
            fifo.close();
        }
    }
}
