package io.keygate.bitlocker.rest.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.KekFormat;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.config.SecretValue;
import io.keygate.bitlocker.keysource.local.KekCipher;
import io.keygate.bitlocker.keysource.local.KekRotation;
import io.keygate.bitlocker.rest.JsonBodies;
import io.keygate.bitlocker.rest.JsonResponses;
import io.keygate.bitlocker.rest.Problem;
import io.keygate.bitlocker.rest.ProblemCode;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/bitlocker/kek}: introduces a new key-encryption key and
 * re-wraps every escrowed key under it, then stores it as {@code local.kek} — all in one
 * transaction, so reveals never see a half-rotated vault. {@code manage-realm} required.
 */
public class KekResource {

    /** The request: the new KEK (literal base64 or {@code ${vault.name}}). */
    public record Body(String kek) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public KekResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(byte[] body) {
        ConfigResource.require(() -> auth.realm().requireManageRealm());
        Body request = JsonBodies.read(body, Body.class);
        if (request.kek() == null || request.kek().isBlank()) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'kek' is required.").exception();
        }
        RealmConfigStore store = new RealmConfigStore(session, realm);
        BitLockerConfig config = store.load();
        KekCipher from = cipher(store, config.local.kek, "the current 'local.kek'");
        KekCipher to = cipher(store, request.kek(), "'kek'");
        KekRotation.Result result = KekRotation.rewrap(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                realm.getId(), from, to);
        config.local.kek = request.kek();
        store.save(config);
        ConfigResource.auditChange(session, realm, auth, "changed: local.kek (key-encryption key " + from.kekId()
                + " -> " + to.kekId() + ", " + result.rewrapped() + " keys re-wrapped)");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kekId", result.kekId());
        m.put("previousKekId", from.kekId());
        m.put("rewrapped", result.rewrapped());
        m.put("alreadyCurrent", result.alreadyCurrent());
        m.put("unreadable", result.unreadable());
        return JsonResponses.ok(m);
    }

    private static KekCipher cipher(RealmConfigStore store, String value, String what) {
        byte[] key = store.resolveSecret(value).map(KekFormat::decode).orElse(null);
        if (key == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, what + " is not a usable base64 256-bit key"
                    + (SecretValue.isVaultReference(value) ? " (vault entry missing or malformed)." : ".")).exception();
        }
        return new KekCipher(key);
    }
}
