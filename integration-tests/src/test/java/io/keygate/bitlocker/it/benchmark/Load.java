package io.keygate.bitlocker.it.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.keygate.bitlocker.it.support.Api;

/**
 * Fires one kind of request from a number of concurrent clients and reads off its latency
 * distribution and throughput. Every answer must have the expected status: a benchmark of
 * refusals would measure nothing.
 */
public final class Load {

    /** Latencies in milliseconds, and requests per second over the wall time of the run. */
    public record Figures(int requests, int clients, double median, double p99, double perSecond) {
    }

    private Load() {
    }

    /**
     * {@code warmUp} untimed calls, then {@code requests} calls shared by {@code clients} threads;
     * {@code call} gets the call's index (to vary its target).
     */
    public static Figures run(int clients, int warmUp, int requests, int expectedStatus, IntFunction<Api.Reply> call) {
        return run(clients, warmUp, requests, 0, expectedStatus, call);
    }

    /**
     * As {@link #run(int, int, int, int, IntFunction)}, but at a set pace: call {@code i} is due {@code i / perSecond}
     * seconds after the start, whichever client is free takes it then, and its latency counts from when it was due —
     * so a server falling behind the pace shows as latency, not as fewer calls ({@code perSecond} 0: as fast as the
     * clients go).
     */
    public static Figures run(int clients, int warmUp, int requests, double perSecond, int expectedStatus,
            IntFunction<Api.Reply> call) {
        for (int i = 0; i < warmUp; i++) {
            check(call.apply(-1 - i), expectedStatus);
        }
        double[] millis = new double[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        if (perSecond > 0) {
                            long due = start + (long) (i * 1e9 / perSecond);
                            while (due - System.nanoTime() > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                            }
                            t = due;
                        }
                        Api.Reply reply = call.apply(i);
                        millis[i] = (System.nanoTime() - t) / 1e6;
                        check(reply, expectedStatus);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (Exception e) {
            throw new AssertionError("load of " + clients + " clients failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(millis);
        return new Figures(requests, clients, percentile(millis, 50), percentile(millis, 99), requests / seconds);
    }

    /** The figures of a load and of the reads measured while it ran. */
    public record Beside(Figures load, List<Figures> reads) {
    }

    /**
     * Runs {@code load} here while each of {@code reads} is called by a client of its own at {@code readsPerSecond}
     * (latency counted from when each call was due) until the load ends: a read and userinfo measured together see the
     * same load, so their ratio is the endpoint's and not the machine's; paced, the readers add little load of their own.
     */
    public static Beside beside(java.util.function.Supplier<Figures> load, double readsPerSecond,
            List<IntFunction<Api.Reply>> reads) {
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(reads.size());
        try {
            List<Future<Figures>> pending = new ArrayList<>();
            for (IntFunction<Api.Reply> read : reads) {
                pending.add(readers.submit(() -> {
                    List<Double> millis = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int i = 0; !over.get(); i++) {
                        long due = start + (long) (i * 1e9 / readsPerSecond);
                        while (due - System.nanoTime() > 0 && !over.get()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(due - System.nanoTime(), 10_000_000L));
                        }
                        Api.Reply reply = read.apply(i);
                        millis.add((System.nanoTime() - due) / 1e6);
                        check(reply, 200);
                    }
                    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    return new Figures(sorted.length, 1, percentile(sorted, 50), percentile(sorted, 99),
                            sorted.length / ((System.nanoTime() - start) / 1e9));
                }));
            }
            Figures figures;
            try {
                figures = load.get();
            } finally {
                over.set(true);
            }
            List<Figures> measured = new ArrayList<>();
            for (Future<Figures> f : pending) {
                measured.add(f.get());
            }
            return new Beside(figures, measured);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a read beside the load failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }

    /** Nearest-rank percentile of sorted samples. */
    public static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void check(Api.Reply reply, int expectedStatus) {
        if (reply.status() != expectedStatus) {
            throw new AssertionError("expected HTTP " + expectedStatus + ", got " + reply.status() + ": "
                    + reply.body().substring(0, Math.min(300, reply.body().length())));
        }
    }
}
