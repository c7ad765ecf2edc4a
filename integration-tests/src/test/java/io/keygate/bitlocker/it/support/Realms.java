package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Turning the extension on in a test realm, through its admin API. */
public final class Realms {

    private Realms() {
    }

    /** PUTs a configuration as the master admin and checks it was accepted. */
    public static void configure(String realm, String configJson) {
        Api.Reply reply = Api.put(Api.adminConfig(realm), configJson).bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as("config PUT: %s", reply).isEqualTo(200);
    }

    public static void enable(String realm) {
        configure(realm, "{\"enabled\":true}");
    }
}
