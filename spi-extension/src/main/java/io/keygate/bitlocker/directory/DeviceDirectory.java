package io.keygate.bitlocker.directory;

import java.util.List;
import java.util.Locale;

import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.PageCursor;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.model.SearchTerm;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/**
 * Key metadata for people (SPEC §3 {@code GET /keys}, {@code GET /keys/{id}}, {@code GET /me/devices}):
 * search the way a helpdesk does (key-ID prefix from the recovery screen, or device name), page
 * without offsets, never a secret.
 */
public class DeviceDirectory {

    static final int MAX_SEARCH = 255;
    static final int MAX_OWNED = 500;

    private final RequestContext ctx;
    private final DeviceProvider devices;

    public DeviceDirectory(RequestContext ctx) {
        this.ctx = ctx;
        this.devices = ctx.session().getProvider(DeviceProvider.class);
    }

    public ResultPage<DeviceModel> search(String search, EscrowStatus status, int max, String after) {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        PageCursor cursor = PageCursor.after(after, c -> true);
        if (search != null && search.length() > MAX_SEARCH) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'search' is limited to " + MAX_SEARCH + " characters.").exception();
        }
        return ResultPage.of(devices.searchDevices(ctx.realm(), SearchTerm.parse(search), status, cursor, max), max,
                last -> new PageCursor(last.getName().toLowerCase(Locale.ROOT), last.getId()).encode());
    }

    /** One device: its owner may see it, else helpdesk and admin (roles before the 404, SPEC §3). */
    public DeviceModel device(DeviceTarget target) {
        if (!target.isOwnedBy(ctx.caller().userId())) {
            ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN);
        }
        String deviceId = target.requireWellFormed();
        DeviceModel device = refreshed(deviceId, target.device());
        if (device == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_FOUND, "No device " + deviceId + ".").exception();
        }
        return device;
    }

    /**
     * A source whose metadata is synchronised shows the device as it is there now (or as last synchronised):
     * read again after the refresh, the one lookup besides the request's own.
     */
    private DeviceModel refreshed(String deviceId, DeviceModel stored) {
        String sourceId = stored != null ? stored.getSource() : ctx.config().keySource;
        KeySourceProvider source = ctx.session().getProvider(KeySourceProvider.class, sourceId);
        if (source == null || !source.syncsMetadata()) {
            return stored;
        }
        source.refresh(ctx.realm(), deviceId);
        return devices.getDevice(ctx.realm(), deviceId);
    }

    /** The caller's own devices. */
    public List<DeviceModel> mine() {
        return devices.getOwnedDevices(ctx.realm(), ctx.caller().userId(), MAX_OWNED);
    }
}
