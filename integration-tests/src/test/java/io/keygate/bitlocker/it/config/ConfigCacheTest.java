package io.keygate.bitlocker.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.SqlTrace;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The node keeps the realm's parsed configuration (issue 23 item 2): a read request after the first does not
 * read it from the database, and a change is what the very next request sees.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class ConfigCacheTest {

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    @Test
    void aReadTakesTheConfigurationFromTheNodeAndAChangeIsSeenByTheNextRequest() throws Exception {
        Realms.enable(realm.getName());
        String keys = Api.bitlocker(realm.getName()) + "/keys";
        String token = Tokens.password(realm.getName(), TestRealm.HELPDESK);
        assertThat(Api.get(keys).bearer(token).send().status()).isEqualTo(200);

        List<String> second = SqlTrace.ofExtension(realm.getName(), () -> {
            Api.Reply reply = Api.get(keys).bearer(token).send();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        });
        assertThat(second.stream().filter(s -> s.contains("BLK_REALM_CONFIG")))
                .as("reads of the configuration by the second request\n%s", String.join("\n", second)).isEmpty();

        Realms.configure(realm.getName(), "{\"enabled\":false}");
        Api.Reply disabled = Api.get(keys).bearer(token).send();
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(404);
        assertThat(disabled.code()).isEqualTo("not_enabled");

        Realms.enable(realm.getName());
        assertThat(Api.get(keys).bearer(token).send().status()).isEqualTo(200);
    }
}
