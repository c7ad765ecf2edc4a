package io.keygate.bitlocker.it.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Eventually;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.ad.SambaDomain;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A test realm on the {@code activeDirectory} key source over one organisational unit of the test domain: its
 * configuration, a sync waited out, and the requests the AD tests make (device, break-glass reveal).
 */
final class DirectorySource {

    static final String REASON = "User locked out after a TPM reset, Jira down";

    private final ManagedRealm realm;
    private final String ou;

    DirectorySource(ManagedRealm realm, String ou) {
        this.realm = realm;
        this.ou = ou;
    }

    /**
     * The realm on this OU, bound as {@code account}, break-glass allowed. {@code connection}: the
     * {@code activeDirectory} members that say where to connect ({@code "url":…} or {@code "ldapComponent":…});
     * {@code more}: further top-level members, each with its leading comma, or empty.
     */
    void configure(String connection, SambaDomain.Account account, String more) {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"keySource\":\"activeDirectory\",\"activeDirectory\":{"
                + connection + ",\"bindDn\":\"" + account.dn() + "\",\"bindCredential\":\"" + account.password() + "\","
                + "\"baseDn\":\"" + ou + "\",\"syncIntervalMinutes\":60},\"ticketing\":{\"breakGlass\":true}" + more + "}");
    }

    /** Over {@code url}, with StartTLS or not, and key packages on or off. */
    void configure(String url, boolean startTls, SambaDomain.Account account, boolean keyPackages) {
        configure("\"url\":\"" + url + "\",\"startTls\":" + startTls + ",\"keyPackages\":" + keyPackages, account, "");
    }

    JsonNode status() {
        return Api.get(Api.bitlocker(realm.getName()) + "/escrow/status")
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json();
    }

    /** Asks for a sync and waits until a run completed after now; its state. */
    JsonNode syncAndWait() {
        String before = status().path("sync").path("lastSuccessAt").asText("");
        Api.Reply reply = Api.post(Api.adminBase(realm.getName()) + "/bitlocker/sync", "").bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return Eventually.await(this::status, s -> "IDLE".equals(s.path("sync").path("state").asText())
                && !s.path("sync").path("lastSuccessAt").asText("").equals(before), 120).path("sync");
    }

    /** The device as the helpdesk sees it. */
    JsonNode device(String deviceId) {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** A key of a device's answer. */
    static JsonNode key(JsonNode device, String keyId) {
        for (JsonNode k : device.path("keys")) {
            if (keyId.equals(k.path("keyId").asText())) {
                return k;
            }
        }
        throw new AssertionError("no key " + keyId + " in " + device);
    }

    /** An administrator's break-glass reveal; {@code more}: further members, each with its trailing comma. */
    Api.Reply reveal(String deviceId, String keyId, String more) {
        return Api.post(Api.bitlocker(realm.getName()) + "/keys/" + deviceId + "/reveal",
                "{" + (keyId == null ? "" : "\"keyId\":\"" + keyId + "\",") + more
                        + "\"breakGlass\":true,\"reason\":\"" + REASON + "\"}")
                .bearer(BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN)).send();
    }

    Api.Reply reveal(String deviceId, String keyId) {
        return reveal(deviceId, keyId, "");
    }

    /** The audit entries of a device with {@code action}, newest first. */
    JsonNode audit(String deviceId, String action) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?deviceId=" + deviceId + "&action=" + action)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
    }
}
