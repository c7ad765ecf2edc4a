package io.keygate.bitlocker.it.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Mailbox;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Who owns a device decides who may reveal its key without a ticket, so ownership is hard to claim:
 * an exact username the user could not choose, or an e-mail address exactly one user has verified
 * (SPEC §9's owner rule); and every change of owner is on record and told to the previous owner.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class DeviceOwnershipTest {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(config = TestRealm.class, ref = "ownership")
    ManagedRealm realm;

    @BeforeEach
    void enable() {
        realm.updateWithCleanup(r -> r.smtp("localhost", 3025, "keygate@example.test"));
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"notifications\":{\"notifyOwner\":true}}");
    }

    private JsonNode device(String deviceId) {
        return Api.get(Api.bitlocker(realm.getName()) + "/keys/" + deviceId)
                .bearer(Tokens.password(realm.getName(), TestRealm.ADMIN)).send().json();
    }

    private List<JsonNode> audit(String deviceId, String action) {
        JsonNode items = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?deviceId=" + deviceId + "&action=" + action)
                .bearer(Tokens.password(realm.getName(), TestRealm.AUDITOR)).send().json().path("items");
        List<JsonNode> out = new java.util.ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    private JsonNode myDevices(String username) {
        return Api.get(Api.bitlocker(realm.getName()) + "/me/devices").bearer(Tokens.password(realm.getName(), username))
                .send().json();
    }

    private void createUser(String username, String email, boolean verified) {
        Users.create(realm, Users.withEmail(username, email, verified));
    }

    @Test
    void anAgentThatNamesSomeoneElseAsOwnerIsOnRecordAndThePreviousOwnerIsTold() {
        Fleet.Device laptop = Fleet.escrow(realm.getName(), "VICTIM-LAPTOP", TestRealm.OWNER);

        Api.Reply claimed = Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("VICTIM-LAPTOP", TestRealm.OTHER, "ENCRYPTED", laptop.keys()));

        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        List<JsonNode> changes = audit(laptop.deviceId(), "OWNER_CHANGED");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).path("reason").asText()).isEqualTo("owner changed from " + TestRealm.OWNER + " to "
                + TestRealm.OTHER);
        assertThat(changes.get(0).path("source").asText()).isEqualTo("AGENT");
        String auditId = changes.get(0).path("id").asText();

        Mailbox.Mail told = Mailbox.await(mail, TestRealm.OWNER + "@example.test", m -> m.text().contains(auditId), 20);
        assertThat(told.subject()).isEqualTo("Your device VICTIM-LAPTOP is now reported as someone else's");
        assertThat(told.text()).contains("Device ID: " + laptop.deviceId(), "new owner: " + TestRealm.OTHER);
        assertThat(told.all()).doesNotContain(laptop.osKey().recoveryPassword())
                .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);

        // The same report again is no change.
        Fleet.checkIn(realm.getName(), laptop.deviceId(),
                Fleet.checkInBody("VICTIM-LAPTOP", TestRealm.OTHER, "ENCRYPTED", laptop.keys()));
        assertThat(audit(laptop.deviceId(), "OWNER_CHANGED")).hasSize(1);
    }

    @Test
    void anUnverifiedAddressMakesNobodyTheOwner() {
        createUser("unverified.ulla", "ulla@example.test", false);

        Fleet.Device pc = Fleet.escrow(realm.getName(), "ULLA-PC", "ulla@example.test");

        JsonNode owner = device(pc.deviceId()).path("owner");
        assertThat(owner.has("username")).isFalse();
        assertThat(owner.path("email").asText()).isEqualTo("ulla@example.test");
        assertThat(myDevices("unverified.ulla")).isEmpty();
    }

    @Test
    void anAddressSeveralUsersShareMakesNobodyTheOwner() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setDuplicateEmailsAllowed(true);
        realm.admin().update(rep);
        createUser("twin.one", "twins@example.test", true);
        createUser("twin.two", "twins@example.test", true);

        Fleet.Device pc = Fleet.escrow(realm.getName(), "TWIN-PC", "twins@example.test");

        assertThat(device(pc.deviceId()).path("owner").has("username")).isFalse();
        assertThat(myDevices("twin.one")).isEmpty();
        assertThat(myDevices("twin.two")).isEmpty();
    }

    @Test
    void anAddressThatComesToBeSharedAfterItWasLookedUpMakesNobodyTheOwner() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setDuplicateEmailsAllowed(true);
        realm.admin().update(rep);
        createUser("first.holder", "shared-later@example.test", true);
        // Looked up while one user holds the address: Keycloak's user cache now knows it as theirs.
        Fleet.Device first = Fleet.escrow(realm.getName(), "FIRST-PC", "shared-later@example.test");
        assertThat(device(first.deviceId()).path("owner").path("username").asText()).isEqualTo("first.holder");

        createUser("second.holder", "shared-later@example.test", true);
        Fleet.Device second = Fleet.escrow(realm.getName(), "SECOND-PC", "shared-later@example.test");

        assertThat(device(second.deviceId()).path("owner").has("username")).isFalse();
        assertThat(myDevices("second.holder")).isEmpty();
    }

    @Test
    void theOneUserWhoVerifiedTheAddressIsTheOwner() {
        createUser("verified.vera", "Vera@Example.test", true);

        Fleet.Device pc = Fleet.escrow(realm.getName(), "VERA-PC", "vera@example.test");

        assertThat(device(pc.deviceId()).path("owner").path("username").asText()).isEqualTo("verified.vera");
        assertThat(myDevices("verified.vera")).extracting(d -> d.path("deviceId").asText()).containsExactly(pc.deviceId());
    }

    @Test
    void aUsernameUsersMayChooseMakesNobodyTheOwner() {
        createUser("sam.selfnamed", "sam@example.test", false);

        realm.updateWithCleanup(r -> r.update(rep -> rep.setEditUsernameAllowed(true)));
        Fleet.Device renamed = Fleet.escrow(realm.getName(), "SAM-PC", "sam.selfnamed");
        realm.updateWithCleanup(r -> r.update(rep -> {
            rep.setEditUsernameAllowed(false);
            rep.setRegistrationAllowed(true);
        }));
        Fleet.Device registered = Fleet.escrow(realm.getName(), "SAM-TABLET", "sam.selfnamed");

        assertThat(device(renamed.deviceId()).path("owner").path("username").asText()).isEqualTo("sam.selfnamed");
        assertThat(device(renamed.deviceId()).path("owner").has("email")).as("not the realm user's address").isFalse();
        assertThat(device(registered.deviceId()).path("owner").has("email")).isFalse();
        assertThat(myDevices("sam.selfnamed")).isEmpty();

        // Where administrators name users, the agent's username is the owner.
        realm.updateWithCleanup(r -> r.update(rep -> rep.setRegistrationAllowed(false)));
        Fleet.Device assigned = Fleet.escrow(realm.getName(), "SAM-DESKTOP", "sam.selfnamed");
        assertThat(myDevices("sam.selfnamed")).extracting(d -> d.path("deviceId").asText()).containsExactly(assigned.deviceId());
    }
}
