package io.keygate.bitlocker.escrow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Check-ins per agent key (per device where the realm runs unbound) in the current hour, counted on this
 * node ({@code escrow.checkInsPerKeyPerHour}, SPEC §3: per node is enough to keep one stolen agent secret
 * from flooding the database and the audit log). One instance per server, held by the REST provider factory.
 */
public final class CheckInLimits {

    private static final long HOUR_MILLIS = 60L * 60 * 1000;
    /** Past this many counters the expired ones are swept out (each new one needs a token Keycloak issued). */
    private static final int SWEEP_ABOVE = 10_000;

    /** What a check-in is told: go ahead, refused (the first refusal of the hour is audited), or refused again. */
    public enum Verdict { ALLOWED, REFUSED_FIRST, REFUSED }

    private static final class Window {
        final long start;
        int count;
        boolean refused;

        Window(long start) {
            this.start = start;
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one check-in of {@code subject} (an agent key or a device) in {@code realmId}. */
    public Verdict count(String realmId, String subject, int perHour, long now) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> now - w.start >= HOUR_MILLIS);
        }
        Verdict[] verdict = new Verdict[1];
        windows.compute(realmId + "/" + subject, (k, w) -> {
            Window current = w == null || now - w.start >= HOUR_MILLIS ? new Window(now) : w;
            if (current.count < perHour) {
                current.count++;
                verdict[0] = Verdict.ALLOWED;
            } else {
                verdict[0] = current.refused ? Verdict.REFUSED : Verdict.REFUSED_FIRST;
                current.refused = true;
            }
            return current;
        });
        return verdict[0];
    }
}
