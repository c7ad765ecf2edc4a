package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditFilterTest {

    private static final String DEVICE_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private static AuditFilter parse(String deviceId, String actor, String action, String outcome, String ticket,
            String from, String to, String after) {
        return AuditFilter.parse(deviceId, actor, action, outcome, ticket, from, to, after);
    }

    private static String rejectionOf(String deviceId, String actor, String action, String outcome, String ticket,
            String from, String to, String after) {
        try {
            AuditFilter filter = AuditFilter.parse(deviceId, actor, action, outcome, ticket, from, to, after);
            throw new AssertionError("expected the filter to be rejected, got " + filter);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static AuditFilter from(String from) {
        return parse(null, null, null, null, null, from, null, null);
    }

    private static String fromRejection(String from) {
        return rejectionOf(null, null, null, null, null, from, null, null);
    }

    @Test
    void noFiltersMeansEverything() {
        assertThat(parse(null, null, null, null, null, null, null, null))
                .isEqualTo(new AuditFilter(null, null, null, null, null, null, null, null));
    }

    @Test
    void emptyParametersAreNoFilters() {
        assertThat(parse("", "", "", "", "", "", "", ""))
                .isEqualTo(new AuditFilter(null, null, null, null, null, null, null, null));
    }

    @Test
    void blankTextFiltersAreNoFilters() {
        AuditFilter filter = parse(null, "   ", null, null, " ", null, null, null);

        assertThat(filter.actor()).isNull();
        assertThat(filter.ticket()).isNull();
    }

    @Test
    void everyFilterIsKept() {
        AuditFilter filter = parse(DEVICE_ID, "helpdesk.hank", "KEY_REVEALED", "SUCCESS", "IT-123",
                "2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z", "17");

        assertThat(filter).isEqualTo(new AuditFilter(DEVICE_ID, "helpdesk.hank", AuditAction.KEY_REVEALED,
                AuditOutcome.SUCCESS, "IT-123", Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2026-11-30T23:59:59Z").toEpochMilli(), 17L));
    }

    // ---- dates ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-25T10:00:00Z,          2026-11-25T10:00:00Z",
            "2026-11-25T12:00:00+02:00,     2026-11-25T10:00:00Z",
            "2026-11-25T05:00:00-05:00,     2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00.250Z,      2026-11-25T10:00:00.250Z",
            "2026-11-25T10:00Z,             2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00+00:00,     2026-11-25T10:00:00Z",
    })
    void anIso8601DateTimeWithOffsetOrZIsAccepted(String value, String instant) {
        assertThat(from(value).fromMillis()).isEqualTo(Instant.parse(instant).toEpochMilli());
    }

    @Test
    void toIsParsedLikeFrom() {
        assertThat(parse(null, null, null, null, null, null, "2026-11-25T12:00:00+02:00", null).toMillis())
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25", "2026-11-25T10:00:00", "2026-11-25 10:00:00Z", "yesterday",
            "1795000000000", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-25T25:00:00Z",
            "25.11.2026 10:00", " 2026-11-25T10:00:00Z"})
    void anythingButAnIso8601DateTimeWithOffsetIsRejected(String value) {
        assertThat(fromRejection(value)).contains("'from'").contains("ISO-8601");
        assertThat(rejectionOf(null, null, null, null, null, null, value, null)).contains("'to'");
    }

    // ---- action and outcome ----

    @ParameterizedTest
    @EnumSource(AuditAction.class)
    void everyActionIsAcceptedAsSpecWritesIt(AuditAction action) {
        assertThat(parse(null, null, action.name(), null, null, null, null, null).action()).isEqualTo(action);
    }

    /** SPEC §3: enums are case-sensitive, as for {@code ?status=} of the other lists. */
    @ParameterizedTest
    @EnumSource(AuditAction.class)
    void anActionInAnotherCaseIsRejected(AuditAction action) {
        assertThat(rejectionOf(null, null, action.name().toLowerCase(), null, null, null, null, null)).contains("'action'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY_STOLEN", "REVEALED", "KEY REVEALED", "KEY-REVEALED", " KEY_REVEALED", "*"})
    void anUnknownActionIsRejected(String action) {
        assertThat(rejectionOf(null, null, action, null, null, null, null, null)).contains("'action'")
                .contains("KEY_REVEALED");
    }

    @ParameterizedTest
    @CsvSource({"SUCCESS, SUCCESS", "DENIED, DENIED", "ERROR, ERROR"})
    void anOutcomeIsAcceptedAsSpecWritesIt(String value, AuditOutcome expected) {
        assertThat(parse(null, null, null, value, null, null, null, null).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FAILURE", "OK", "maybe", "denied", "Error"})
    void anUnknownOutcomeIsRejected(String outcome) {
        assertThat(rejectionOf(null, null, null, outcome, null, null, null, null)).contains("'outcome'");
    }

    // ---- device ----

    @ParameterizedTest
    @ValueSource(strings = {"0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}"})
    void theDeviceIdIsNormalised(String deviceId) {
        assertThat(parse(deviceId, null, null, null, null, null, null, null).deviceId()).isEqualTo(DEVICE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LAPTOP-042", "0f1e2d3c", "   ", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' OR 1=1 --"})
    void aDeviceIdThatIsNotAGuidIsRejected(String deviceId) {
        assertThat(rejectionOf(deviceId, null, null, null, null, null, null, null)).contains("'deviceId'");
    }

    // ---- cursor ----

    @ParameterizedTest
    @CsvSource({"1, 1", "42, 42", "9223372036854775807, 9223372036854775807"})
    void aPositiveSequenceNumberIsACursor(String after, long seq) {
        assertThat(parse(null, null, null, null, null, null, null, after).afterSeq()).isEqualTo(seq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "1e3", "0x10", "9223372036854775808", " 5",
            "eyJmaXJzdCI6MX0"})
    void anythingElseIsNotACursor(String after) {
        assertThat(rejectionOf(null, null, null, null, null, null, null, after)).contains("'after'");
    }

    // ---- length limits ----

    @Test
    void textFiltersOf255CharactersAreAccepted() {
        String value = "a".repeat(255);

        AuditFilter filter = parse(null, value, null, null, value, null, null, null);

        assertThat(filter.actor()).isEqualTo(value);
        assertThat(filter.ticket()).isEqualTo(value);
    }

    @Test
    void anActorOver255CharactersIsRejected() {
        assertThat(rejectionOf(null, "a".repeat(256), null, null, null, null, null, null)).contains("255");
    }

    @Test
    void aTicketOver255CharactersIsRejected() {
        assertThat(rejectionOf(null, null, null, null, "T".repeat(256), null, null, null)).contains("255");
    }

    @Test
    void overlongValuesOfTheOtherFiltersAreRejected() {
        String longValue = "9".repeat(10_000);

        assertThat(rejectionOf(longValue, null, null, null, null, null, null, null)).contains("'deviceId'");
        assertThat(rejectionOf(null, null, longValue, null, null, null, null, null)).contains("'action'");
        assertThat(rejectionOf(null, null, null, longValue, null, null, null, null)).contains("'outcome'");
        assertThat(rejectionOf(null, null, null, null, null, longValue, null, null)).contains("'from'");
        assertThat(rejectionOf(null, null, null, null, null, null, null, longValue)).contains("'after'");
    }

    @Test
    void rejectionMessagesDoNotEchoTheInput() {
        String hostile = "<script>alert(1)</script>";

        assertThat(rejectionOf(hostile, null, null, null, null, null, null, null)).doesNotContain(hostile);
        assertThat(rejectionOf(null, null, hostile, null, null, null, null, null)).doesNotContain(hostile);
        assertThat(rejectionOf(null, null, null, hostile, null, null, null, null)).doesNotContain(hostile);
        assertThat(rejectionOf(null, null, null, null, null, hostile, null, null)).doesNotContain(hostile);
        assertThat(rejectionOf(null, null, null, null, null, null, null, hostile)).doesNotContain(hostile);
    }

    /** The key of a node's cached pages: two filters that differ anywhere, even by where one value ends, never share it. */
    @Test
    void filtersThatDifferHaveDifferentKeys() {
        AuditFilter none = parse(null, null, null, null, null, null, null, null);
        AuditFilter actorWithSeparators = parse(null, "a;1:b", null, null, null, null, null, null);
        AuditFilter actorThenTicket = parse(null, "a", null, null, "b", null, null, null);
        AuditFilter ticketLookingLikeTwo = parse(null, null, null, null, "a;1:b", null, null, null);

        assertThat(java.util.Set.of(none.key(), actorWithSeparators.key(), actorThenTicket.key(),
                ticketLookingLikeTwo.key(), none.after(7).key(), none.after(8).key(),
                parse(null, "-", null, null, null, null, null, null).key())).hasSize(7);
        assertThat(parse(null, "a", null, null, "b", null, null, null).key()).isEqualTo(actorThenTicket.key());
        assertThat(none.after(7)).isEqualTo(parse(null, null, null, null, null, null, null, "7"));
    }
}
