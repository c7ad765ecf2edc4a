package io.keygate.bitlocker.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.keygate.bitlocker.simulators.Fault;
import io.keygate.bitlocker.simulators.JiraSimulator;
import io.keygate.bitlocker.ticketing.TicketingSettings.AuthType;

/**
 * Every ticketing system, asked while it misbehaves, gives no verdict: the release path fails closed
 * with 503 {@code ticketing_unavailable}. Rate limits are waited out, but only within the retry budget.
 */
class FailClosedTest {

    static Stream<Named<Supplier<SimulatedSystem>>> systems() {
        return Stream.of(
                Named.of("Jira Cloud", () -> SimulatedSystem.jira(JiraSimulator.Mode.CLOUD_V3)),
                Named.of("Jira Data Center", () -> SimulatedSystem.jira(JiraSimulator.Mode.DATA_CENTER_V2)),
                Named.of("ServiceNow (Basic)", () -> SimulatedSystem.serviceNow(AuthType.BASIC)),
                Named.of("ServiceNow (OAuth)", () -> SimulatedSystem.serviceNow(AuthType.OAUTH_CLIENT_CREDENTIALS)));
    }

    @ParameterizedTest
    @MethodSource("systems")
    void healthySystemAcceptsItsOpenTicket(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            TicketPolicy policy = new TicketPolicy(java.util.List.of("Incident"), true);
            assertThat(policy.evaluate(system.provider().fetch(system.settings(), system.openTicket()),
                    SimulatedSystem.DEVICE_ID, SimulatedSystem.DEVICE_NAME)).isEqualTo(TicketVerdict.ACCEPTED);
            system.provider().annotate(system.settings(), system.openTicket(), SimulatedSystem.annotation());
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void errorStatusesAreUnavailableAndNameTheStatusNotTheSecret(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            for (int status : new int[] {401, 403, 500, 502, 503, 400}) {
                system.simulator().injectFault(Fault.status(status));
                assertThatThrownBy(() -> system.provider().fetch(system.settings(), system.openTicket()))
                        .as("HTTP %d", status)
                        .isInstanceOf(TicketingUnavailableException.class)
                        .hasMessageContaining(String.valueOf(status))
                        .hasMessageNotContaining(system.secret());
            }
            // One request per fault: errors are not retried.
            assertThat(system.simulator().requests()).hasSize(6);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void redirectsAreNotFollowedSoCredentialsStayWhereConfigured(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            system.simulator().injectFault(Fault.redirect(302, system.simulator().baseUrl() + "/elsewhere"));
            assertThatThrownBy(() -> system.provider().fetch(system.settings(), system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("302")
                    .hasMessageContaining("base URL");
            assertThat(system.simulator().requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void writeBackFailsClosedToo(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            system.simulator().injectFault(Fault.status(503).times(3));
            assertThatThrownBy(() -> system.provider().annotate(system.settings(), system.openTicket(),
                    SimulatedSystem.annotation()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("503");
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void unparseableAnswersAreUnavailable(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            // What a captive portal or a misrouted proxy answers: 200 with a web page.
            system.simulator().injectFault(Fault.answer(200, "<html><body>Sign in</body></html>").times(2));
            assertThatThrownBy(() -> system.provider().fetch(system.settings(), system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("unparseable");
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void notFoundWithoutTheSystemsErrorDocumentIsUnavailable(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            system.simulator().injectFault(Fault.answer(404, "<html>Not Found</html>").times(2));
            assertThatThrownBy(() -> system.provider().fetch(system.settings(), system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void aHangingSystemTimesOut(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            TicketingSettings impatient = system.settings().withTimeout(Duration.ofMillis(300));
            system.simulator().injectFault(Fault.delay(Duration.ofSeconds(3)));

            long started = System.nanoTime();
            assertThatThrownBy(() -> system.provider().fetch(impatient, system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("SocketTimeoutException");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void anUnreachableSystemIsUnavailable(Supplier<SimulatedSystem> start) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SimulatedSystem system = start.get()) {
            TicketingSettings s = system.settings();
            TicketingSettings nowhere = new TicketingSettings("http://127.0.0.1:" + closedPort, s.apiVersion(),
                    s.authType(), s.username(), s.token(), Duration.ofSeconds(1), s.retryBudget());
            assertThatThrownBy(() -> system.provider().fetch(nowhere, system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("gave no answer")
                    .hasMessageContaining("ConnectException");
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void rateLimitIsWaitedOutAsRetryAfterSays(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            system.simulator().injectFault(Fault.tooManyRequests(1));

            long started = System.nanoTime();
            assertThat(system.provider().fetch(system.settings(), system.openTicket())).isPresent();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(system.simulator().requests()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void rateLimitBeyondTheBudgetIsUnavailableWithoutWaiting(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            TicketingSettings budget = system.settings().withRetryBudget(Duration.ofSeconds(2));
            system.simulator().injectFault(Fault.tooManyRequests(30));

            long started = System.nanoTime();
            assertThatThrownBy(() -> system.provider().fetch(budget, system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("429");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(system.simulator().requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void repeatedRateLimitsStopAtTheBudget(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            TicketingSettings budget = system.settings().withRetryBudget(Duration.ofMillis(1500));
            system.simulator().injectFault(Fault.tooManyRequests(1).times(10));

            long started = System.nanoTime();
            assertThatThrownBy(() -> system.provider().fetch(budget, system.openTicket()))
                    .isInstanceOf(TicketingUnavailableException.class)
                    .hasMessageContaining("retry budget");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(1500));
            assertThat(system.simulator().requests()).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void retryAfterAsAnHttpDateIsHonoured(Supplier<SimulatedSystem> start) throws Exception {
        try (SimulatedSystem system = start.get()) {
            String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(5));
            system.simulator().injectFault(Fault.tooManyRequests(past));

            assertThat(system.provider().fetch(system.settings(), system.openTicket())).isPresent();
            assertThat(system.simulator().requests()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void aMisconfiguredBaseUrlSendsNothing(Supplier<SimulatedSystem> start) throws IOException {
        try (SimulatedSystem system = start.get()) {
            TicketingSettings s = system.settings();
            for (String base : new String[] {"", "ftp://tickets.example", "tickets.example", "http://u:p@tickets.example",
                    "http://tickets.example/?x=1"}) {
                TicketingSettings wrong = new TicketingSettings(base, s.apiVersion(), s.authType(), s.username(),
                        s.token(), s.timeout(), s.retryBudget());
                assertThatThrownBy(() -> system.provider().fetch(wrong, system.openTicket()))
                        .as(base)
                        .isInstanceOf(TicketingUnavailableException.class)
                        .hasMessageContaining("baseUrl");
            }
            assertThat(system.simulator().requests()).isEmpty();
        }
    }
}
