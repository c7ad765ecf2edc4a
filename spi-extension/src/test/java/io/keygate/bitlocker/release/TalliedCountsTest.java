package io.keygate.bitlocker.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.ReleaseTally;
import io.keygate.bitlocker.model.ReleaseTally.Count;
import io.keygate.bitlocker.model.ReleaseTally.TicketIdentity;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.ticketing.Ticket;
import org.junit.jupiter.api.Test;

/**
 * A batch decides as its releases would one after the other: what the log had when the batch began, plus what the
 * batch granted before each; a request's checks before the lock answer from what was read for the caller. (Against the
 * real server: ReleaseLimitsTest, RevealDenialsTest and TwoNodeClusterTest's concurrent limits.)
 */
class TalliedCountsTest {

    private static final long NOW = 10 * ReleaseLimits.HOUR_MILLIS;
    private static final TicketIdentity SUPP_9 = new TicketIdentity("jira", "10042", "SUPP-9");
    private static final Ticket TICKET = new Ticket("jira", "SUPP-9", "10042", "https://jira.example/browse/SUPP-9",
            "Open", "Incident", true, List.of());

    /** The log behind the batch: answers what was not read for it, and says what it was asked. */
    private final List<String> askedOfTheLog = new ArrayList<>();
    private final ReleaseLimits.Counts log = new ReleaseLimits.Counts() {
        @Override
        public long actionsBy(String userId, AuditAction action, long since, int atMost) {
            askedOfTheLog.add(action + " by " + userId);
            return 7;
        }

        @Override
        public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey,
                String deviceFirst, int atMost) {
            askedOfTheLog.add("devices of " + ticketKey);
            return List.of("elsewhere");
        }
    };

    private static TalliedCounts.Demand release(String user, TicketIdentity ticket, String device) {
        return new TalliedCounts.Demand(user, false, 2, ticket, device, 2);
    }

    private static BitLockerConfig config(int maxDevicesPerTicket, int revealsPerHour) {
        BitLockerConfig c = new BitLockerConfig();
        c.ticketing.maxDevicesPerTicket = maxDevicesPerTicket;
        c.limits.revealsPerUserPerHour = revealsPerHour;
        return c;
    }

    @Test
    void aPersonsReleasesAreThoseReadPlusThoseTheBatchGranted() {
        TalliedCounts counts = new TalliedCounts(new ReleaseTally(Map.of(Count.releases("u", false), 1L,
                Count.releases("u", true), 0L), Map.of()), Set.of(), log);
        ReleaseLimits limits = new ReleaseLimits(config(1, 2), counts, NOW);

        assertThatCode(() -> limits.requireWithinRate("u")).doesNotThrowAnyException();
        counts.granted(release("u", null, "d1"));
        assertThat(counts.releasesBy("u", false, NOW - ReleaseLimits.HOUR_MILLIS, 2)).isEqualTo(2);
        assertThat(counts.releasesBy("u", true, NOW - ReleaseLimits.HOUR_MILLIS, 2))
                .as("a campaign's releases are counted apart").isZero();
        assertThatThrownBy(() -> limits.requireWithinRate("u")).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).problem().code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(askedOfTheLog).isEmpty();
    }

    @Test
    void aTicketsDevicesAreThoseReadPlusThoseTheBatchReleasedUnderIt() {
        TalliedCounts counts = new TalliedCounts(new ReleaseTally(Map.of(), Map.of(SUPP_9, List.of("d1"))), Set.of(SUPP_9),
                log);
        ReleaseLimits limits = new ReleaseLimits(config(2, 20), counts, NOW);

        assertThatCode(() -> limits.requireTicketReusable(TICKET, "d2")).doesNotThrowAnyException();
        counts.granted(release("u", SUPP_9, "d2"));
        assertThat(counts.devicesReleasedUnder("jira", "10042", "SUPP-9", "d2", 3)).containsExactly("d2", "d1");
        assertThatCode(() -> limits.requireTicketReusable(TICKET, "d1")).as("a device released before may be again")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.requireTicketReusable(TICKET, "d3")).isInstanceOf(TicketCheck.TicketDenied.class)
                .extracting(e -> ((ProblemException) e).problem().code()).isEqualTo(ProblemCode.TICKET_REUSE_LIMIT);
        assertThat(askedOfTheLog).isEmpty();
    }

    @Test
    void aReleaseUnderTheSameTicketByAnotherKeyCountsOnTheTicketsIdentity() {
        TalliedCounts counts = new TalliedCounts(new ReleaseTally(Map.of(), Map.of()), Set.of(SUPP_9), log);

        counts.granted(release("u", new TicketIdentity("jira", "10042", "NEWPROJ-1"), "moved"));
        counts.granted(release("u", new TicketIdentity("jira", "99999", "SUPP-9"), "other-ticket"));
        counts.granted(release("u", new TicketIdentity("servicenow", "10042", "SUPP-9"), "other-system"));

        assertThat(counts.devicesReleasedUnder("jira", "10042", "SUPP-9", "x", 5)).containsExactly("moved");
    }

    @Test
    void theCallersRefusedRequestsAreAnsweredFromWhatWasRead() {
        TalliedCounts counts = new TalliedCounts(new ReleaseTally(Map.of(Count.of("u", AuditAction.KEY_REVEAL_DENIED), 3L),
                Map.of()), Set.of(), log);

        assertThat(counts.actionsBy("u", AuditAction.KEY_REVEAL_DENIED, 0, 11)).isEqualTo(3);
        assertThat(counts.actionsBy("u", AuditAction.RELEASE_REQUESTED, 0, 11)).as("not read: asked of the log").isEqualTo(7);
        assertThat(askedOfTheLog).containsExactly("RELEASE_REQUESTED by u");
    }

    @Test
    void whatWasNotReadForTheBatchIsAskedOfTheLog() {
        TalliedCounts counts = new TalliedCounts(new ReleaseTally(Map.of(), Map.of()), Set.of(), log);

        assertThat(counts.releasesBy("v", false, 0, 5)).isEqualTo(7);
        assertThat(counts.devicesReleasedUnder("jira", "10042", "SUPP-9", "d", 3)).containsExactly("elsewhere");
        assertThat(counts.actionsBy("v", AuditAction.KEY_REVEAL_DENIED, 0, 5)).isEqualTo(7);
        assertThat(askedOfTheLog).containsExactly("KEY_REVEALED by v", "devices of SUPP-9", "KEY_REVEAL_DENIED by v");
    }

    @Test
    void aReleaseRecordedWithoutAnIdentityCountsByKey() {
        TicketIdentity byKeyOnly = new TicketIdentity("jira", null, "SUPP-9");

        assertThat(TalliedCounts.sameTicket(SUPP_9, byKeyOnly)).isTrue();
        assertThat(TalliedCounts.sameTicket(byKeyOnly, byKeyOnly)).isTrue();
        assertThat(TalliedCounts.sameTicket(byKeyOnly, SUPP_9)).as("asked by key alone, a recorded identity is another")
                .isFalse();
    }
}
