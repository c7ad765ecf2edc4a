package io.keygate.bitlocker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditChainTest {

    private static final String PREV = "7f".repeat(32);

    @Test
    void theGenesisHashIs64Zeros() {
        assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void theHashIsLowerCaseHexSha256() {
        assertThat(AuditChain.hash(AuditChain.GENESIS, AuditEntries.full())).matches("[0-9a-f]{64}");
    }

    @Test
    void theHashIsSha256OfPrevHashFollowedByTheCanonicalEntry() throws Exception {
        TestEntry e = AuditEntries.full();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] expected = sha256.digest((PREV + AuditChain.canonical(e)).getBytes(StandardCharsets.UTF_8));

        assertThat(AuditChain.hash(PREV, e)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    /** Hashes computed by the code that wrote existing chains: the canonical form must not change by a byte. */
    @Test
    void theCanonicalFormIsTheOneExistingChainsWereWrittenWith() {
        assertThat(AuditChain.hash(PREV, AuditEntries.full()))
                .isEqualTo("26edf0b676e8e26456e7f1d0f3cd24b7d0a7d9b24a143613181b2ba293f568b1");
        TestEntry sparse = AuditEntries.full();
        sparse.setCode(null);
        sparse.setTicketKey(null);
        sparse.setTicketSystem(null);
        sparse.setTicketUrl(null);
        sparse.setTicketStatus(null);
        sparse.setTicketType(null);
        sparse.setReason(null);
        assertThat(AuditChain.hash(AuditChain.GENESIS, sparse))
                .isEqualTo("58c2d2ceac81ab5b21c7bdfc90a8660330d784e1a6f32d76508d545c47dc4066");
    }

    @Test
    void aTicketIdentityIsHashedWhenThereIsOneAndLeavesOlderEntriesAsTheyWere() throws Exception {
        TestEntry withId = AuditEntries.full();
        withId.setTicketId("10042");

        assertThat(AuditChain.canonical(AuditEntries.full())).doesNotContain("ticketId");
        assertThat(new ObjectMapper().readTree(AuditChain.canonical(withId)).path("ticketId").asText()).isEqualTo("10042");
        assertThat(AuditChain.hash(PREV, withId)).isNotEqualTo(AuditChain.hash(PREV, AuditEntries.full()));
        TestEntry otherId = AuditEntries.full();
        otherId.setTicketId("10043");
        assertThat(AuditChain.hash(PREV, otherId)).isNotEqualTo(AuditChain.hash(PREV, withId));
    }

    @Test
    void theHashIsDeterministic() {
        assertThat(AuditChain.hash(PREV, AuditEntries.full())).isEqualTo(AuditChain.hash(PREV, AuditEntries.full()));
    }

    @Test
    void thePreviousHashIsPartOfTheHash() {
        TestEntry e = AuditEntries.full();

        assertThat(AuditChain.hash(PREV, e)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, e));
        assertThat(AuditChain.hash(PREV, e)).isNotEqualTo(AuditChain.hash("7f".repeat(31) + "7e", e));
    }

    @Test
    void theCanonicalEntryIsJsonWithEveryColumnInAFixedOrder() throws Exception {
        JsonNode canonical = new ObjectMapper().readTree(AuditChain.canonical(AuditEntries.full()));
        List<String> names = Stream.iterate(canonical.fieldNames(), Iterator::hasNext, it -> it)
                .map(Iterator::next).toList();

        assertThat(names).containsExactly("id", "realmId", "seq", "time", "action", "outcome", "code", "actorUserId",
                "actorUsername", "clientId", "source", "ipAddress", "userAgent", "deviceId", "deviceName", "keyId",
                "ticketSystem", "ticketKey", "ticketUrl", "ticketStatus", "ticketType", "reason", "acr");
        assertThat(canonical.get("seq").asLong()).isEqualTo(42);
        assertThat(canonical.get("time").asText()).isEqualTo("2026-11-18T11:06:40.123Z");
        assertThat(canonical.get("code").isNull()).isTrue();
    }

    static Stream<Arguments> everyHashedField() {
        return Stream.of(
                change("id", e -> e.setId("5b7c1e0a-3f2d-4c6b-9a8e-1d2c3b4a5f61")),
                change("realmId", e -> e.setRealmId("realm-2")),
                change("seq", e -> e.setSeq(43)),
                change("time", e -> e.setTime(e.getTime() + 1)),
                change("action", e -> e.setAction("KEY_REVEAL_DENIED")),
                change("outcome", e -> e.setOutcome("DENIED")),
                change("code", e -> e.setCode("ticket_not_open")),
                change("actorUserId", e -> e.setActorUserId("user-2")),
                change("actorUsername", e -> e.setActorUsername("helpdesk.hanna")),
                change("clientId", e -> e.setClientId("admin-cli")),
                change("source", e -> e.setSource("ADMIN")),
                change("ipAddress", e -> e.setIpAddress("10.0.0.8")),
                change("userAgent", e -> e.setUserAgent("curl/8.0")),
                change("deviceId", e -> e.setDeviceId("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f1")),
                change("deviceName", e -> e.setDeviceName("LAPTOP-043")),
                change("keyId", e -> e.setKeyId("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2e")),
                change("ticketSystem", e -> e.setTicketSystem("servicenow")),
                change("ticketKey", e -> e.setTicketKey("IT-124")),
                change("ticketUrl", e -> e.setTicketUrl("https://acme.atlassian.net/browse/IT-124")),
                change("ticketStatus", e -> e.setTicketStatus("Done")),
                change("ticketType", e -> e.setTicketType("Service request")),
                change("reason", e -> e.setReason("user locked out after BIOS update!")),
                change("acr", e -> e.setAcr("1")),
                change("a field removed", e -> e.setReason(null)),
                change("an empty string instead of null", e -> e.setCode("")),
                change("a different letter case", e -> e.setActorUsername("Helpdesk.hank")));
    }

    private static Arguments change(String what, Consumer<TestEntry> mutation) {
        return Arguments.of(what, mutation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyHashedField")
    void changingAnyFieldChangesTheHash(String what, Consumer<TestEntry> mutation) {
        TestEntry tampered = AuditEntries.full();
        mutation.accept(tampered);

        assertThat(AuditChain.hash(PREV, tampered)).isNotEqualTo(AuditChain.hash(PREV, AuditEntries.full()));
    }

    @Test
    void movingTextBetweenAdjacentFieldsChangesTheHash() {
        TestEntry a = AuditEntries.full();
        a.setTicketStatus("Open");
        a.setTicketType("Incident");
        TestEntry b = AuditEntries.full();
        b.setTicketStatus("OpenInc");
        b.setTicketType("ident");

        assertThat(AuditChain.hash(PREV, a)).isNotEqualTo(AuditChain.hash(PREV, b));
    }

    @Test
    void aFieldCannotBeForgedByInjectingJsonIntoAnother() {
        TestEntry honest = AuditEntries.full();
        honest.setReason("x");
        honest.setAcr("2");
        TestEntry forged = AuditEntries.full();
        forged.setReason("x\",\"acr\":\"2");
        forged.setAcr(null);

        assertThat(AuditChain.canonical(forged)).isNotEqualTo(AuditChain.canonical(honest));
        assertThat(AuditChain.hash(PREV, forged)).isNotEqualTo(AuditChain.hash(PREV, honest));
    }

    @Test
    void theStoredHashColumnsAreNotPartOfTheCanonicalEntry() {
        TestEntry e = AuditEntries.full();
        String before = AuditChain.hash(PREV, e);

        e.setHash("00".repeat(32));
        e.setPrevHash("11".repeat(32));

        assertThat(AuditChain.hash(PREV, e)).isEqualTo(before);
    }

    @Test
    void tamperingWithAnEntryBreaksTheLinkToItsSuccessor() {
        TestEntry first = AuditEntries.full();
        TestEntry second = AuditEntries.full();
        second.setSeq(43);
        second.setId("second");
        String firstHash = AuditChain.hash(AuditChain.GENESIS, first);
        String secondHash = AuditChain.hash(firstHash, second);

        first.setReason("edited afterwards");
        String recomputedFirst = AuditChain.hash(AuditChain.GENESIS, first);

        assertThat(recomputedFirst).isNotEqualTo(firstHash);
        assertThat(AuditChain.hash(recomputedFirst, second)).isNotEqualTo(secondHash);
    }
}
