package io.keygate.bitlocker.escrow;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/**
 * {@code DELETE /escrow/devices/{deviceId}/binding}: an admin forgets the key a device is bound to (a
 * re-imaged device, a new agent), with step-up; the next accepted check-in binds it again.
 */
public class DeviceBindings {

    private final RequestContext ctx;

    public DeviceBindings(RequestContext ctx) {
        this.ctx = ctx;
    }

    public void reset(String rawDeviceId) {
        ctx.requireAny(BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
        String deviceId = Guid.normalize(rawDeviceId);
        if (deviceId == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The device ID must be a GUID.").exception();
        }
        DeviceModel device = ctx.session().getProvider(DeviceProvider.class).getDevice(ctx.realm(), deviceId);
        if (device == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_FOUND, "No device " + deviceId + ".").exception();
        }
        String previous = device.getBoundKey();
        device.setBoundKey(null);
        new AuditLog(ctx.session(), ctx.realm()).append(ctx.actor().withSource(AuditSource.ADMIN)
                .event(AuditAction.DEVICE_BINDING_RESET, AuditOutcome.SUCCESS).device(device.getId(), device.getName())
                .acr(ctx.caller().token().getAcr())
                .reason(previous == null ? "the device was not bound" : "forgot DPoP key " + previous));
    }
}
