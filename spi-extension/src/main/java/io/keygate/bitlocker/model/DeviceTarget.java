package io.keygate.bitlocker.model;

import java.util.function.Function;

import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/**
 * The device a request's {@code {deviceId}} names, resolved once for the whole request (the way Keycloak's
 * {@code UsersResource.user(id)} resolves a user) and handed to every step that needs it.
 *
 * <p>Unlike Keycloak's locator it does not answer "malformed" or "not found" itself: SPEC §3 checks roles and
 * step-up first, so it carries those facts and each operation raises them at its own step. The device is
 * looked up when a step first asks for it, at most once, and never for an ID that is not a GUID.
 */
public final class DeviceTarget {

    /** What a path that does not hold a GUID is told (SPEC §3's input rules). */
    public static final String MALFORMED = "The device ID must be a GUID.";

    private final String raw;
    private final String id;
    private final Function<String, DeviceModel> lookup;
    private boolean resolved;
    private DeviceModel device;

    private DeviceTarget(String raw, Function<String, DeviceModel> lookup) {
        this.raw = raw;
        this.id = Guid.normalize(raw);
        this.lookup = lookup;
    }

    /** @param lookup the realm's device by normalised ID, {@code null} when there is none */
    public static DeviceTarget of(String rawDeviceId, Function<String, DeviceModel> lookup) {
        return new DeviceTarget(rawDeviceId, lookup);
    }

    /** The ID as it came in the path. */
    public String raw() {
        return raw;
    }

    /** The normalised ID, or {@code null} when the path does not hold a GUID. */
    public String id() {
        return id;
    }

    /** The device, or {@code null} when the ID is malformed or names no device of the realm. */
    public DeviceModel device() {
        if (!resolved) {
            device = id == null ? null : lookup.apply(id);
            resolved = true;
        }
        return device;
    }

    /** Whether the caller owns the device (an absent device has no owner). */
    public boolean isOwnedBy(String userId) {
        DeviceModel d = device();
        return d != null && d.getOwner() != null && userId.equals(d.getOwner().userId());
    }

    /** @return the normalised ID; 400 {@code invalid_request} when the path does not hold a GUID */
    public String requireWellFormed() {
        if (id == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, MALFORMED).exception();
        }
        return id;
    }

    /** @return the device; 404 {@code device_not_found} when there is none (call after {@link #requireWellFormed}) */
    public DeviceModel requireExisting() {
        DeviceModel d = device();
        if (d == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_FOUND, "No device " + id + ".").exception();
        }
        return d;
    }
}
