package io.keygate.bitlocker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.AsymmetricSignatureSignerContext;
import org.keycloak.crypto.AsymmetricSignatureVerifierContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.util.JsonSerialization;

/** A checkpoint is believed only with a signature of the realm's key over exactly what it says. */
class CheckpointTokenTest {

    private static final KeyWrapper REALM_KEY = rsaKey("realm-key");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    @Test
    void aCheckpointSignedByTheRealmsKeyIsRead() throws Exception {
        CheckpointToken token = CheckpointToken.verified(signed(claims(7, "abc"), REALM_KEY), this::realmKey);

        assertThat(token.getIssuer()).isEqualTo("https://kc.example/realms/corp");
        assertThat(token.getRealmName()).isEqualTo("corp");
        assertThat(token.getEntryId()).isEqualTo("entry-7");
        assertThat(token.getSeq()).isEqualTo(7);
        assertThat(token.getHash()).isEqualTo("abc");
        assertThat(token.getEntries()).isEqualTo(9);
        assertThat(token.getIat()).isEqualTo(1_790_000_000L);
    }

    @Test
    void anIssuedCheckpointCarriesExactlySpecClaimsAndReadsBack() throws Exception {
        TestEntry entry = AuditEntries.full();
        CheckpointToken issued = CheckpointToken.of("https://kc.example/realms/corp", "corp", entry.entry(), 50, 1_790_000_000L);
        String jws = new JWSBuilder().type("JWT").kid(REALM_KEY.getKid()).jsonContent(issued)
                .sign(new AsymmetricSignatureSignerContext(REALM_KEY));

        Map<String, Object> payload = JsonSerialization.readValue(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), MAP);
        assertThat(payload.keySet()).containsExactlyInAnyOrder("iss", "realm", "id", "seq", "hash", "entries", "iat");
        assertThat(payload.get("id")).isEqualTo(entry.entry().id());
        assertThat(((Number) payload.get("seq")).longValue()).isEqualTo(42);
        assertThat(((Number) payload.get("entries")).longValue()).isEqualTo(50);

        CheckpointToken read = CheckpointToken.verified(jws, this::realmKey);
        assertThat(read.getEntryId()).isEqualTo(entry.entry().id());
        assertThat(read.getHash()).isEqualTo("ab".repeat(32));
        assertThat(read.getRealmName()).isEqualTo("corp");
        assertThat(read.getIat()).isEqualTo(1_790_000_000L);
    }

    @Test
    void aTamperedPayloadFails() throws Exception {
        String[] parts = signed(claims(7, "abc"), REALM_KEY).split("\\.");
        String rewritten = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"abc\"", "\"abd\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(rewritten).isNotEqualTo(parts[1]);

        assertThatThrownBy(() -> CheckpointToken.verified(parts[0] + "." + rewritten + "." + parts[2], this::realmKey))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void aTamperedSignatureFails() throws Exception {
        String jws = signed(claims(7, "abc"), REALM_KEY);
        byte[] signature = Base64.getUrlDecoder().decode(jws.substring(jws.lastIndexOf('.') + 1));
        signature[signature.length / 2] ^= 1;
        String tampered = jws.substring(0, jws.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertThatThrownBy(() -> CheckpointToken.verified(tampered, this::realmKey)).isInstanceOf(VerificationException.class);
    }

    @Test
    void aCheckpointSignedByAnotherKeyFails() {
        KeyWrapper other = rsaKey("realm-key");
        assertThatThrownBy(() -> CheckpointToken.verified(signed(claims(7, "abc"), other), this::realmKey))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void somethingThatIsNoJwsFails() {
        assertThatThrownBy(() -> CheckpointToken.verified("not-a-checkpoint", this::realmKey))
                .isInstanceOf(VerificationException.class);
    }

    private AsymmetricSignatureVerifierContext realmKey(org.keycloak.jose.jws.JWSHeader header) throws VerificationException {
        if (!REALM_KEY.getKid().equals(header.getKeyId()) || !Algorithm.RS256.equals(header.getRawAlgorithm())) {
            throw new VerificationException("no such key");
        }
        return new AsymmetricSignatureVerifierContext(REALM_KEY);
    }

    private static Map<String, Object> claims(long seq, String hash) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://kc.example/realms/corp");
        claims.put("realm", "corp");
        claims.put("id", "entry-" + seq);
        claims.put("seq", seq);
        claims.put("hash", hash);
        claims.put("entries", 9);
        claims.put("iat", 1_790_000_000);
        return claims;
    }

    private static String signed(Map<String, Object> claims, KeyWrapper key) throws Exception {
        return new JWSBuilder().type("JWT").kid(key.getKid()).jsonContent(claims).sign(new AsymmetricSignatureSignerContext(key));
    }

    private static KeyWrapper rsaKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            KeyWrapper key = new KeyWrapper();
            key.setKid(kid);
            key.setAlgorithm(Algorithm.RS256);
            key.setType(KeyType.RSA);
            key.setUse(KeyUse.SIG);
            key.setPrivateKey(pair.getPrivate());
            key.setPublicKey(pair.getPublic());
            return key;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
