package io.keygate.bitlocker.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.AuditTampering;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class AuditLogTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    private static Fleet.Device revealed;

    @BeforeEach
    void setUp() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"ticketing\":{\"breakGlass\":true}}");
        if (revealed == null) {
            revealed = Fleet.escrow(realm.getName(), "AUDITED-PC", TestRealm.OWNER);
            Api.Reply r = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + revealed.deviceId() + "/reveal", "{}")
                    .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            Api.Reply bg = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + revealed.deviceId() + "/reveal",
                            "{\"breakGlass\":true,\"reason\":\"Owner abroad, ticketing system in maintenance\"}")
                    .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
            assertThat(bg.status()).as(bg.toString()).isEqualTo(200);
        }
    }

    private Api.Reply audit(String query, String user) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit" + query)
                .bearer(Tokens.password(realm.getName(), user)).send();
    }

    @Test
    void everyReleaseIsTracedToAPersonADeviceAndAKey() {
        Api.Reply reply = audit("?deviceId=" + revealed.deviceId() + "&action=KEY_REVEALED", TestRealm.AUDITOR);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode items = reply.json().path("items");
        assertThat(items).hasSize(2);
        JsonNode newest = items.get(0);
        assertThat(newest.path("actor").path("username").asText()).isEqualTo(TestRealm.ADMIN);
        assertThat(newest.path("source").asText()).isEqualTo("ADMIN");
        assertThat(newest.path("reason").asText()).contains("maintenance");
        JsonNode selfService = items.get(1);
        assertThat(selfService.path("actor").path("username").asText()).isEqualTo(TestRealm.OWNER);
        assertThat(selfService.path("actor").path("userId").asText()).isNotBlank();
        assertThat(selfService.path("source").asText()).isEqualTo("SELF_SERVICE");
        assertThat(selfService.path("deviceName").asText()).isEqualTo("AUDITED-PC");
        assertThat(selfService.path("keyId").asText()).isEqualTo(revealed.osKey().keyId());
        assertThat(selfService.path("clientId").asText()).isEqualTo(TestRealm.CLIENT);
        assertThat(selfService.path("ipAddress").asText()).isNotBlank();
        assertThat(selfService.path("acr").asText()).isEqualTo("2");
        assertThat(selfService.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(selfService.has("ticket")).isTrue();
        assertThat(selfService.path("hash").asText()).hasSize(64);
        assertThat(audit("?action=BREAK_GLASS", TestRealm.AUDITOR).json().path("items")).hasSize(1);
        assertThat(reply.body()).doesNotContain(revealed.osKey().recoveryPassword());
    }

    @Test
    void filtersAndCursorPagingWalkTheLogNewestFirst() {
        Api.Reply all = audit("?max=500", TestRealm.ADMIN);
        int total = all.json().path("items").size();
        assertThat(total).isGreaterThanOrEqualTo(4);

        int seen = 0;
        String after = null;
        Instant previousTime = null;
        do {
            Api.Reply page = audit("?max=2" + (after == null ? "" : "&after=" + after), TestRealm.AUDITOR);
            for (JsonNode e : page.json().path("items")) {
                // As instants: a whole second is written without a fraction ("…:18Z" after "…:18.002Z").
                Instant time = Instant.parse(e.path("time").asText());
                if (previousTime != null) {
                    assertThat(time).isBeforeOrEqualTo(previousTime);
                }
                previousTime = time;
                seen++;
            }
            after = page.json().path("next").isNull() ? null : page.json().path("next").asText();
        } while (after != null);
        assertThat(seen).isGreaterThanOrEqualTo(total);

        assertThat(audit("?actor=" + TestRealm.OWNER + "&outcome=SUCCESS", TestRealm.AUDITOR).json().path("items"))
                .allSatisfy(e -> assertThat(e.path("actor").path("username").asText()).isEqualTo(TestRealm.OWNER));
        assertThat(audit("?from=2999-01-01T00:00:00Z", TestRealm.AUDITOR).json().path("items")).isEmpty();
        assertThat(audit("?to=2000-01-01T00:00:00Z", TestRealm.AUDITOR).json().path("items")).isEmpty();
        assertThat(audit("?ticket=NOPE-1", TestRealm.AUDITOR).json().path("items")).isEmpty();
    }

    /**
     * The server keeps pages it read (bounded by the chain's head): reading the same page again after an append shows
     * the new entry, also where the cursor lies past the head (a page then is the log as of the head, like the first).
     */
    @Test
    void aPageReadAgainAfterAnAppendShowsTheNewEntry() {
        Fleet.Device device = Fleet.escrow(realm.getName(), "PAGED-PC", TestRealm.OWNER);
        String first = "?deviceId=" + device.deviceId();
        String pastTheHead = first + "&after=" + Long.MAX_VALUE / 2;
        JsonNode before = audit(first, TestRealm.AUDITOR).json().path("items");
        assertThat(before).isNotEmpty();
        assertThat(audit(first, TestRealm.AUDITOR).json().path("items")).isEqualTo(before);
        assertThat(audit(pastTheHead, TestRealm.AUDITOR).json().path("items")).isEqualTo(before);

        Api.Reply reveal = Api.post(Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal", "{}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER)).send();
        assertThat(reveal.status()).as(reveal.toString()).isEqualTo(200);

        for (String query : List.of(first, pastTheHead)) {
            JsonNode after = audit(query, TestRealm.AUDITOR).json().path("items");
            // The release's entries (KEY_REVEALED, and ROTATION_REQUESTED after it) first, then the page as it was.
            assertThat(after.size()).as(query).isGreaterThan(before.size());
            assertThat(after.findValuesAsText("action")).contains("KEY_REVEALED");
            assertThat(after.get(after.size() - before.size())).isEqualTo(before.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"?action=KEY_STOLEN", "?action=key_revealed", "?outcome=MAYBE", "?outcome=success",
            "?from=yesterday", "?deviceId=abc", "?max=0", "?after=x"})
    void badFiltersAreRefused(String query) {
        Api.Reply reply = audit(query, TestRealm.AUDITOR);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_request");
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLog() {
        for (String user : List.of(TestRealm.HELPDESK, TestRealm.OWNER, TestRealm.OTHER)) {
            assertThat(audit("", user).status()).as(user).isEqualTo(403);
            assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                    .bearer(Tokens.password(realm.getName(), user)).send().status()).isEqualTo(403);
        }
    }

    @Test
    void theCsvExportHasAHeaderEveryEntryAndIsItselfAudited() {
        Api.Reply csv = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?deviceId=" + revealed.deviceId())
                .header("Accept", "text/csv").bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("\"id\",\"time\",\"action\",\"outcome\",\"code\",\"actorUserId\",\"actorUsername\"");
        assertThat(lines.length).isGreaterThanOrEqualTo(4);
        assertThat(csv.body()).contains("KEY_REVEALED").contains("KEY_ESCROWED").contains(revealed.deviceId());
        assertThat(csv.body()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);

        JsonNode exported = audit("?action=AUDIT_EXPORTED&max=1", TestRealm.AUDITOR).json().path("items").get(0);
        assertThat(exported.path("actor").path("username").asText()).isEqualTo(TestRealm.AUDITOR);
        assertThat(exported.path("reason").asText()).contains(revealed.deviceId());
    }

    @Test
    void anUntouchedChainVerifiesAndATamperedRowIsFound() {
        Api.Reply intact = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send();
        assertThat(intact.status()).isEqualTo(200);
        assertThat(intact.json().path("valid").asBoolean()).isTrue();
        assertThat(intact.json().path("entries").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(intact.json().path("brokenAt").isNull()).isTrue();

        JsonNode victim = audit("?action=KEY_REVEALED&actor=" + TestRealm.OWNER, TestRealm.AUDITOR).json().path("items").get(0);
        String original = victim.has("reason") ? victim.path("reason").asText() : null;
        server.run(AuditTampering.rewriteReason(victim.path("id").asText(), "nothing to see here"));
        try {
            Api.Reply broken = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                    .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send();
            assertThat(broken.json().path("valid").asBoolean()).isFalse();
            assertThat(broken.json().path("brokenAt").asText()).isEqualTo(victim.path("id").asText());
        } finally {
            server.run(AuditTampering.rewriteReason(victim.path("id").asText(), original));
        }
        assertThat(Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("valid").asBoolean()).isTrue();
    }
}
