package io.keygate.bitlocker.simulators;

import java.time.Duration;
import java.util.Map;

/**
 * A misbehaviour for the next {@code times} requests to the simulated system (the control API is
 * never affected): an error status, a 429 with {@code Retry-After}, a redirect, or a delay before answering.
 * Over the control API: {@code POST /__sim/faults} with e.g. {@code {"status":429,"headers":{"Retry-After":"1"},"times":2}}.
 *
 * @param status      the status to answer, or 0 to answer normally (after the delay)
 * @param headers     extra response headers, e.g. {@code Retry-After} or {@code Location}
 * @param delayMillis how long to wait before answering
 * @param times       for how many requests
 * @param body        a raw body to answer instead of the system's error document (e.g. an HTML page), or null
 */
public record Fault(int status, Map<String, String> headers, long delayMillis, int times, String body) {

    public Fault {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        delayMillis = Math.max(0, delayMillis);
        times = Math.max(1, times);
    }

    /** Answer {@code status} (e.g. 401, 403, 500, 503) once, with the system's error document. */
    public static Fault status(int status) {
        return new Fault(status, Map.of(), 0, 1, null);
    }

    /** Answer 429 with this {@code Retry-After} value (seconds or an HTTP-date) once. */
    public static Fault tooManyRequests(String retryAfter) {
        return new Fault(429, Map.of("Retry-After", retryAfter), 0, 1, null);
    }

    /** Answer 429 with {@code Retry-After: seconds} once. */
    public static Fault tooManyRequests(long seconds) {
        return tooManyRequests(Long.toString(seconds));
    }

    /** Answer a redirect (301, 302, 307…) to {@code location} once. */
    public static Fault redirect(int status, String location) {
        return new Fault(status, Map.of("Location", location), 0, 1, null);
    }

    /** Wait, then answer normally, once: longer than the client's timeout, it looks like a hanging system. */
    public static Fault delay(Duration delay) {
        return new Fault(0, Map.of(), delay.toMillis(), 1, null);
    }

    /** Answer {@code status} with this raw body once, e.g. a proxy's HTML page where JSON belongs. */
    public static Fault answer(int status, String body) {
        return new Fault(status, Map.of(), 0, 1, body);
    }

    public Fault times(int count) {
        return new Fault(status, headers, delayMillis, count, body);
    }
}
