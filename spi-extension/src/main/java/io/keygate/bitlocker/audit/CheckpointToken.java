package io.keygate.bitlocker.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keygate.bitlocker.model.AuditEntry;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.SignatureVerifierContext;
import org.keycloak.jose.jws.JWSHeader;
import org.keycloak.representations.JsonWebToken;

/**
 * The claims of an audit checkpoint (SPEC §12) — {@code iss}, {@code realm}, the entry's {@code id},
 * {@code seq} and {@code hash}, the chain's length {@code entries}, {@code iat} — named once here: written
 * by Keycloak's {@code JWSBuilder} when a checkpoint is issued, read and its signature checked by
 * Keycloak's own {@link TokenVerifier}, the way Keycloak writes and reads its tokens.
 */
public class CheckpointToken extends JsonWebToken {

    @JsonProperty("realm")
    private String realmName;

    @JsonProperty("id")
    private String entryId;

    @JsonProperty("seq")
    private long seq;

    @JsonProperty("hash")
    private String hash;

    @JsonProperty("entries")
    private long entries;

    /** The claims of a checkpoint of {@code entry}, the head of a chain of {@code entries} entries. */
    static CheckpointToken of(String issuer, String realmName, AuditEntry entry, long entries, long issuedAt) {
        CheckpointToken token = new CheckpointToken();
        token.issuer(issuer);
        token.iat(issuedAt);
        token.realmName = realmName;
        token.entryId = entry.id();
        token.seq = entry.seq();
        token.hash = entry.hash();
        token.entries = entries;
        return token;
    }

    /** Which of the realm's keys must have signed a checkpoint, by its header (algorithm, key ID). */
    @FunctionalInterface
    interface SigningKeys {
        SignatureVerifierContext verifierFor(JWSHeader header) throws VerificationException;
    }

    /**
     * The checkpoint's claims once its signature verified with the key {@code keys} names for it.
     *
     * @throws VerificationException when it is no JWS, names no usable key or its signature does not verify
     */
    static CheckpointToken verified(String compactJws, SigningKeys keys) throws VerificationException {
        TokenVerifier<CheckpointToken> verifier = TokenVerifier.create(compactJws, CheckpointToken.class);
        return verifier.verifierContext(keys.verifierFor(verifier.getHeader())).verify().getToken();
    }

    public String getRealmName() {
        return realmName;
    }

    public String getEntryId() {
        return entryId;
    }

    public long getSeq() {
        return seq;
    }

    public String getHash() {
        return hash;
    }

    public long getEntries() {
        return entries;
    }
}
