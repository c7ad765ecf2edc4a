package io.keygate.bitlocker.it.support;

import java.util.function.Predicate;
import java.util.function.Supplier;

/** For what the server does in the background (housekeeping, outboxes): look again until it is done. */
public final class Eventually {

    private Eventually() {
    }

    /** Probes every half second for up to {@code seconds}; returns the first value that is done, else the last. */
    public static <T> T await(Supplier<T> probe, Predicate<T> done, int seconds) {
        long until = System.currentTimeMillis() + seconds * 1000L;
        T value = probe.get();
        while (!done.test(value) && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = probe.get();
        }
        return value;
    }
}
