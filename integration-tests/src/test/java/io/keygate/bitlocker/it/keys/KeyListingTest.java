package io.keygate.bitlocker.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class KeyListingTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    private static final List<Fleet.Device> FLEET = new ArrayList<>();

    @BeforeEach
    void fleet() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
        if (FLEET.isEmpty()) {
            for (int i = 0; i < 7; i++) {
                FLEET.add(Fleet.escrow(realm.getName(), "Paging-PC-" + i, i == 0 ? TestRealm.OWNER : null));
            }
            FLEET.add(Fleet.escrow(realm.getName(), "kiosk_%_1", null));
            Api.Reply pending = Fleet.checkIn(realm.getName(), Fleet.guid(),
                    Fleet.checkInBody("Paging-PENDING", null, "ENCRYPTING", List.of()));
            assertThat(pending.status()).isEqualTo(200);
        }
    }

    private Api.Reply get(String query, String user) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys" + query).bearer(Tokens.password(realm.getName(), user)).send();
    }

    private List<String> names(Api.Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json().path("items").forEach(d -> names.add(d.path("deviceName").asText()));
        return names;
    }

    @Test
    void helpdeskAndAdminListDevicesWithKeyMetadataButNeverSecrets() {
        for (String user : List.of(TestRealm.HELPDESK, TestRealm.ADMIN)) {
            Api.Reply reply = get("?max=500", user);
            assertThat(reply.status()).as(user).isEqualTo(200);
            assertThat(names(reply)).contains("Paging-PC-0", "Paging-PENDING");
            JsonNode first = reply.json().path("items").get(0);
            assertThat(first.has("deviceId")).isTrue();
            assertThat(first.has("escrowStatus")).isTrue();
            assertThat(first.has("rotation")).isTrue();
            assertThat(first.path("keys").get(0).has("keyId")).isTrue();
            assertThat(reply.body()).doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
            assertThat(reply.body()).doesNotContain("recoveryPassword");
        }
    }

    @Test
    void otherRolesMayNotList() {
        for (String user : List.of(TestRealm.AUDITOR, TestRealm.OWNER, TestRealm.OTHER)) {
            Api.Reply reply = get("", user);
            assertThat(reply.status()).as(user).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("forbidden");
        }
        Api.Reply agent = Api.get(Api.bitlocker(realm.getName()) + "/keys").bearer(Fleet.agentToken(realm.getName())).send();
        assertThat(agent.status()).isEqualTo(403);
    }

    @Test
    void aHelpdeskFindsADeviceFromTheKeyIdOnTheRecoveryScreen() {
        Fleet.Device target = FLEET.get(3);
        String keyId = target.osKey().keyId();

        Api.Reply byPrefix = get("?search=" + keyId.substring(0, 8).toUpperCase(), TestRealm.HELPDESK);
        Api.Reply withDashes = get("?search=" + keyId.substring(0, 13), TestRealm.HELPDESK);
        Api.Reply withoutDashes = get("?search=" + keyId.replace("-", "").substring(0, 12), TestRealm.HELPDESK);

        for (Api.Reply reply : List.of(byPrefix, withDashes, withoutDashes)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(names(reply)).containsExactly(target.deviceName());
        }
    }

    @Test
    void aDeviceNamePrefixSearchIgnoresCaseAndTreatsWildcardsLiterally() {
        assertThat(names(get("?search=paging-pc-&max=500", TestRealm.HELPDESK))).hasSize(7);
        assertThat(names(get("?search=KIOSK_%25", TestRealm.HELPDESK))).containsExactly("kiosk_%_1");
        assertThat(names(get("?search=%25", TestRealm.HELPDESK))).isEmpty();
        assertThat(names(get("?search=_", TestRealm.HELPDESK))).isEmpty();
    }

    @Test
    void theStatusFilterSelectsDevices() {
        List<String> pending = names(get("?status=PENDING&max=500", TestRealm.HELPDESK));
        assertThat(pending).containsExactly("Paging-PENDING");
        assertThat(names(get("?status=ESCROWED&search=Paging&max=500", TestRealm.HELPDESK))).hasSize(7);
    }

    @Test
    void cursorPagingWalksEveryDeviceOnce() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Api.Reply page = get("?search=Paging&max=3" + (after == null ? "" : "&after=" + after), TestRealm.HELPDESK);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(3);
            seen.addAll(names(page));
            after = page.json().path("next").isNull() ? null : page.json().path("next").asText();
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(pages).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?max=0", "?max=501", "?max=ten", "?status=LOST", "?status=escrowed", "?after=%25%25%25"})
    void badQueryParametersAreRefused(String query) {
        Api.Reply reply = get(query, TestRealm.HELPDESK);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_request");
    }

    @Test
    void oneDeviceIsVisibleToHelpdeskAdminAndItsOwnerOnly() {
        Fleet.Device owned = FLEET.get(0);
        String url = Api.bitlocker(realm.getName()) + "/keys/" + owned.deviceId();

        for (String user : List.of(TestRealm.HELPDESK, TestRealm.ADMIN, TestRealm.OWNER)) {
            Api.Reply reply = Api.get(url).bearer(Tokens.password(realm.getName(), user)).send();
            assertThat(reply.status()).as(user).isEqualTo(200);
            assertThat(reply.json().path("deviceId").asText()).isEqualTo(owned.deviceId());
        }
        for (String user : List.of(TestRealm.AUDITOR, TestRealm.OTHER)) {
            Api.Reply reply = Api.get(url).bearer(Tokens.password(realm.getName(), user)).send();
            assertThat(reply.status()).as(user).isEqualTo(403);
        }
        Api.Reply missing = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + Fleet.guid())
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        Api.Reply badId = Api.get(Api.bitlocker(realm.getName()) + "/keys/not-a-guid")
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("device_not_found");
        assertThat(badId.status()).isEqualTo(400);
    }

    @Test
    void anOwnerSeesTheirOwnDevicesOnly() {
        Api.Reply mine = Api.get(Api.bitlocker(realm.getName()) + "/me/devices")
                .bearer(Tokens.password(realm.getName(), TestRealm.OWNER)).send();
        Api.Reply none = Api.get(Api.bitlocker(realm.getName()) + "/me/devices")
                .bearer(Tokens.password(realm.getName(), TestRealm.OTHER)).send();

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().isArray()).isTrue();
        assertThat(mine.json()).hasSize(1);
        assertThat(mine.json().get(0).path("deviceName").asText()).isEqualTo("Paging-PC-0");
        assertThat(none.json()).isEmpty();
    }

    @Test
    void escrowStatusCountsDevicesAndListsThoseNeedingAttention() {
        Api.Reply failed = Fleet.checkIn(realm.getName(), Fleet.guid(),
                Fleet.checkInBody("Attention-NOKEY", null, "ENCRYPTED", List.of()));
        assertThat(failed.json().path("escrowStatus").asText()).isEqualTo("FAILED");

        for (String user : List.of(TestRealm.HELPDESK, TestRealm.ADMIN, TestRealm.AUDITOR)) {
            Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                    .bearer(Tokens.password(realm.getName(), user)).send();
            assertThat(reply.status()).as(user).isEqualTo(200);
            JsonNode counts = reply.json().path("counts");
            assertThat(counts.path("ESCROWED").asLong()).isGreaterThanOrEqualTo(8);
            assertThat(counts.path("PENDING").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(counts.path("FAILED").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(counts.has("NOT_AVAILABLE")).isTrue();
            List<String> attention = new ArrayList<>();
            reply.json().path("attention").forEach(d -> attention.add(d.path("deviceName").asText()));
            assertThat(attention).contains("Attention-NOKEY").doesNotContain("Paging-PENDING", "Paging-PC-1");
            assertThat(reply.json().has("sync")).isTrue();
        }
        Api.Reply owner = Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                .bearer(Tokens.password(realm.getName(), TestRealm.OWNER)).send();
        assertThat(owner.status()).isEqualTo(403);
    }
}
