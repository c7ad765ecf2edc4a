package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turning the extension on in a test realm, through its admin API. */
public final class Realms {

    private Realms() {
    }

    /**
     * PUTs a configuration as the master admin and checks it was accepted. The realm's API then accepts the
     * test realm's clients ({@link #withTestClients}) unless the configuration says which.
     */
    public static void configure(String realm, String configJson) {
        Api.Reply reply = Api.put(Api.adminConfig(realm), withTestClients(configJson)).bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as("config PUT: %s", reply).isEqualTo(200);
    }

    /**
     * A configuration that lists the clients the tests call the API through ({@link TestRealm#ACCESS_CLIENTS},
     * SPEC §2: test clients are listed like any other) where it does not set {@code access} itself.
     */
    public static String withTestClients(String configJson) {
        try {
            JsonNode config = Api.JSON.readTree(configJson);
            if (!(config instanceof ObjectNode object) || object.has("access")) {
                return configJson;
            }
            object.putObject("access").set("clients", Api.JSON.valueToTree(TestRealm.ACCESS_CLIENTS));
            return Api.JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            return configJson;
        }
    }

    public static void enable(String realm) {
        configure(realm, "{\"enabled\":true}");
    }
}
