package io.keygate.bitlocker.release;

import java.util.List;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.ticketing.Ticket;
import org.keycloak.common.util.Time;

/**
 * The limits of SPEC §3 steps 6 and 7, counted from the audit log: how many devices a ticket has
 * released ({@code ticketing.maxDevicesPerTicket}, on the ticket's canonical identity), how many
 * keys a user was given in the last hour ({@code limits.revealsPerUserPerHour}) and how many releases
 * they asked a second person for ({@code limits.requestsPerUserPerHour}, SPEC §11). The policy checks them;
 * the disclosure checks them again under the audit chain's lock, so concurrent releases never exceed them.
 * Denials are limited too, so a flood of refused requests cannot grow the log or spend the ticketing
 * system's quota without bound.
 */
public final class ReleaseLimits {

    static final long HOUR_MILLIS = 3_600_000L;
    /** Refused requests a user may make in an hour: five times their release limit, at least this many. */
    static final int MIN_DENIALS_PER_HOUR = 10;

    /** What the limits are counted from. */
    public interface Counts {
        /** The user's entries of {@code action} since then, counted up to {@code atMost} (the limit asked about). */
        long actionsBy(String userId, AuditAction action, long since, int atMost);

        /** The user's releases since then, under campaigns or apart from them, counted up to {@code atMost}. */
        default long releasesBy(String userId, boolean underCampaign, long since, int atMost) {
            return actionsBy(userId, AuditAction.KEY_REVEALED, since, atMost);
        }

        /** The ticket's released devices, up to {@code atMost}, {@code deviceFirst} first when it is one of them. */
        List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey, String deviceFirst,
                int atMost);
    }

    private final BitLockerConfig config;
    private final Counts counts;
    private final long now;

    public ReleaseLimits(BitLockerConfig config, Counts counts, long now) {
        this.config = config;
        this.counts = counts;
        this.now = now;
    }

    /** The limits as the realm's audit log counts them now (in the transaction of {@code audit}). */
    public static ReleaseLimits counted(BitLockerConfig config, AuditLog audit) {
        return new ReleaseLimits(config, new Counts() {
            @Override
            public long actionsBy(String userId, AuditAction action, long since, int atMost) {
                return audit.count(userId, action, since, atMost);
            }

            @Override
            public long releasesBy(String userId, boolean underCampaign, long since, int atMost) {
                return audit.countReleases(userId, underCampaign, since, atMost);
            }

            @Override
            public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey,
                    String deviceFirst, int atMost) {
                return audit.devicesReleasedUnder(ticketSystem, ticketId, ticketKey, deviceFirst, atMost);
            }
        }, Time.currentTimeMillis());
    }

    /** 403 {@code ticket_reuse_limit} when the ticket has released keys of as many other devices as it may. */
    public void requireTicketReusable(Ticket ticket, String deviceId) {
        int max = config.ticketing.maxDevicesPerTicket;
        // One more than the limit: enough to tell the limit reached, with this device first if the ticket released it.
        List<String> released = counts.devicesReleasedUnder(ticket.system(), ticket.id(), ticket.key(), deviceId, max + 1);
        if (!released.contains(deviceId) && released.size() >= max) {
            throw new TicketCheck.TicketDenied(Problem.of(ProblemCode.TICKET_REUSE_LIMIT, "Ticket " + ticket.key()
                    + " has already released keys of " + released.size() + " device(s)."), ticket);
        }
    }

    /** 429 {@code rate_limited} when the user was given {@code limits.revealsPerUserPerHour} keys in the last hour. */
    public void requireWithinRate(String userId) {
        requireReleasesFewerThan(config.limits.revealsPerUserPerHour, userId, false, "key releases");
    }

    /**
     * 429 {@code rate_limited} when the user was given {@code campaigns.revealsPerUserPerHour} keys under campaigns in
     * the last hour (SPEC §14); those releases count here alone, not toward {@link #requireWithinRate}.
     */
    public void requireWithinCampaignRate(String userId) {
        requireReleasesFewerThan(config.campaigns.revealsPerUserPerHour, userId, true, "key releases under campaigns");
    }

    private void requireReleasesFewerThan(int limit, String userId, boolean underCampaign, String what) {
        if (counts.releasesBy(userId, underCampaign, now - HOUR_MILLIS, limit) >= limit) {
            throw limited(limit, what);
        }
    }

    /**
     * 429 {@code rate_limited} when the user asked for {@code limits.requestsPerUserPerHour} releases under dual
     * control in the last hour (SPEC §11). Exact under concurrency only when counted under the audit chain's lock.
     */
    public void requireWithinRequestRate(String userId) {
        requireFewerThan(config.limits.requestsPerUserPerHour, userId, AuditAction.RELEASE_REQUESTED, "release requests");
    }

    private void requireFewerThan(int limit, String userId, AuditAction action, String what) {
        if (counts.actionsBy(userId, action, now - HOUR_MILLIS, limit) >= limit) {
            throw limited(limit, what);
        }
    }

    private static io.keygate.bitlocker.problem.ProblemException limited(int limit, String what) {
        return Problem.of(ProblemCode.RATE_LIMITED, "At most " + limit + " " + what + " per hour.")
                .header("Retry-After", "3600").exception();
    }

    /**
     * Refused requests a user may make in an hour before further ones are turned away unexamined: five for each
     * release the user may make, at least ten. Where campaigns are on, a technician may make a campaign's many
     * releases, and the refusals that come with them (a device outside it, one closed meanwhile), without being
     * turned away from every release for the rest of the hour.
     */
    public int denialBudget() {
        int releases = config.limits.revealsPerUserPerHour;
        if (config.campaigns.enabled) {
            releases = Math.max(releases, config.campaigns.revealsPerUserPerHour);
        }
        return Math.max(MIN_DENIALS_PER_HOUR, 5 * releases);
    }

    /**
     * How many of the user's requests were refused in the last hour, counted up to one beyond the budget (enough to
     * tell the first refusal over it, which is audited, from the ones after it, which are not).
     */
    public long recentDenials(String userId) {
        return counts.actionsBy(userId, AuditAction.KEY_REVEAL_DENIED, now - HOUR_MILLIS, denialBudget() + 1);
    }
}
