package io.keygate.bitlocker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keygate.bitlocker.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditChainTest {

    private static final String PREV = "7f".repeat(32);

    @Test
    void theGenesisHashIs64Zeros() {
        assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void theHashIsLowerCaseHexSha256() {
        assertThat(AuditChain.hash(AuditChain.GENESIS, AuditEntries.full().entry())).matches("[0-9a-f]{64}");
    }

    @Test
    void theHashIsSha256OfPrevHashFollowedByTheCanonicalEntry() throws Exception {
        TestEntry e = AuditEntries.full();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] expected = sha256.digest((PREV + AuditChain.canonical(e.entry())).getBytes(StandardCharsets.UTF_8));

        assertThat(AuditChain.hash(PREV, e.entry())).isEqualTo(HexFormat.of().formatHex(expected));
    }

    /** Hashes computed by the code that wrote existing chains: the canonical form must not change by a byte. */
    @Test
    void theCanonicalFormIsTheOneExistingChainsWereWrittenWith() {
        assertThat(AuditChain.hash(PREV, AuditEntries.full().entry()))
                .isEqualTo("26edf0b676e8e26456e7f1d0f3cd24b7d0a7d9b24a143613181b2ba293f568b1");
        TestEntry sparse = AuditEntries.full();
        sparse.set("code", null);
        sparse.set("ticketKey", null);
        sparse.set("ticketSystem", null);
        sparse.set("ticketUrl", null);
        sparse.set("ticketStatus", null);
        sparse.set("ticketType", null);
        sparse.set("reason", null);
        assertThat(AuditChain.hash(AuditChain.GENESIS, sparse.entry()))
                .isEqualTo("58c2d2ceac81ab5b21c7bdfc90a8660330d784e1a6f32d76508d545c47dc4066");
    }

    /**
     * The canonical form as the chains were first written: a map of the members, in order, written by
     * {@code Json.MAPPER.writeValueAsString}. Texts that need escaping or are outside ASCII must give the same bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" and backslash \\", "tab\tnew line\ncarriage\rnul\u0000bell\u0007",
            "del\u007f, latin é, cyrillic Ж, cjk 日本", "emoji 🔐 pair", "lone \ud800 high, lone \udfff low",
            "line separator \u2028 paragraph \u2029", "</script> & <b>", ""})
    void theCanonicalFormIsWhatAMapOfTheMembersWritesAsJson(String text) throws Exception {
        TestEntry e = AuditEntries.full();
        for (String member : List.of("deviceName", "reason", "userAgent", "actorUsername", "ticketKey", "code")) {
            e.set(member, text + " " + member);
        }
        e.set("ticketId", text);
        Map<String, Object> members = new LinkedHashMap<>();
        for (AuditFields.Field f : AuditFields.CANONICAL) {
            Object value = f.value().apply(e.entry());
            if (value != null || !f.hashedWhenPresent()) {
                members.put(f.name(), value);
            }
        }

        assertThat(AuditChain.canonical(e.entry())).isEqualTo(Json.MAPPER.writeValueAsString(members));
    }

    /** Every character of the Basic Multilingual Plane, escaped or not, as a map of the members writes it. */
    @Test
    void everyCharacterIsWrittenAsAMapOfTheMembersWritesIt() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            every.append(c);
        }
        theCanonicalFormIsWhatAMapOfTheMembersWritesAsJson(every.toString());
    }

    @Test
    void aTicketIdentityIsHashedWhenThereIsOneAndLeavesOlderEntriesAsTheyWere() throws Exception {
        TestEntry withId = AuditEntries.full();
        withId.set("ticketId", "10042");

        assertThat(AuditChain.canonical(AuditEntries.full().entry())).doesNotContain("ticketId");
        assertThat(new ObjectMapper().readTree(AuditChain.canonical(withId.entry())).path("ticketId").asText()).isEqualTo("10042");
        assertThat(AuditChain.hash(PREV, withId.entry())).isNotEqualTo(AuditChain.hash(PREV, AuditEntries.full().entry()));
        TestEntry otherId = AuditEntries.full();
        otherId.set("ticketId", "10043");
        assertThat(AuditChain.hash(PREV, otherId.entry())).isNotEqualTo(AuditChain.hash(PREV, withId.entry()));
    }

    @Test
    void aReleaseThatAskedForTheKeyPackageSaysSoInTheHashAndOlderEntriesKeepTheirs() throws Exception {
        TestEntry withKeyPackage = AuditEntries.full();
        withKeyPackage.set("keyPackage", Boolean.TRUE);

        assertThat(AuditChain.canonical(AuditEntries.full().entry())).doesNotContain("keyPackage");
        assertThat(new ObjectMapper().readTree(AuditChain.canonical(withKeyPackage.entry())).path("keyPackage").isBoolean()).isTrue();
        assertThat(AuditChain.hash(PREV, withKeyPackage.entry())).isNotEqualTo(AuditChain.hash(PREV, AuditEntries.full().entry()));
    }

    @Test
    void theHashIsDeterministic() {
        assertThat(AuditChain.hash(PREV, AuditEntries.full().entry())).isEqualTo(AuditChain.hash(PREV, AuditEntries.full().entry()));
    }

    @Test
    void thePreviousHashIsPartOfTheHash() {
        TestEntry e = AuditEntries.full();

        assertThat(AuditChain.hash(PREV, e.entry())).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, e.entry()));
        assertThat(AuditChain.hash(PREV, e.entry())).isNotEqualTo(AuditChain.hash("7f".repeat(31) + "7e", e.entry()));
    }

    @Test
    void theCanonicalEntryIsJsonWithEveryColumnInAFixedOrder() throws Exception {
        JsonNode canonical = new ObjectMapper().readTree(AuditChain.canonical(AuditEntries.full().entry()));
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
                change("id", e -> e.set("id", "5b7c1e0a-3f2d-4c6b-9a8e-1d2c3b4a5f61")),
                change("realmId", e -> e.set("realmId", "realm-2")),
                change("seq", e -> e.set("seq", 43)),
                change("time", e -> e.set("time", (Long) e.get("time") + 1)),
                change("action", e -> e.set("action", "KEY_REVEAL_DENIED")),
                change("outcome", e -> e.set("outcome", "DENIED")),
                change("code", e -> e.set("code", "ticket_not_open")),
                change("actorUserId", e -> e.set("actorUserId", "user-2")),
                change("actorUsername", e -> e.set("actorUsername", "helpdesk.hanna")),
                change("clientId", e -> e.set("clientId", "admin-cli")),
                change("source", e -> e.set("source", "ADMIN")),
                change("ipAddress", e -> e.set("ipAddress", "10.0.0.8")),
                change("userAgent", e -> e.set("userAgent", "curl/8.0")),
                change("deviceId", e -> e.set("deviceId", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f1")),
                change("deviceName", e -> e.set("deviceName", "LAPTOP-043")),
                change("keyId", e -> e.set("keyId", "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2e")),
                change("ticketSystem", e -> e.set("ticketSystem", "servicenow")),
                change("ticketKey", e -> e.set("ticketKey", "IT-124")),
                change("ticketUrl", e -> e.set("ticketUrl", "https://acme.atlassian.net/browse/IT-124")),
                change("ticketStatus", e -> e.set("ticketStatus", "Done")),
                change("ticketType", e -> e.set("ticketType", "Service request")),
                change("reason", e -> e.set("reason", "user locked out after BIOS update!")),
                change("acr", e -> e.set("acr", "1")),
                change("a field removed", e -> e.set("reason", null)),
                change("an empty string instead of null", e -> e.set("code", "")),
                change("a different letter case", e -> e.set("actorUsername", "Helpdesk.hank")));
    }

    private static Arguments change(String what, Consumer<TestEntry> mutation) {
        return Arguments.of(what, mutation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyHashedField")
    void changingAnyFieldChangesTheHash(String what, Consumer<TestEntry> mutation) {
        TestEntry tampered = AuditEntries.full();
        mutation.accept(tampered);

        assertThat(AuditChain.hash(PREV, tampered.entry())).isNotEqualTo(AuditChain.hash(PREV, AuditEntries.full().entry()));
    }

    @Test
    void movingTextBetweenAdjacentFieldsChangesTheHash() {
        TestEntry a = AuditEntries.full();
        a.set("ticketStatus", "Open");
        a.set("ticketType", "Incident");
        TestEntry b = AuditEntries.full();
        b.set("ticketStatus", "OpenInc");
        b.set("ticketType", "ident");

        assertThat(AuditChain.hash(PREV, a.entry())).isNotEqualTo(AuditChain.hash(PREV, b.entry()));
    }

    @Test
    void aFieldCannotBeForgedByInjectingJsonIntoAnother() {
        TestEntry honest = AuditEntries.full();
        honest.set("reason", "x");
        honest.set("acr", "2");
        TestEntry forged = AuditEntries.full();
        forged.set("reason", "x\",\"acr\":\"2");
        forged.set("acr", null);

        assertThat(AuditChain.canonical(forged.entry())).isNotEqualTo(AuditChain.canonical(honest.entry()));
        assertThat(AuditChain.hash(PREV, forged.entry())).isNotEqualTo(AuditChain.hash(PREV, honest.entry()));
    }

    @Test
    void theStoredHashColumnsAreNotPartOfTheCanonicalEntry() {
        TestEntry e = AuditEntries.full();
        String before = AuditChain.hash(PREV, e.entry());

        e.set("hash", "00".repeat(32));
        e.set("prevHash", "11".repeat(32));

        assertThat(AuditChain.hash(PREV, e.entry())).isEqualTo(before);
    }

    @Test
    void tamperingWithAnEntryBreaksTheLinkToItsSuccessor() {
        TestEntry first = AuditEntries.full();
        TestEntry second = AuditEntries.full();
        second.set("seq", 43);
        second.set("id", "second");
        String firstHash = AuditChain.hash(AuditChain.GENESIS, first.entry());
        String secondHash = AuditChain.hash(firstHash, second.entry());

        first.set("reason", "edited afterwards");
        String recomputedFirst = AuditChain.hash(AuditChain.GENESIS, first.entry());

        assertThat(recomputedFirst).isNotEqualTo(firstHash);
        assertThat(AuditChain.hash(recomputedFirst, second.entry())).isNotEqualTo(secondHash);
    }
}
