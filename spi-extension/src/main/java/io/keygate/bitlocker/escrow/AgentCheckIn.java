package io.keygate.bitlocker.escrow;

import java.util.function.Supplier;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.authz.BearerAuthentication;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.keysource.ConflictingKeyException;
import io.keygate.bitlocker.keysource.DeviceReport;
import io.keygate.bitlocker.keysource.EscrowVault;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.owner.OwnerRule;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A device agent's check-in ({@code PUT /escrow/devices/{id}}): into the realm's key source when it
 * accepts agent escrow, through the shared {@link DeviceEscrow} write path.
 */
public class AgentCheckIn {

    private final RequestContext ctx;
    private final KeycloakSession session;
    private final RealmModel realm;

    public AgentCheckIn(RequestContext ctx) {
        this.ctx = ctx;
        this.session = ctx.session();
        this.realm = ctx.realm();
    }

    /**
     * The check-in of SPEC §3 in its order: the agent's role, a source that takes agent escrow, the DPoP proof
     * where devices are bound, the per-key limit, the input, then the write.
     *
     * @param limits this server's check-in counters
     * @param body the request body, read once the caller has passed the checks before the input's
     */
    public DeviceEscrow.Outcome checkIn(DeviceTarget target, CheckInLimits limits, Supplier<CheckInRequest> body) {
        ctx.requireAny(BitLockerRole.ESCROW_AGENT);
        requireEscrowingSource();
        String proofKey = requiredProofKey();
        requireWithinLimit(limits, ctx.config().escrow.checkInsPerKeyPerHour, proofKey, target,
                ctx.actor().withSource(AuditSource.AGENT));
        CheckIn checkIn;
        try {
            checkIn = CheckIn.validate(target.raw(), body.get());
        } catch (IllegalArgumentException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
        return checkIn(checkIn, ctx.actor().withSource(AuditSource.AGENT), proofKey);
    }

    /**
     * Where devices are bound ({@code escrow.deviceBinding: dpop}), a check-in needs a DPoP-bound token with
     * this request's proof (RFC 9449): the thumbprint of its key. {@code null} where the realm runs unbound.
     */
    private String requiredProofKey() {
        if (!BitLockerConfig.Escrow.BINDING_DPOP.equals(ctx.config().escrow.deviceBinding)) {
            return null;
        }
        String proofKey = ctx.caller().proofKey();
        if (proofKey == null) {
            String why = "This realm binds each device to its agent's key: check in with a DPoP-bound token and a DPoP proof.";
            throw Problem.of(ProblemCode.AUTHENTICATION_REQUIRED, why)
                    .header("WWW-Authenticate", BearerAuthentication.dpopChallenge(ctx.session(), why)).exception();
        }
        return proofKey;
    }

    /** 409 {@code escrow_not_local} unless the realm's key source accepts agent escrow. */
    public KeySourceProvider requireEscrowingSource() {
        String keySource = ctx.config().keySource;
        KeySourceProvider source = session.getProvider(KeySourceProvider.class, keySource);
        if (source == null || !source.acceptsAgentEscrow()) {
            throw Problem.of(ProblemCode.ESCROW_NOT_LOCAL, "This realm's keys come from '" + keySource
                    + "'; agents cannot escrow into it.").exception();
        }
        return source;
    }

    /**
     * 429 {@code rate_limited} past {@code escrow.checkInsPerKeyPerHour} check-ins of one agent key (of one device
     * where the realm runs unbound) within an hour; the first refusal of the hour is on record.
     *
     * @param proofKey the DPoP key the request proved, {@code null} where the realm runs unbound
     * @param target the device the path names, not yet validated
     */
    void requireWithinLimit(CheckInLimits limits, int perHour, String proofKey, DeviceTarget target,
            AuditActor actor) {
        String deviceId = target.id();
        String subject = proofKey != null ? "key " + proofKey : "device " + (deviceId == null ? target.raw() : deviceId);
        CheckInLimits.Verdict verdict = limits.count(realm.getId(), subject, perHour, Time.currentTimeMillis());
        if (verdict == CheckInLimits.Verdict.ALLOWED) {
            return;
        }
        if (verdict == CheckInLimits.Verdict.REFUSED_FIRST) {
            AuditLog.appendCommitted(session, realm, actor.event(AuditAction.CHECK_IN_LIMITED, AuditOutcome.DENIED)
                    .code(ProblemCode.RATE_LIMITED.code()).device(deviceId, null)
                    .reason("more than " + perHour + " check-ins within an hour by " + (proofKey != null
                            ? "DPoP key " + proofKey : "one device (the realm runs unbound)")));
        }
        throw Problem.of(ProblemCode.RATE_LIMITED, "At most " + perHour + " check-ins per agent key and hour.")
                .header("Retry-After", "3600").exception();
    }

    /**
     * @param proofKey the thumbprint of the DPoP key this request proved (realms that bind devices), or
     *                 {@code null} (realms that run unbound)
     */
    DeviceEscrow.Outcome checkIn(CheckIn checkIn, AuditActor actor, String proofKey) {
        KeySourceProvider source = requireEscrowingSource();
        DeviceModel known = session.getProvider(DeviceProvider.class).getDevice(realm, checkIn.deviceId());
        if (proofKey != null) {
            requireBoundTo(known, proofKey, actor);
            if (known != null && known.getBoundKey() == null && !known.getKeys().isEmpty()) {
                requireProofOfDevice(known, checkIn, source, proofKey, actor);
            }
        }
        DeviceEscrow.Outcome outcome = escrow(checkIn, actor, source, known, proofKey);
        if (proofKey != null && outcome.device().getBoundKey() == null) {
            outcome.device().setBoundKey(proofKey, false);
        }
        return outcome;
    }

    /**
     * A device is bound to the key its agent proved at the first accepted check-in: a check-in under any
     * other key (an agent secret copied to another machine) is refused, on record, and changes nothing.
     */
    private void requireBoundTo(DeviceModel device, String proofKey, AuditActor actor) {
        if (device != null && device.getBoundKey() != null && !device.getBoundKey().equals(proofKey)) {
            reject(device, actor, "check-in under DPoP key " + proofKey + "; the device is bound to " + device.getBoundKey(),
                    "Device " + device.getId() + " is bound to another agent key; an administrator can pin its new key.");
        }
    }

    /**
     * A device that has escrowed keys but no pinned key (escrowed while the realm ran unbound, or after an
     * admin forgot its pin) is not anyone's first come: the check-in must carry the recovery password of one of
     * its ACTIVE keys that was never released, exactly as escrowed. Only the device and the vault know it.
     */
    private void requireProofOfDevice(DeviceModel device, CheckIn checkIn, KeySourceProvider source, String proofKey,
            AuditActor actor) {
        EscrowVault vault;
        try {
            vault = source.escrowVault(realm);
        } catch (KeySourceUnavailableException e) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        }
        for (CheckIn.Key reported : checkIn.keys()) {
            RecoveryKeyModel escrowed = device.getKey(reported.keyId());
            if (escrowed != null && escrowed.isActive() && escrowed.getReleasedAt() == null && escrowed.getSealed() != null
                    && holds(vault, escrowed, reported.recoveryPassword())) {
                return;
            }
        }
        reject(device, actor, "check-in under DPoP key " + proofKey + " to a device with escrowed keys and no pinned"
                        + " key carried no recovery password of its ACTIVE, never released keys",
                "Device " + device.getId() + " has escrowed keys and no pinned agent key: a check-in must carry the"
                        + " recovery password of one of its active keys, or an administrator pins the new agent key.");
    }

