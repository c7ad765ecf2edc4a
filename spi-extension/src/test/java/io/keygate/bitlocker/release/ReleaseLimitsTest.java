package io.keygate.bitlocker.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.ticketing.Ticket;
import org.junit.jupiter.api.Test;

class ReleaseLimitsTest {

    private static final long NOW = 10 * ReleaseLimits.HOUR_MILLIS;
    private static final Ticket TICKET = new Ticket("jira", "SUPP-9", "10042", "https://jira.example/browse/SUPP-9",
            "Open", "Incident", true, List.of());

    /** Counts as a log would answer them, remembering what was asked. */
    private static final class Log implements ReleaseLimits.Counts {
        final List<String> released = new ArrayList<>();
        long reveals;
        long requests;
        long denials;
        final List<String> asked = new ArrayList<>();

        @Override
        public long actionsBy(String userId, AuditAction action, long since, int atMost) {
            asked.add(action + " since " + since + " up to " + atMost);
            long all = action == AuditAction.KEY_REVEALED ? reveals : action == AuditAction.RELEASE_REQUESTED ? requests : denials;
            return Math.min(all, atMost);
        }

        @Override
        public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey,
                String deviceFirst, int atMost) {
            asked.add(ticketSystem + "/" + ticketId + "/" + ticketKey + " up to " + atMost);
            List<String> first = new ArrayList<>(released);
            if (first.remove(deviceFirst)) {
                first.add(0, deviceFirst);
            }
            return first.subList(0, Math.min(atMost, first.size()));
        }
    }

    private static BitLockerConfig config(int maxDevicesPerTicket, int revealsPerHour) {
        BitLockerConfig c = new BitLockerConfig();
        c.ticketing.maxDevicesPerTicket = maxDevicesPerTicket;
        c.limits.revealsPerUserPerHour = revealsPerHour;
        return c;
    }

    @Test
    void aTicketIsCountedOnItsIdentityAndMayReleaseTheSameDeviceAgain() {
        Log log = new Log();
        log.released.add("device-a");
        ReleaseLimits limits = new ReleaseLimits(config(1, 20), log, NOW);

        assertThatCode(() -> limits.requireTicketReusable(TICKET, "device-a")).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.requireTicketReusable(TICKET, "device-b"))
                .isInstanceOfSatisfying(TicketCheck.TicketDenied.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ProblemCode.TICKET_REUSE_LIMIT);
                    assertThat(e.ticket()).isSameAs(TICKET);
                });
        assertThat(log.asked).contains("jira/10042/SUPP-9 up to 2");
    }

    @Test
    void theTicketsDevicesAreReadUpToOneBeyondTheLimitWithTheAskedDeviceFirst() {
        Log log = new Log();
        // The limit was lowered to 2 after the ticket had released five devices: a bounded read of three still finds
        // device-e among them (it comes first), so the ticket may release it again, and refuses a sixth device.
        log.released.addAll(List.of("device-a", "device-b", "device-c", "device-d", "device-e"));
        ReleaseLimits limits = new ReleaseLimits(config(2, 20), log, NOW);

        assertThatCode(() -> limits.requireTicketReusable(TICKET, "device-e")).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.requireTicketReusable(TICKET, "device-f"))
                .isInstanceOfSatisfying(TicketCheck.TicketDenied.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ProblemCode.TICKET_REUSE_LIMIT));
        assertThat(log.asked).containsOnly("jira/10042/SUPP-9 up to 3");
    }

    @Test
    void releaseRequestsHaveTheirOwnHourlyLimit() {
        BitLockerConfig c = config(1, 1000);
        c.limits.requestsPerUserPerHour = 2;
        Log log = new Log();
        log.reveals = 999;
        log.requests = 1;
        assertThatCode(() -> new ReleaseLimits(c, log, NOW).requireWithinRequestRate("u")).doesNotThrowAnyException();
        log.requests = 2;
        assertThatThrownBy(() -> new ReleaseLimits(c, log, NOW).requireWithinRequestRate("u"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ProblemCode.RATE_LIMITED);
                    assertThat(e.problem().headers()).containsEntry("Retry-After", "3600");
                });
        assertThat(log.asked).contains("RELEASE_REQUESTED since " + (NOW - ReleaseLimits.HOUR_MILLIS) + " up to 2");
    }

    @Test
    void theHourlyLimitCountsReleasesOfTheLastHourOnly() {
        Log log = new Log();
        log.reveals = 2;
        assertThatCode(() -> new ReleaseLimits(config(1, 3), log, NOW).requireWithinRate("u")).doesNotThrowAnyException();
        log.reveals = 3;
        assertThatThrownBy(() -> new ReleaseLimits(config(1, 3), log, NOW).requireWithinRate("u"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ProblemCode.RATE_LIMITED);
                    assertThat(e.problem().headers()).containsEntry("Retry-After", "3600");
                });
        assertThat(log.asked).contains("KEY_REVEALED since " + (NOW - ReleaseLimits.HOUR_MILLIS) + " up to 3");
    }

    @Test
    void theCountStopsAtTheLimitItIsAskedFor() {
        Log log = new Log();
        log.reveals = 14_000;   // a busy hour: the count must not grow with it
        assertThatThrownBy(() -> new ReleaseLimits(config(1, 3), log, NOW).requireWithinRate("u"))
                .isInstanceOf(ProblemException.class);
        log.denials = 14_000;
        ReleaseLimits limits = new ReleaseLimits(config(1, 1), log, NOW);
        assertThat(limits.recentDenials("u")).as("one beyond the budget tells the first refusal over it from the rest")
                .isEqualTo(limits.denialBudget() + 1);
        assertThat(log.asked).containsExactly("KEY_REVEALED since " + (NOW - ReleaseLimits.HOUR_MILLIS) + " up to 3",
                "KEY_REVEAL_DENIED since " + (NOW - ReleaseLimits.HOUR_MILLIS) + " up to 11");
    }

    @Test
    void refusedRequestsMayBeFiveTimesTheReleasesAndAtLeastTen() {
        assertThat(new ReleaseLimits(config(1, 1), new Log(), NOW).denialBudget()).isEqualTo(10);
        assertThat(new ReleaseLimits(config(1, 20), new Log(), NOW).denialBudget()).isEqualTo(100);
    }

    @Test
    void whereCampaignsAreOnTheirReleasesWidenTheBudgetOfRefusals() {
        BitLockerConfig config = config(1, 1);
        config.campaigns.revealsPerUserPerHour = 60;
        assertThat(new ReleaseLimits(config, new Log(), NOW).denialBudget()).as("campaigns off").isEqualTo(10);
        config.campaigns.enabled = true;
        assertThat(new ReleaseLimits(config, new Log(), NOW).denialBudget()).isEqualTo(300);
    }
}
