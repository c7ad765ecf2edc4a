package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** A realm whose keys live in Entra ID: its metadata sync asked for and watched through the API. */
public final class EntraRealm {

    private EntraRealm() {
    }

    /** The realm's escrow status as its auditor reads it, with the sync's state under {@code sync}. */
    public static JsonNode status(String realm) {
        return Api.get(Api.bitlocker(realm) + "/escrow/status").bearer(Tokens.password(realm, TestRealm.AUDITOR)).send().json();
    }

    /** Asks for a sync now (202). */
    public static JsonNode syncNow(String realm) {
        Api.Reply reply = Api.post(Api.adminBase(realm) + "/bitlocker/sync", "").bearer(Tokens.masterAdmin()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json();
    }

    /** Asks for a sync and waits until a run completed after now. */
    public static JsonNode syncAndWait(String realm, int seconds) {
        String before = status(realm).path("sync").path("lastSuccessAt").asText("");
        syncNow(realm);
        return Eventually.await(() -> status(realm), s -> "IDLE".equals(s.path("sync").path("state").asText())
                && !s.path("sync").path("lastSuccessAt").asText("").isEmpty()
                && !s.path("sync").path("lastSuccessAt").asText("").equals(before), seconds);
    }
}
