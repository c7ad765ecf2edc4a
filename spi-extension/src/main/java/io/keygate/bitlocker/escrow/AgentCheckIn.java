package io.keygate.bitlocker.escrow;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.keysource.EscrowVault;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A device agent's check-in ({@code PUT /escrow/devices/{id}}): into the realm's key source when it
 * accepts agent escrow, through the shared {@link DeviceEscrow} write path.
 */
public class AgentCheckIn {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String keySource;

    public AgentCheckIn(KeycloakSession session, RealmModel realm, String keySource) {
        this.session = session;
        this.realm = realm;
        this.keySource = keySource;
    }

    /** 409 {@code escrow_not_local} unless the realm's key source accepts agent escrow. */
    public KeySourceProvider requireEscrowingSource() {
        KeySourceProvider source = session.getProvider(KeySourceProvider.class, keySource);
        if (source == null || !source.acceptsAgentEscrow()) {
            throw Problem.of(ProblemCode.ESCROW_NOT_LOCAL, "This realm's keys come from '" + keySource
                    + "'; agents cannot escrow into it.").exception();
        }
        return source;
    }

    public DeviceEscrow.Outcome checkIn(CheckIn checkIn, AuditActor actor) {
        KeySourceProvider source = requireEscrowingSource();
        try {
            EscrowVault vault = checkIn.keys().isEmpty() ? null : source.escrowVault(realm);
            DeviceReport report = new DeviceReport(checkIn.deviceId(), checkIn.deviceName(), owner(checkIn.owner()),
                    checkIn.encryption(), checkIn.keys().stream().map(k -> new DeviceReport.ReportedKey(k.keyId(),
                            k.volumeType(), k.recoveryPassword(), null)).toList());
            return new DeviceEscrow(session, realm).apply(keySource, report, vault, actor);
        } catch (KeySourceUnavailableException e) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        } catch (DeviceEscrow.ConflictingKeyException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
    }

    /** The owner is a Keycloak username or e-mail; an unknown owner is kept as reported, unlinked. */
    private DeviceOwner owner(String reported) {
        if (reported == null) {
            return null;
        }
        UserModel user = session.users().getUserByUsername(realm, reported);
        if (user == null && reported.contains("@")) {
            user = session.users().getUserByEmail(realm, reported);
        }
        return user == null ? DeviceOwner.unlinked(reported)
                : new DeviceOwner(user.getId(), user.getUsername(), user.getEmail());
    }
}
