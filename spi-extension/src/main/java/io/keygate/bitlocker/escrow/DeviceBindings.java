package io.keygate.bitlocker.escrow;

import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/**
 * {@code PUT|DELETE /escrow/devices/{deviceId}/binding}, admin with step-up: pin a device to the agent key
 * a re-imaged device shows (its check-ins may then retire the keys of its previous life), or forget the pin
 * (the device is pinned again only by a check-in that proves it is that device, SPEC §3).
 */
public class DeviceBindings {

    /** An RFC 7638 SHA-256 thumbprint: 32 bytes, base64url without padding. */
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final RequestContext ctx;

    public DeviceBindings(RequestContext ctx) {
        this.ctx = ctx;
    }

    /** @param body read only once the caller may pin (a helpdesk's malformed body is a 403, not a 400) */
    public void pin(DeviceTarget target, Supplier<PinRequest> body) {
        authorize();
        target.requireWellFormed();
        String jkt = body.get().jkt();
        if (!isThumbprint(jkt)) {
            throw Problem.of(ProblemCode.INVALID_REQUEST,
                    "'jkt' must be an RFC 7638 thumbprint: base64url SHA-256, 43 characters.").exception();
        }
        DeviceModel device = target.requireExisting();
        String previous = device.getBoundKey();
        device.setBoundKey(jkt, true);
        audit(device, "pinned DPoP key " + jkt + (previous == null ? "; the device was not bound" : " in place of " + previous));
    }

    public void reset(DeviceTarget target) {
        authorize();
        target.requireWellFormed();
        DeviceModel device = target.requireExisting();
        String previous = device.getBoundKey();
        device.setBoundKey(null, false);
        audit(device, previous == null ? "the device was not bound" : "forgot DPoP key " + previous);
    }

    private void authorize() {
        ctx.requireAny(BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
    }

    /** Exactly the canonical base64url of 32 bytes (no padding, no stray low bits in the last character). */
    static boolean isThumbprint(String jkt) {
        if (jkt == null || !THUMBPRINT.matcher(jkt).matches()) {
            return false;
        }
        try {
            byte[] digest = Base64.getUrlDecoder().decode(jkt);
            return digest.length == 32 && Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(jkt);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void audit(DeviceModel device, String reason) {
        new AuditLog(ctx.session(), ctx.realm()).append(ctx.actor().withSource(AuditSource.ADMIN)
                .event(AuditAction.DEVICE_BINDING_RESET, AuditOutcome.SUCCESS).device(device.getId(), device.getName())
                .acr(ctx.caller().token().getAcr()).reason(reason));
    }
}