    private static boolean holds(EscrowVault vault, RecoveryKeyModel key, String password) {
        try {
            return vault.holds(key, password);
        } catch (KeySourceUnavailableException e) {
            return false;   // sealed under a KEK no longer configured: it cannot prove anything
        }
    }

    /** Refused, on record (committed whatever happens to this request), and nothing of the check-in is kept. */
    private void reject(DeviceModel device, AuditActor actor, String reason, String detail) {
        AuditLog.appendCommitted(session, realm, actor.event(AuditAction.DEVICE_BINDING_REJECTED, AuditOutcome.DENIED)
                .code(ProblemCode.DEVICE_BINDING_MISMATCH.code()).device(device.getId(), device.getName()).reason(reason));
        throw Problem.of(ProblemCode.DEVICE_BINDING_MISMATCH, detail).exception();
    }

    private DeviceEscrow.Outcome escrow(CheckIn checkIn, AuditActor actor, KeySourceProvider source, DeviceModel known,
            String proofKey) {
        try {
            DeviceReport report = new DeviceReport(checkIn.deviceId(), checkIn.deviceName(), owner(checkIn.owner()),
                    checkIn.encryption(), checkIn.keys().stream().map(k -> new DeviceReport.ReportedKey(k.keyId(),
                            k.volumeType(), k.recoveryPassword(), k.keyPackage())).toList());
            return new DeviceEscrow(session, realm).apply(ctx.config().keySource, report, () -> source.escrowVault(realm), actor, known,
                    proofKey);
        } catch (KeySourceUnavailableException e) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        } catch (ConflictingKeyException e) {
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
