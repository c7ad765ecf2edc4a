package io.keygate.bitlocker.simulators;

import java.time.Duration;

/**
 * A misbehaviour for the next {@code times} requests to the simulated system (the control API is
 * never affected): an error status, a 429 with {@code Retry-After}, or a delay before answering.
 *
 * @param status      the status to answer, or 0 to answer normally (after the delay)
 * @param retryAfter  the {@code Retry-After} header value (seconds or an HTTP-date), or null
 * @param delayMillis how long to wait before answering
 * @param times       for how many requests
 */
public record Fault(int status, String retryAfter, long delayMillis, int times) {

    public Fault {
        if (times < 1) {
            times = 1;
        }
        if (delayMillis < 0) {
            delayMillis = 0;
        }
    }

    /** Answer {@code status} (e.g. 401, 403, 500, 503) once. */
    public static Fault status(int status) {
        return new Fault(status, null, 0, 1);
    }

    /** Answer 429 with this {@code Retry-After} value once. */
    public static Fault tooManyRequests(String retryAfter) {
        return new Fault(429, retryAfter, 0, 1);
    }

    /** Answer 429 with {@code Retry-After: seconds} once. */
    public static Fault tooManyRequests(long seconds) {
        return tooManyRequests(Long.toString(seconds));
    }

    /** Wait, then answer normally, once: longer than the client's timeout, it looks like a hanging system. */
    public static Fault delay(Duration delay) {
        return new Fault(0, null, delay.toMillis(), 1);
    }

    public Fault times(int count) {
        return new Fault(status, retryAfter, delayMillis, count);
    }
}
