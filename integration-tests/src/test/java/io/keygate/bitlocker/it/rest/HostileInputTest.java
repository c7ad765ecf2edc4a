package io.keygate.bitlocker.it.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Hostile input on every endpoint that takes some (jqwik's generators; a failure names the input that
 * caused it): random and near-valid query parameters, path IDs and JSON bodies. Never a 500, always a
 * problem document with a code of SPEC §7, never a recovery password in an error, and nothing stored by a
 * refused request (the realm's device list and audit chain stay as they were, but for denial entries).
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class HostileInputTest {

    private static final int TRIES = 60;
    private static final Set<String> CODES = Set.of("authentication_required", "insufficient_user_authentication",
            "forbidden", "invalid_request", "invalid_ticket", "device_not_found", "key_not_found", "ticket_required",
            "ticket_not_found", "ticket_wrong_type", "ticket_not_open", "ticket_device_mismatch", "ticket_reuse_limit",
            "rate_limited", "escrow_not_local", "ticketing_unavailable", "key_source_unavailable", "audit_unavailable",
            "not_enabled", "device_binding_mismatch", "approval_required", "approval_pending", "request_not_found",
            "request_closed", "self_approval");

    @InjectRealm(config = TestRealm.class, ref = "hostile")
    ManagedRealm realm;

    /** Strings a fuzzer tries: unicode, control characters, SQL and JSON breakers, huge, GUID-like, empty. */
    private static Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
                Arbitraries.of("", " ", "null", "' OR 1=1 --", "\"}", "{", "]", "%00", "\u0000", "../../etc/passwd",
                        "ITSM-1' OR '1'='1", "${jndi:ldap://x}", "<script>alert(1)</script>", "9".repeat(30),
                        "3f2a8c1e-5b7d-4e9a-8c2f-1a6b9d0e4c7", "3F2A8C1E-5B7D-4E9A-8C2F-1A6B9D0E4C71 ", "-1", "0",
                        "ESCROWED,FAILED", "PENDING\n", "A".repeat(70_000)),
                Arbitraries.strings().withCharRange('0', 'f').ofLength(36));
    }

    /** JSON bodies: valid shapes with hostile values, wrong types, unknown fields, broken JSON. */
    private static Arbitrary<String> hostileBodies() {
        Arbitrary<String> value = Arbitraries.oneOf(hostileStrings().map(s -> Api.JSON.valueToTree(s).toString()),
                Arbitraries.of("1", "-1", "true", "null", "[]", "{}", "1e999", "[[[[[[[[[[]]]]]]]]]]"));
        Arbitrary<String> field = Arbitraries.of("keyId", "ticket", "reason", "breakGlass", "requestId", "deviceName",
                "owner", "encryption", "keys", "unknownField", "__proto__");
        Arbitrary<String> object = Combinators.combine(field.list().ofMaxSize(5), value.list().ofSize(5))
                .as((fields, values) -> {
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < fields.size(); i++) {
                        b.append(i == 0 ? "" : ",").append('"').append(fields.get(i)).append("\":").append(values.get(i));
                    }
                    return b.append('}').toString();
                });
        return Arbitraries.oneOf(object, hostileStrings(), Arbitraries.of("", "{", "[1,2", "{\"keyId\":}", "\uFEFF{}"));
    }

    /** Values to try (outside jqwik's own lifecycle, as the server comes from Jupiter extensions); a failure names its input. */
    private static <T> List<T> sample(Arbitrary<T> arbitrary) {
        return arbitrary.sampleStream().limit(TRIES).toList();
    }

    /** A header value a client can send: visible ASCII and spaces, not empty. */
    private static String header(String s) {
        String visible = s.replaceAll("[^\\x20-\\x7e]", "").trim();
        return visible.isEmpty() ? "x" : visible;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Outages of what a request needs are 503 with their own code; nothing else may be a server error. */
    private static final Set<String> UNAVAILABLE = Set.of("ticketing_unavailable", "key_source_unavailable", "audit_unavailable");

    private static void assertNoServerError(String what, Api.Reply reply) {
        if (reply.status() >= 500) {
            assertThat(reply.status()).as("%s → %s", what, reply).isEqualTo(503);
            assertThat(UNAVAILABLE).as("%s → %s", what, reply).contains(reply.code());
        }
    }

    /** What every answer to hostile input must be. */
    private static void assertProblemOrSuccess(String what, Api.Reply reply) {
        assertNoServerError(what, reply);
        if (reply.status() >= 400 && reply.status() < 500 && reply.body().startsWith("{\"error\"")) {
            // Keycloak's own layers answer before the extension: control characters in a query ("Blocking invalid
            // query parameter value"), a path that is not normalised, a path no resource matches (an empty ID).
            return;
        }
        if (reply.status() >= 400) {
            assertThat(reply.header("Content-Type")).as("%s → %s", what, reply).startsWith("application/problem+json");
            assertThat(CODES).as("%s → %s", what, reply).contains(reply.code());
        }
        assertThat(reply.body()).as(what).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
    }

    private JsonNode state() {
        String auditor = Tokens.password(realm.getName(), TestRealm.AUDITOR);
        JsonNode devices = Api.get(Api.bitlocker(realm.getName()) + "/keys?max=500").bearer(Tokens.password(realm.getName(),
                TestRealm.ADMIN)).send().json();
        JsonNode written = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?max=500&outcome=SUCCESS").bearer(auditor)
                .send().json();
        com.fasterxml.jackson.databind.node.ObjectNode state = Api.JSON.createObjectNode();
        state.set("devices", devices.path("items"));
        state.set("successes", written.path("items"));
        return state;
    }

    @Test
    void hostileInputIsRefusedWithAProblemAndChangesNothing() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true},\"limits\":{\"revealsPerUserPerHour\":100000},"
                + "\"escrow\":{\"checkInsPerKeyPerHour\":100000},"   // every hostile body reaches the check-in's parser
                + "\"approval\":{\"requiredFor\":[\"helpdesk\"]}}");
        Fleet.Device device = Fleet.escrow(realm.getName(), "HOSTILE-TARGET", TestRealm.OWNER);
        String base = Api.bitlocker(realm.getName());
        String helpdesk = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        String auditor = Tokens.password(realm.getName(), TestRealm.AUDITOR);
        String approver = BrowserLogin.cachedStepUpToken(realm, TestRealm.APPROVER);
        String admin = BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN);
        JsonNode before = state();

        List<Function<String, Api.Reply>> queries = List.of(
                s -> Api.get(base + "/keys?search=" + q(s)).bearer(helpdesk).send(),
                s -> Api.get(base + "/keys?status=" + q(s)).bearer(helpdesk).send(),
                s -> Api.get(base + "/keys?max=" + q(s)).bearer(helpdesk).send(),
                s -> Api.get(base + "/keys?after=" + q(s)).bearer(helpdesk).send(),
                s -> Api.get(base + "/keys/" + q(s)).bearer(helpdesk).send(),
                s -> Api.get(base + "/keys/audit?deviceId=" + q(s) + "&from=" + q(s)).bearer(auditor).send(),
                s -> Api.get(base + "/keys/audit?action=" + q(s) + "&after=" + q(s)).bearer(auditor).send(),
                s -> Api.get(base + "/keys/audit/verify?checkpoint=" + q(s)).bearer(auditor).send(),
                s -> Api.get(base + "/requests?status=" + q(s) + "&after=" + q(s)).bearer(approver).send(),
                s -> Api.get(base + "/requests/" + q(s)).bearer(approver).send(),
                s -> Api.delete(base + "/requests/" + q(s)).bearer(helpdesk).send(),
                s -> Api.get(base + "/keys").bearer(s.replaceAll("[^\\x21-\\x7e]", "") + "x").send(),
                // Headers: a DPoP proof, the Authorization scheme, Accept and Content-Type (an HTTP client sends only
                // visible ASCII and spaces in a header, so that is what a fuzzer can put on the wire).
                s -> Api.get(base + "/keys").bearer(helpdesk).header("DPoP", header(s)).send(),
                s -> Api.get(base + "/keys").header("Authorization", header(s) + " " + helpdesk).send(),
                s -> Api.get(base + "/keys/audit").bearer(auditor).header("Accept", header(s)).send(),
                s -> Api.post(base + "/keys/" + device.deviceId() + "/reveal", "{}").bearer(admin)
                        .header("Content-Type", header(s)).send());
        for (int i = 0; i < queries.size(); i++) {
            for (String raw : sample(hostileStrings())) {
                String s = raw.length() > 2000 ? raw.substring(0, 2000) : raw;   // beyond that, the HTTP layer refuses the URL
                assertProblemOrSuccess("query #" + i + " " + Api.JSON.valueToTree(s.substring(0, Math.min(60, s.length()))),
                        queries.get(i).apply(s));
            }
        }

        List<Function<String, Api.Reply>> bodies = List.of(
                b -> Api.post(base + "/keys/" + device.deviceId() + "/reveal", b).bearer(admin).send(),
                b -> Api.post(base + "/keys/" + device.deviceId() + "/requests", b).bearer(helpdesk).send(),
                b -> Api.post(base + "/keys/" + device.deviceId() + "/rotate", b).bearer(BrowserLogin.cachedStepUpToken(realm,
                        TestRealm.HELPDESK)).send(),
                b -> Api.post(base + "/requests/" + Fleet.guid() + "/approve", b).bearer(approver).send(),
                b -> Api.post(base + "/requests/" + Fleet.guid() + "/reject", b).bearer(approver).send(),
                b -> Fleet.checkIn(realm.getName(), device.deviceId(), b));
        for (Function<String, Api.Reply> post : bodies) {
            for (String b : sample(hostileBodies())) {
                Api.Reply reply = post.apply(b);
                String what = "body " + b.substring(0, Math.min(80, b.length()));
                assertNoServerError(what, reply);
                assertThat(reply.status()).as("%s → %s", what, reply).isGreaterThanOrEqualTo(400);
                assertThat(reply.body()).doesNotContain(device.osKey().recoveryPassword());
            }
        }

        JsonNode after = state();
        assertThat(after.path("devices")).as("no device or key changed").isEqualTo(before.path("devices"));
        assertThat(after.path("successes").findValuesAsText("action"))
                .as("nothing but refusals was audited").isEqualTo(before.path("successes").findValuesAsText("action"));
    }

    @Test
    void everyRefusalIsAProblemDocumentWhateverTheAcceptHeaderAndLeavesNoStackTrace() throws java.io.IOException {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        Fleet.Device device = Fleet.escrow(realm.getName(), "ACCEPT-TARGET", TestRealm.OWNER);
        String base = Api.bitlocker(realm.getName());
        String helpdesk = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        String auditor = Tokens.password(realm.getName(), TestRealm.AUDITOR);
        java.nio.file.Path log = BitLockerServerConfig.serverLog();
        long logBefore = java.nio.file.Files.size(log);

        List<java.util.function.Function<String, Api.Reply>> refusals = List.of(
                a -> Api.get(base + "/keys?max=abc").bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(base + "/keys?status=SOMETIMES").bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(base + "/keys?after=%7Bnot-a-cursor").bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(base + "/keys/not-a-guid").bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(base + "/keys/" + Fleet.guid()).bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(base + "/keys").header("Accept", a).send(),
                a -> Api.get(base + "/keys").bearer("not.a.token").header("Accept", a).send(),
                a -> Api.get(base + "/keys/audit?from=yesterday").bearer(auditor).header("Accept", a).send(),
                a -> Api.get(base + "/keys/audit/verify?checkpoint=x.y.z").bearer(auditor).header("Accept", a).send(),
                a -> Api.get(base + "/escrow/status").bearer(Tokens.password(realm.getName(), TestRealm.NOBODY))
                        .header("Accept", a).send(),
                a -> Api.post(base + "/keys/" + device.deviceId() + "/reveal", "{\"keyId\":1}").bearer(helpdesk)
                        .header("Accept", a).send(),
                a -> Api.post(base + "/requests/" + Fleet.guid() + "/approve", "{").bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(base + "/requests?max=-1").bearer(helpdesk).header("Accept", a).send(),
                a -> Api.get(Api.adminConfig(realm.getName())).bearer(helpdesk).header("Accept", a).send());
        for (String accept : List.of("text/html", "application/xml", "image/png", "text/html,application/xhtml+xml;q=0.9",
                "*/*", "application/json")) {
            for (int i = 0; i < refusals.size(); i++) {
                Api.Reply reply = refusals.get(i).apply(accept);
                String what = "refusal #" + i + " with Accept: " + accept;
                assertThat(reply.status()).as("%s → %s", what, reply).isBetween(400, 499);
                assertThat(reply.header("Content-Type")).as("%s → %s", what, reply).startsWith("application/problem+json");
                assertThat(CODES).as("%s → %s", what, reply).contains(reply.code());
            }
        }

        // A Content-Type that is not a media type made Keycloak's security-header filter throw on the way out (500).
        String realmAdmin = Tokens.password(realm.getName(), TestRealm.REALM_ADMIN);
        for (String contentType : List.of("x", "/", ";;", "a b")) {
            List<Api.Reply> replies = List.of(
                    Api.post(base + "/keys/" + device.deviceId() + "/reveal", "{}").bearer(helpdesk)
                            .header("Content-Type", contentType).send(),
                    Api.get(base + "/console/").header("Content-Type", contentType).send(),
                    Api.put(Api.adminConfig(realm.getName()), "{}").bearer(realmAdmin).header("Content-Type", contentType).send());
            for (Api.Reply reply : replies) {
                assertThat(reply.status()).as("Content-Type %s → %s", contentType, reply).isEqualTo(400);
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
                assertThat(reply.code()).isEqualTo("invalid_request");
                assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            }
        }

        // Client errors are answered, not logged as failures of the server.
        String written;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            file.seek(logBefore);
            byte[] tail = new byte[(int) (file.length() - logBefore)];
            file.readFully(tail);
            written = new String(tail, StandardCharsets.UTF_8);
        }
        assertThat(written).as("server log while refusing client errors").doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
                .doesNotContain("ERROR [org.keycloak.services.error");
    }
}
