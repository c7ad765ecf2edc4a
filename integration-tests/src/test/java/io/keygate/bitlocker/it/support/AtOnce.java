package io.keygate.bitlocker.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** Calls made at the same moment, one thread each, released together by a latch: how races are shown. */
public final class AtOnce {

    private AtOnce() {
    }

    /** {@code call} once per input, all at once; the results in the inputs' order. */
    public static <T, R> List<R> each(List<T> inputs, Function<T, R> call) throws Exception {
        List<Callable<R>> calls = new ArrayList<>();
        for (T input : inputs) {
            calls.add(() -> call.apply(input));
        }
        return all(calls);
    }

    /** {@code call} {@code n} times, all at once. */
    public static <R> List<R> times(int n, Supplier<R> call) throws Exception {
        List<Callable<R>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call::get);
        }
        return all(calls);
    }

    /** Different calls, all at once; the results in the calls' order. */
    public static <R> List<R> all(List<Callable<R>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (Callable<R> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
