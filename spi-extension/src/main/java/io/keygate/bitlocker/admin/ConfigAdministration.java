package io.keygate.bitlocker.admin;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigDocument;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.config.KekFormat;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.config.SecretValue;
import io.keygate.bitlocker.keysource.local.KekCipher;
import io.keygate.bitlocker.keysource.local.KekRotation;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The administrator's view of a realm's configuration (SPEC §8): read it masked, change it
 * (validated as a whole, with the installed providers' own checks, before anything is stored), and
 * rotate the local vault's key-encryption key. Every change is audited as {@code CONFIG_CHANGED},
 * naming keys, never values.
 */
public class ConfigAdministration {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RealmConfigStore store;

    public ConfigAdministration(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new RealmConfigStore(session, realm);
    }

    public ObjectNode current() {
        return ConfigDocument.masked(store.load());
    }

    /** What a PUT changed, and the document as it now is (masked). */
    public record Change(List<String> changedKeys, ObjectNode document) {
    }

    public Change update(String json, AuditActor admin) {
        // As stored now, not as this node cached it: a change based on an older copy would undo another node's.
        BitLockerConfig before = store.loadCurrent();
        BitLockerConfig after;
        try {
            after = ConfigDocument.applyUpdate(before, json, new ProviderSections(session.getKeycloakSessionFactory(), realm));
        } catch (ConfigValidationException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
        List<String> changed = ConfigDocument.changedPaths(before, after);
        if (changed.contains("local.kek") && session.getProvider(DeviceProvider.class).hasSealedKeys(realm)) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'local.kek' changes only through POST /admin/realms/"
                    + realm.getName() + "/bitlocker/kek once keys are escrowed (they are re-wrapped under the new one).")
                    .exception();
        }
        if (after.enabled) {
            RealmEnablement.ensureRolesAndClient(session, realm);
        }
        if (!changed.isEmpty()) {
            store.save(after);
            audit(admin, "changed: " + String.join(", ", changed));
        }
        return new Change(changed, ConfigDocument.masked(after));
    }

    /**
     * Introduces a new key-encryption key and re-wraps every escrowed key under it, then stores it as
     * {@code local.kek} — all in the request's transaction, so reveals never see a half-rotated vault.
     * It holds the realm's lock throughout: a check-in that escrows a key takes it too, so it
     * seals either before (and is re-wrapped) or after (under the new KEK) — never under a retired one.
     * If any key cannot be opened with the current KEK, nothing changes (409).
     */
    public KekRotated rotateKek(String newKek, AuditActor admin) {
        if (newKek == null || newKek.isBlank()) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'kek' is required.").exception();
        }
        RealmLock.hold(session, realm);
        BitLockerConfig config = store.loadCurrent();
        KekCipher from = cipher(config.local.kek, "the current 'local.kek'");
        KekCipher to = cipher(newKek, "'kek'");
        long unreadable = KekRotation.unreadable(session, realm, from, to);
        if (unreadable > 0) {
            throw Problem.of(ProblemCode.KEYS_UNREADABLE, unreadable + " escrowed key(s) cannot be opened with the current"
                    + " key-encryption key; nothing was changed.").with("unreadable", unreadable).exception();
        }
        KekRotation.Result result = KekRotation.rewrap(session, realm, from, to);
        config.local.kek = newKek;
        store.save(config);
        audit(admin, "changed: local.kek (key-encryption key " + from.kekId() + " -> " + to.kekId() + ", "
                + result.rewrapped() + " keys re-wrapped)");
        return new KekRotated(result.kekId(), from.kekId(), result.rewrapped(), result.alreadyCurrent(),
                result.unreadable());
    }

    /** A finished KEK rotation: the new and the retired key's IDs, and what happened to the escrowed keys. */
    public record KekRotated(String kekId, String previousKekId, long rewrapped, long alreadyCurrent, long unreadable) {
    }

    private KekCipher cipher(String value, String what) {
        byte[] key = store.resolveSecret(value).map(KekFormat::decode).orElse(null);
        if (key == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, what + " is not a usable base64 256-bit key"
                    + (SecretValue.isVaultReference(value) ? " (vault entry missing or malformed)." : ".")).exception();
        }
        return new KekCipher(key);
    }

    private void audit(AuditActor admin, String reason) {
        new AuditLog(session, realm).append(admin.event(AuditAction.CONFIG_CHANGED, AuditOutcome.SUCCESS).reason(reason));
    }
}
