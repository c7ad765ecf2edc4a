package io.keygate.bitlocker.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.it.support.Tokens;
import io.keygate.bitlocker.it.support.server.AuditTampering;
import io.keygate.bitlocker.it.support.server.RealmStateTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * Auditors trust what they can check outside the system they audit: a checkpoint is the chain's head
 * signed by the realm, verifiable with its JWKS by any JOSE library, and it catches history rewritten
 * in the database even when every later hash was recomputed.
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class AuditCheckpointTest {

    @InjectRealm(config = TestRealm.class, ref = "checkpoints")
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.keygate.bitlocker.it")
    RunOnServerClient server;

    @BeforeEach
    void enable() {
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"}}");
    }

    private String auditor() {
        return Tokens.password(realm.getName(), TestRealm.AUDITOR);
    }

    private JsonNode checkpoint() {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/checkpoint").bearer(auditor()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode verify(String checkpoint) {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify"
                + (checkpoint == null ? "" : "?checkpoint=" + checkpoint)).bearer(auditor()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void aCheckpointVerifiesWithTheRealmsJwksAndNothingOfOurs() throws Exception {
        Fleet.escrow(realm.getName(), "CHECKPOINT-PC", null);

        JsonNode reply = checkpoint();
        SignedJWT jws = SignedJWT.parse(reply.path("checkpoint").asText());
        JWKSet jwks = JWKSet.load(URI.create(Api.BASE + "/realms/" + realm.getName() + "/protocol/openid-connect/certs").toURL());
        JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());

        assertThat(key).as("kid %s in the realm's JWKS", jws.getHeader().getKeyID()).isNotNull();
        assertThat(jws.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
        JWTClaimsSet claims = jws.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(Api.BASE + "/realms/" + realm.getName());
        assertThat(claims.getStringClaim("realm")).isEqualTo(realm.getName());
        assertThat(claims.getStringClaim("id")).isEqualTo(reply.path("id").asText());
        assertThat(claims.getStringClaim("hash")).isEqualTo(reply.path("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(claims.getLongClaim("seq")).isEqualTo(reply.path("seq").asLong()).isEqualTo(reply.path("entries").asLong());
        assertThat(claims.getIssueTime()).isNotNull();
        JsonNode audited = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=AUDIT_CHECKPOINT&max=1")
                .bearer(auditor()).send().json().path("items").get(0);
        assertThat(audited.path("id").asText()).isEqualTo(reply.path("id").asText());
        assertThat(audited.path("actor").path("username").asText()).isEqualTo(TestRealm.AUDITOR);

        JsonNode verified = verify(reply.path("checkpoint").asText());
        assertThat(verified.path("valid").asBoolean()).isTrue();
        assertThat(verified.path("checkpoint").path("valid").asBoolean()).isTrue();
        assertThat(verified.path("checkpoint").path("id").asText()).isEqualTo(reply.path("id").asText());
    }

    /** Realm attributes are Keycloak's, writable by any realm administrator: the issuer is remembered in our own table. */
    @Test
    void theIssuerIsRememberedInTheExtensionsTableAndNoRealmAttributeIsWritten() {
        checkpoint();

        assertThat(server.fetch(RealmStateTable.checkpointIssuer(realm.getId()), String.class))
                .isEqualTo(Api.BASE + "/realms/" + realm.getName());
        assertThat(server.fetch(RealmStateTable.bitLockerRealmAttributes(realm.getId()), String.class)).isEmpty();
        assertThat(java.util.Objects.requireNonNullElse(realm.admin().toRepresentation().getAttributes(), java.util.Map.<String, String>of()).keySet()).noneMatch(name -> name.startsWith("bitlocker"));
    }

    @Test
    void historyRewrittenWithEveryLaterHashRecomputedIsCaughtByAKeptCheckpoint() {
        Fleet.Device early = Fleet.escrow(realm.getName(), "EARLY-PC", null);
        String kept = checkpoint().path("checkpoint").asText();
        Fleet.escrow(realm.getName(), "LATER-PC", null);
        String escrowed = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit?action=KEY_ESCROWED&deviceId="
                + early.deviceId()).bearer(auditor()).send().json().path("items").get(0).path("id").asText();

        server.run(AuditTampering.rewriteHistory(realm.getId(), escrowed, "nothing happened here"));

        // The rewritten chain is consistent in itself: verification alone cannot tell …
        assertThat(verify(null).path("valid").asBoolean()).isTrue();
        // … the checkpoint kept outside the database can.
        JsonNode verified = verify(kept);
        assertThat(verified.path("valid").asBoolean()).isFalse();
        assertThat(verified.path("checkpoint").path("valid").asBoolean()).isFalse();
    }

    @Test
    void aCheckpointWhosePayloadWasAlteredIsRefused() {
        String[] parts = checkpoint().path("checkpoint").asText().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replaceAll("\"hash\":\"[0-9a-f]+\"", "\"hash\":\"" + "0".repeat(64) + "\"")
                        .getBytes()) + "." + parts[2];

        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/verify?checkpoint=" + forged)
                .bearer(auditor()).send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_request");
    }

    @Test
    void helpdeskMayNotTakeCheckpoints() {
        Api.Reply reply = Api.get(Api.bitlocker(realm.getName()) + "/keys/audit/checkpoint")
                .bearer(Tokens.password(realm.getName(), TestRealm.HELPDESK)).send();
        assertThat(reply.status()).isEqualTo(403);
    }
}
