package io.keygate.bitlocker.it.keysource.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.simulators.ad.SambaDomain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The {@code activeDirectory} source beside a realm that already federates its users from the same domain: the
 * source borrows the federation component's connection ({@code ldapComponent}) yet binds as its own account, and a
 * computer's {@code managedBy} names the realm user the federation imported from that entry.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActiveDirectoryFederationTest {

    static final String PASSWORD = "000363-000374-000385-000396-000407-000418-000429-000440";
    static final String FEDERATION = "corp-ad";

    static SambaDomain dc;
    static String ou;
    static String suffix;
    static SambaDomain.Account dave;
    static SambaDomain.Computer davesPc;
    static String keyId = UUID.randomUUID().toString();
    static SambaDomain.Account reader;
    static SambaDomain.Account lister;

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @BeforeAll
    static void domain() {
        dc = SambaDomain.shared();
        suffix = UUID.randomUUID().toString().substring(0, 8);
        ou = dc.organizationalUnit("Managed-" + suffix);
        dave = dc.user("dave-" + suffix);
        davesPc = dc.computer(ou, "DAVE-PC-" + suffix, dave.dn());
        dc.recoveryKey(davesPc.dn(), keyId, UUID.randomUUID().toString(), Instant.parse("2026-11-30T12:00:00Z"), PASSWORD, null);
        reader = dc.reader("kg-fed-reader-" + suffix, ou);
        lister = dc.lister("kg-fed-lister-" + suffix, ou);
    }

    /** The realm's LDAP user federation, bound as the domain's Administrator (not the key source's account). */
    private String federation(String name, String url) {
        SambaDomain.Account admin = dc.administrator();
        String component = "{\"name\":\"" + name + "\",\"providerId\":\"ldap\",\"providerType\":"
                + "\"org.keycloak.storage.UserStorageProvider\",\"parentId\":\"" + realm.getId() + "\",\"config\":{"
                + "\"enabled\":[\"true\"],\"vendor\":[\"ad\"],\"connectionUrl\":[\"" + url + "\"],"
                + "\"bindDn\":[\"" + admin.dn() + "\"],\"bindCredential\":[\"" + admin.password() + "\"],"
                + "\"usersDn\":[\"CN=Users," + SambaDomain.BASE_DN + "\"],\"usernameLDAPAttribute\":[\"sAMAccountName\"],"
                + "\"rdnLDAPAttribute\":[\"cn\"],\"uuidLDAPAttribute\":[\"objectGUID\"],"
                + "\"userObjectClasses\":[\"person, organizationalPerson, user\"],\"editMode\":[\"READ_ONLY\"],"
                + "\"authType\":[\"simple\"],\"searchScope\":[\"1\"],\"useTruststoreSpi\":[\"always\"],"
                + "\"importEnabled\":[\"true\"],\"pagination\":[\"true\"],\"connectionPooling\":[\"false\"],"
                + "\"trustEmail\":[\"true\"],\"startTls\":[\"false\"]}}";
        Api.Reply reply = Api.post(Api.BASE + "/admin/realms/" + realm.getName() + "/components", component)
                .bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String location = reply.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private void configure(String component, SambaDomain.Account account) {
        ad().configure("\"url\":\"\",\"ldapComponent\":\"" + component + "\"", account, ",\"rotation\":{\"afterReveal\":false}");
    }

    private DirectorySource ad() {
        return new DirectorySource(realm, ou);
    }

    private void syncAndWait() {
        JsonNode done = ad().syncAndWait();
        assertThat(done.has("error")).as(done.toString()).isFalse();
    }

    private Api.Reply reveal() {
        return ad().reveal(davesPc.deviceId(), keyId);
    }

    @Test
    @Order(1)
    void theSourceUsesTheFederationsConnectionAndTheOwnerIsTheUserFederatedFromManagedBy() throws Exception {
        federation(FEDERATION, SambaDomain.LDAPS_URL);
        // Looking the user up imports them from the directory, with the entry's DN (LDAP_ENTRY_DN).
        JsonNode users = Api.get(Api.BASE + "/admin/realms/" + realm.getName() + "/users?exact=true&username=dave-" + suffix)
                .bearer(Tokens.masterAdmin()).send().json();
        assertThat(users.size()).as(users.toString()).isEqualTo(1);

        configure(FEDERATION, reader);
        syncAndWait();
        JsonNode device = Api.get(Api.bitlocker(realm.getName()) + "/keys/" + davesPc.deviceId())
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send().json();
        assertThat(device.path("owner").path("username").asText()).as(device.toString()).isEqualTo("dave-" + suffix);

        Api.Reply reply = reveal();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("recoveryPassword").asText()).isEqualTo(PASSWORD);
        assertThat(Files.readString(BitLockerServerConfig.serverLog())).doesNotContain(PASSWORD)
                .doesNotContain(reader.password()).doesNotContain(dc.administrator().password());
    }

    @Test
    @Order(2)
    void itAlwaysBindsAsItsOwnAccountNeverTheFederations() {
        // The federation's account may read everything; the source's own (a lister) may not read passwords.
        configure(FEDERATION, lister);
        Api.Reply reply = reveal();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("key_source_unavailable");
        assertThat(reply.json().path("detail").asText()).contains(lister.dn());
    }

    @Test
    @Order(3)
    void aFederationThatConnectsWithoutTlsToAnotherHostIsRefused() {
        federation("plain-remote", "ldap://dc9.corp.example:389");
        Api.Reply put = Api.put(Api.adminConfig(realm.getName()),
                "{\"activeDirectory\":{\"url\":\"\",\"ldapComponent\":\"plain-remote\"}}").bearer(Tokens.masterAdmin()).send();
        assertThat(put.status()).as(put.toString()).isEqualTo(400);
        assertThat(put.body()).contains("activeDirectory.ldapComponent").contains("without TLS");

        // A component moved to plain LDAP after the configuration was stored is refused when it is used.
        String id = federation("moved-to-plain", SambaDomain.LDAPS_URL);
        configure("moved-to-plain", reader);
        String component = Api.BASE + "/admin/realms/" + realm.getName() + "/components/" + id;
        ObjectNode model = (ObjectNode) Api.get(component).bearer(Tokens.masterAdmin()).send().json();
        ((ObjectNode) model.path("config")).putArray("connectionUrl").add("ldap://dc9.corp.example:389");
        Api.Reply moved = Api.put(component, model.toString()).bearer(Tokens.masterAdmin()).send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(204);
        Api.Reply reply = reveal();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.json().path("detail").asText()).contains("without TLS");
    }
}
