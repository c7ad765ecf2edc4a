package io.keygate.bitlocker.escrow;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.owner.OwnerRule;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

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

    /**
     * @param proofKey the thumbprint of the DPoP key this request proved (realms that bind devices), or
     *                 {@code null} (realms that run unbound)
     */
    public DeviceEscrow.Outcome checkIn(CheckIn checkIn, AuditActor actor, String proofKey) {
        KeySourceProvider source = requireEscrowingSource();
        DeviceModel known = session.getProvider(DeviceProvider.class).getDevice(realm, checkIn.deviceId());
        if (proofKey != null) {
            requireBoundTo(known, proofKey, actor);
        }
        DeviceEscrow.Outcome outcome = escrow(checkIn, actor, source, known);
        if (proofKey != null && outcome.device().getBoundKey() == null) {
            outcome.device().setBoundKey(proofKey);
        }
        return outcome;
    }

    /**
     * A device is bound to the key its agent proved at the first accepted check-in: a check-in under any
     * other key (an agent secret copied to another machine) is refused, on record, and changes nothing.
     */
    private void requireBoundTo(DeviceModel device, String proofKey, AuditActor actor) {
        if (device != null && device.getBoundKey() != null && !device.getBoundKey().equals(proofKey)) {
            AuditLog.appendCommitted(session, realm, actor.event(AuditAction.DEVICE_BINDING_REJECTED, AuditOutcome.DENIED)
                    .code(ProblemCode.DEVICE_BINDING_MISMATCH.code()).device(device.getId(), device.getName())
                    .reason("check-in under DPoP key " + proofKey + "; the device is bound to " + device.getBoundKey()));
            throw Problem.of(ProblemCode.DEVICE_BINDING_MISMATCH, "Device " + device.getId()
                    + " is bound to another agent key; an administrator can reset its binding.").exception();
        }
    }

    private DeviceEscrow.Outcome escrow(CheckIn checkIn, AuditActor actor, KeySourceProvider source, DeviceModel known) {
        try {
            DeviceReport report = new DeviceReport(checkIn.deviceId(), checkIn.deviceName(), owner(checkIn.owner()),
                    checkIn.encryption(), checkIn.keys().stream().map(k -> new DeviceReport.ReportedKey(k.keyId(),
                            k.volumeType(), k.recoveryPassword(), null)).toList());
            return new DeviceEscrow(session, realm).apply(keySource, report, () -> source.escrowVault(realm), actor, known);
        } catch (KeySourceUnavailableException e) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        } catch (DeviceEscrow.ConflictingKeyException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
    }

    /**
     * The owner the agent reports, by SPEC §9's {@link OwnerRule}: the username (where users cannot choose
     * it), else the one user who has <em>verified</em> that e-mail address. Anything else links no realm
     * user: the name or address is kept for display and e-mail only, and gives no self-service.
     */
    private DeviceOwner owner(String reported) {
        return reported == null ? null : OwnerRule.owner(new OwnerRule(session, realm).reportedByAgent(reported), reported);
    }
}
