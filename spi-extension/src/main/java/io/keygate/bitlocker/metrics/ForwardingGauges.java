package io.keygate.bitlocker.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

/**
 * {@code bitlocker_audit_forwarding_lag{sink}} (SPEC §12): how many audit entries a sink has not received
 * yet, summed over the realms that forward to it, as last seen by the node that forwards; alert when it grows.
 */
public final class ForwardingGauges {

    private static final Map<String, Map<String, AtomicLong>> LAG = new ConcurrentHashMap<>();

    private ForwardingGauges() {
    }

    public static void lag(String realm, String sink, long entries) {
        LAG.computeIfAbsent(sink, key -> {
            Map<String, AtomicLong> byRealm = new ConcurrentHashMap<>();
            Gauge.builder("bitlocker.audit.forwarding.lag", byRealm,
                            m -> m.values().stream().mapToLong(AtomicLong::get).sum())
                    .description("Audit entries not yet received by a forwarding sink").tag("sink", sink)
                    .register(Metrics.globalRegistry);
            return byRealm;
        }).computeIfAbsent(realm, r -> new AtomicLong()).set(Math.max(0, entries));
    }
}
