package io.keygate.bitlocker.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * An operator deploys their own key source ({@code acme-mdm}) and ticketing system ({@code acme-itsm})
 * next to ours (module {@code test-providers}): a realm can be configured to use them, their
 * factories check their own settings, and the release path goes through them untouched.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class OperatorProvidersTest {

    @InjectRealm(config = TestRealm.class, ref = "acme")
    ManagedRealm realm;

    private Api.Reply putConfig(String json) {
        return Api.put(Api.adminConfig(realm.getName()), json).bearer(Tokens.masterAdmin()).send();
    }

    @Test
    void aRealmCanUseAKeySourceThatAnOperatorDeployedAndItsCapabilitiesDecide() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"keySource\":\"acme-mdm\","
                + "\"ticketing\":{\"system\":\"acme-itsm\",\"baseUrl\":\"https://itsm.acme.test\"}}");

        JsonNode shown = Api.get(Api.adminConfig(realm.getName())).bearer(Tokens.masterAdmin()).send().json();
        assertThat(shown.path("keySource").asText()).isEqualTo("acme-mdm");
        assertThat(shown.path("ticketing").path("system").asText()).isEqualTo("acme-itsm");

        // ACME's MDM takes no agent escrow: asked of the provider, not compared with "local".
        Api.Reply checkIn = Fleet.checkIn(realm.getName(), Fleet.guid(), Fleet.checkInBody("ACME-PC", null, "ENCRYPTED",
                List.of(new Fleet.Key(Fleet.guid(), Fleet.recoveryPassword(), "OPERATING_SYSTEM"))));
        assertThat(checkIn.status()).as(checkIn.toString()).isEqualTo(409);
        assertThat(checkIn.code()).isEqualTo("escrow_not_local");
    }

    @Test
    void theOperatorsTicketingSystemJustifiesAHelpdeskRelease() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"keySource\":\"local\",\"local\":{\"kek\":\"" + Fleet.KEK
                + "\"},\"ticketing\":{\"system\":\"acme-itsm\",\"baseUrl\":\"https://itsm.acme.test\","
                + "\"requireDeviceReference\":false,\"maxDevicesPerTicket\":1000},\"rotation\":{\"afterReveal\":false}}");
        Fleet.Device device = Fleet.escrow(realm.getName(), "ACME-LAPTOP-" + System.nanoTime() % 100000, TestRealm.OWNER);
        String token = BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK);
        String reveal = Api.bitlocker(realm.getName()) + "/keys/" + device.deviceId() + "/reveal";

        Api.Reply open = Api.post(reveal, "{\"ticket\":\"ACME-42\"}").bearer(token).send();
        Api.Reply closed = Api.post(reveal, "{\"ticket\":\"ACME-43\"}").bearer(token).send();
        Api.Reply foreign = Api.post(reveal, "{\"ticket\":\"ITSM-1\"}").bearer(token).send();

        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.json().path("recoveryPassword").asText()).isEqualTo(device.osKey().recoveryPassword());
        assertThat(open.json().path("ticket").path("system").asText()).isEqualTo("acme-itsm");
        assertThat(open.json().path("ticket").path("url").asText()).isEqualTo("https://itsm.acme.test/tickets/ACME-42");
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.code()).isEqualTo("ticket_not_open");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.code()).isEqualTo("invalid_ticket");
    }

    @Test
    void theOperatorsFactoryChecksItsOwnSettings() {
        Api.Reply reply = putConfig("{\"ticketing\":{\"system\":\"acme-itsm\",\"baseUrl\":\"https://evil.example\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_request");
        assertThat(reply.json().path("detail").asText()).contains("ticketing.baseUrl");
    }

    @Test
    void aKeySourceOrTicketingSystemThatNoInstalledFactoryProvidesIsRefused() {
        Api.Reply source = putConfig("{\"keySource\":\"intune-classic\"}");
        Api.Reply system = putConfig("{\"ticketing\":{\"system\":\"remedy\"}}");

        assertThat(source.status()).isEqualTo(400);
        assertThat(source.json().path("detail").asText()).contains("keySource").contains("acme-mdm").contains("local");
        assertThat(system.status()).isEqualTo(400);
        assertThat(system.json().path("detail").asText()).contains("ticketing.system").contains("acme-itsm");
    }
}
