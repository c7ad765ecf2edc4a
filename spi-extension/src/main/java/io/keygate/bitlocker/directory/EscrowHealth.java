package io.keygate.bitlocker.directory;

import java.util.List;
import java.util.Map;

import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.SyncStateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * How well a realm's fleet is escrowed (SPEC §3 {@code GET /escrow/status}): counts by status, the
 * devices that need attention, and the devices whose disclosed key was not replaced.
 */
public class EscrowHealth {

    /** PENDING devices older than this need attention (SPEC §3). */
    public static final long PENDING_ATTENTION_MILLIS = 24L * 60 * 60 * 1000;
    /** The attention list is a work list, not an export: it is capped. */
    public static final int ATTENTION_LIMIT = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DeviceProvider devices;

    /** For a person asking ({@code GET /escrow/status}): helpdesk, admin or auditor. */
    public static EscrowHealth forCaller(RequestContext ctx) {
        ctx.requireAny(BitLockerRole.HELPDESK, BitLockerRole.ADMIN, BitLockerRole.AUDITOR);
        return new EscrowHealth(ctx.session(), ctx.realm());
    }

    public EscrowHealth(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.devices = session.getProvider(DeviceProvider.class);
    }

    public Map<EscrowStatus, Long> counts() {
        return devices.countByStatus(realm);
    }

    /** FAILED and NOT_AVAILABLE devices, and PENDING ones older than 24 h; longest-standing first. */
    public List<DeviceModel> attention(long now) {
        return devices.getDevicesNeedingAttention(realm, now - PENDING_ATTENTION_MILLIS, ATTENTION_LIMIT);
    }

    /** Devices whose name another device also has: a second device claiming a name, or a re-imaged device escrowed anew. */
    public List<DeviceModel> sharingName() {
        return devices.getDevicesSharingName(realm, ATTENTION_LIMIT);
    }

    /**
     * Devices whose latest rotation failed, or is still PENDING after 24 h: their key has been
     * disclosed and not yet replaced ("rotate keys after every recovery event"). Oldest first, capped.
     */
    public List<RotationModel> overdueRotations(long now) {
        return devices.getOverdueRotations(realm, now - PENDING_ATTENTION_MILLIS, ATTENTION_LIMIT);
    }

    /** How the realm's metadata sync goes; {@code null} when it never ran. */
    public SyncState syncState() {
        return session.getProvider(SyncStateProvider.class).getState(realm);
    }
}
