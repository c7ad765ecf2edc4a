package io.keygate.bitlocker.audit;

import java.net.URI;
import java.util.List;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditCheckpoint;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.ChainHead;
import io.keygate.bitlocker.model.RealmStateProvider;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.jboss.logging.Logger;
import org.keycloak.TokenCategory;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.SignatureException;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.crypto.SignatureVerifierContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.jose.jws.JWSHeader;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.Urls;

/**
 * Checkpoints of the audit chain (SPEC §3, §12): the head, signed with the realm's active signing key
 * through Keycloak's key management, so anyone can check it with the realm's JWKS and no secret of
 * ours. Kept outside the database, a checkpoint proves later that history up to it was not
 * rewritten — even by someone who rewrote rows and recomputed every later hash.
 */
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuditStoreProvider store;

    public AuditCheckpoints(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = session.getProvider(AuditStoreProvider.class);
    }

    /** Audits the request ({@code AUDIT_CHECKPOINT}, committed), then signs the head — that entry. */
    public AuditCheckpoint issue(AuditActor actor) {
        String issuer = issuer();
        if (issuer == null) {
            throw Problem.of(ProblemCode.AUDIT_UNAVAILABLE, "The realm's issuer URL is not known yet.").exception();
        }
        remember(issuer);
        AuditLog.appendCommitted(session, realm, actor.event(AuditAction.AUDIT_CHECKPOINT, AuditOutcome.SUCCESS)
                .reason("checkpoint of the audit chain"));
        ChainHead head = store.getHead(realm);
        AuditEntry entry = entryAt(head.seq());
        CheckpointToken claims = CheckpointToken.of(issuer, realm.getName(), entry, head.seq(), Time.currentTime());
        try {
            String algorithm = session.tokens().signatureAlgorithm(TokenCategory.ACCESS);
            SignatureSignerContext signer = session.getProvider(SignatureProvider.class, algorithm).signer();
            String jws = new JWSBuilder().type("JWT").kid(signer.getKid()).jsonContent(claims).sign(signer);
            return new AuditCheckpoint(jws, entry.id(), entry.seq(), entry.hash(), head.seq());
        } catch (SignatureException e) {
            throw Problem.of(ProblemCode.AUDIT_UNAVAILABLE, "The realm has no usable signing key.").exception();
        }
    }

    /**
     * Whether the chain still holds the checkpoint's entry with its hash (the checkpoint must be this
     * realm's and carry a signature one of the realm's keys verifies; else 400).
     */
    public AuditVerification.Checkpoint check(String compactJws) {
        CheckpointToken claims = verifiedClaims(compactJws);
        String id = claims.getEntryId();
        long seq = claims.getSeq();
        String hash = claims.getHash();
        if (claims.getIssuer() == null || !claims.getIssuer().equals(issuer()) || !realm.getName().equals(claims.getRealmName())
                || id == null || hash == null || seq < 1) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'checkpoint' is not a checkpoint of this realm's audit log.")
                    .exception();
        }
        AuditEntry entry = entryAt(seq);
        boolean held = entry != null && id.equals(entry.id()) && hash.equals(entry.hash());
        return new AuditVerification.Checkpoint(held, id);
    }

    private CheckpointToken verifiedClaims(String compactJws) {
        try {
            return CheckpointToken.verified(compactJws, this::realmKey);
        } catch (VerificationException | RuntimeException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'checkpoint' is not a checkpoint signed by this realm's keys.")
                    .exception();
        }
    }

    /** The realm's key a checkpoint names, through Keycloak's key management (as Keycloak looks up its own tokens' keys). */
    private SignatureVerifierContext realmKey(JWSHeader header) throws VerificationException {
        String algorithm = header.getRawAlgorithm();
        SignatureProvider provider = algorithm == null ? null : session.getProvider(SignatureProvider.class, algorithm);
        if (provider == null || header.getKeyId() == null) {
            throw new VerificationException("unsupported algorithm or no key ID");
        }
        return provider.verifier(header.getKeyId());
    }

    private AuditEntry entryAt(long seq) {
        List<AuditEntry> found = store.chain(realm, seq - 1, 1);
        return found.isEmpty() || found.get(0).seq() != seq ? null : found.get(0);
    }

    /**
     * The realm's issuer URL: from the request when there is one (and remembered for the background tasks,
     * which have none), else as last remembered, else from the realm's frontend URL; {@code null} when
     * nothing tells it yet.
     */
    private String issuer() {
        URI base = requestBase();
        if (base != null) {
            return Urls.realmIssuer(base, realm.getName());
        }
        String remembered = session.getProvider(RealmStateProvider.class).getCheckpointIssuer(realm);
        if (remembered != null && !remembered.isBlank()) {
            return remembered;
        }
        String frontend = realm.getAttribute("frontendUrl");
        return frontend == null || frontend.isBlank() ? null : Urls.realmIssuer(URI.create(frontend), realm.getName());
    }

    private URI requestBase() {
        try {
            return session.getContext().getUri() == null ? null : session.getContext().getUri().getBaseUri();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    /**
     * Remembers the issuer a request showed, for checkpoints issued without one (the daily digest), in the
     * extension's own table. In a transaction of its own: two first checkpoints racing to insert the row
     * must not fail a checkpoint — the loser's value is the same URL.
     */
    private void remember(String issuer) {
        if (requestBase() == null || issuer.equals(session.getProvider(RealmStateProvider.class).getCheckpointIssuer(realm))) {
            return;
        }
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                RealmModel r = s.realms().getRealm(realmId);
                if (r != null) {
                    s.getProvider(RealmStateProvider.class).setCheckpointIssuer(r, issuer);
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("The checkpoint issuer of realm %s was not remembered this time: %s", realm.getName(), e.toString());
        }
    }

    /**
     * A checkpoint for the auditors' daily digest (SPEC §12), audited as the system's; empty while no request
     * has told the realm's issuer URL yet (and the realm has no frontend URL).
     */
    public java.util.Optional<AuditCheckpoint> issueForDigest() {
        return issuer() == null ? java.util.Optional.empty() : java.util.Optional.of(issue(AuditActor.system()));
    }
}
