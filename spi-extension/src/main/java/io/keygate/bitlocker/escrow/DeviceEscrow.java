package io.keygate.bitlocker.escrow;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.keysource.ConflictingKeyException;
import io.keygate.bitlocker.keysource.DeviceReport;
import io.keygate.bitlocker.keysource.EscrowVault;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.notification.OwnerChangeNotifications;
import io.keygate.bitlocker.rotation.Rotations;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The escrow write path every key source uses (SPEC §3): records the device, adds new keys (sealed
 * when the source keeps passwords), supersedes keys the device no longer has, derives the escrow
 * status and completes a pending rotation. Idempotent: the same report twice changes nothing the
 * second time.
 */
public class DeviceEscrow {

    /** How often an unchanged device's check-in is written down (its {@code lastCheckIn}): every 15 minutes. */
    static final long CHECK_IN_RECORDED_EVERY_MILLIS = 15 * 60_000L;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuditLog audit;

    public DeviceEscrow(KeycloakSession session, RealmModel realm) {
        this(session, realm, new AuditLog(session, realm));
    }

    /** The write path auditing into {@code audit} (e.g. a log that appends as the transaction commits). */
    public DeviceEscrow(KeycloakSession session, RealmModel realm, AuditLog audit) {
        this.session = session;
        this.realm = realm;
        this.audit = audit;
    }

    /** What the report left: the device as written, its escrow status, and whether a rotation is still open. */
    public record Outcome(DeviceModel device, EscrowStatus escrowStatus, boolean rotationRequested) {
    }

    /** Opens the vault the reported passwords go to, reading the key-encryption key configured now. */
    public interface VaultOpener {
        EscrowVault open() throws KeySourceUnavailableException;
    }

    /**
     * Applies a report from key source {@code source}.
     *
     * @param vaults where reported passwords are kept; {@code null} for a source that holds them itself
     */
    public Outcome apply(String source, DeviceReport report, VaultOpener vaults, AuditActor actor)
            throws KeySourceUnavailableException, ConflictingKeyException {
        return apply(source, report, vaults, actor, session.getProvider(DeviceProvider.class).getDevice(realm, report.deviceId()));
    }

    /**
     * Applies a report to a device the caller has just read ({@code null}: not known yet), sparing the
     * write path a second read of it.
     */
    public Outcome apply(String source, DeviceReport report, VaultOpener vaults, AuditActor actor, DeviceModel current)
            throws KeySourceUnavailableException, ConflictingKeyException {
        return apply(source, report, vaults, actor, current, null);
    }

    /**
     * Applies an agent's report.
     *
     * @param agentKey the thumbprint of the agent key the check-in proved ({@code null}: unbound): keys escrowed
     *                 under another agent key stay ACTIVE unless an administrator pinned this one (SPEC §3)
     */
    public Outcome apply(String source, DeviceReport report, VaultOpener vaults, AuditActor actor, DeviceModel current,
            String agentKey) throws KeySourceUnavailableException, ConflictingKeyException {
        DeviceProvider devices = session.getProvider(DeviceProvider.class);
        DeviceModel device = current;
        if (device != null && !source.equals(device.getSource())) {
            throw new ConflictingKeyException("Device " + report.deviceId() + " is managed by the '"
                    + device.getSource() + "' key source.");
        }
        if (vaults != null && sealsSomething(device, report)) {
            // A KEK rotation holds this lock while it re-wraps: sealed now, a key is sealed under the KEK configured now.
            // Read the device again under the lock: a check-in of the same device may have committed meanwhile.
            RealmLock.hold(session, realm);
            device = devices.getDevice(realm, report.deviceId());
        }
        EscrowVault vault = vaults == null || report.keys().isEmpty() ? null : vaults.open();
        // Every check that can refuse the report runs before the first write.
        if (device != null && vault != null) {
            for (DeviceReport.ReportedKey key : report.keys()) {
                RecoveryKeyModel known = device.getKey(key.keyId());
                if (known != null && key.recoveryPassword() != null && !vault.holds(known, key.recoveryPassword())) {
                    throw new ConflictingKeyException("Key " + key.keyId()
                            + " is already escrowed with a different recovery password.");
                }
            }
        }

        long now = Time.currentTimeMillis();
        boolean existing = device != null;
        if (!existing) {
            device = devices.addDevice(realm, report.deviceId(), source, now);
        }
        boolean changed = !existing;
        if (!Objects.equals(report.deviceName(), device.getName())) {
            device.setName(report.deviceName());
            changed = true;
        }
        if (report.owner() != null && !report.owner().equals(device.getOwner())) {
            DeviceOwner previous = device.getOwner();
            if (existing && !report.owner().isSameAs(previous)) {
                ownerChanged(device, previous, report.owner(), actor, now);
            }
            device.setOwner(report.owner());
            changed = true;
        }
        if (report.encryption() != device.getEncryption()) {
            device.setEncryption(report.encryption());
            changed = true;
        }

        Set<String> reported = new HashSet<>();
        for (DeviceReport.ReportedKey key : report.keys()) {
            reported.add(key.keyId());
            RecoveryKeyModel known = device.getKey(key.keyId());
            if (known == null) {
                known = escrow(device, key, vault, now, actor, agentKey);
                changed = true;
            } else {
                if (!known.isActive() && !key.superseded()) {
                    known.reactivate();
                    changed = true;
                }
                if (vault != null && key.keyPackage() != null && !known.hasKeyPackage()) {
                    // A package an agent sends later for a key escrowed without one; a key's first package stays.
                    vault.sealKeyPackage(known, key.keyPackage());
                    changed = true;
                }
                if (key.keyPackageAtSource() != null && key.keyPackageAtSource() != known.hasKeyPackage()) {
                    known.setHasKeyPackage(key.keyPackageAtSource());
                    changed = true;
                }
            }
            if (key.superseded() && known.isActive()) {
                known.supersede(now);
                changed = true;
            }
        }
        for (RecoveryKeyModel known : device.getKeys()) {
            if (!reported.contains(known.getKeyId()) && known.isActive() && mayRetire(device, known, agentKey)) {
                known.supersede(now);
                changed = true;
            }
        }
        boolean hasActiveKey = device.getKeys().stream().anyMatch(RecoveryKeyModel::isActive);
        EscrowStatus status = EscrowStatus.derive(report.encryption(), hasActiveKey);
        if (status != device.getEscrowStatus()) {
            device.setEscrowStatus(status, now);
            changed = true;
        }
        if (changed && new Rotations(audit).completeIfReplaced(device, actor) != null) {
            // The device is safe again: campaigns that released its key count it as rotated (SPEC §14). Their
            // progress is written under the realm's lock, as the release batches write it; taken as this transaction
            // commits, so that a synchronised page does not hold it while it works.
            CampaignProvider campaigns = session.getProvider(CampaignProvider.class);
            String deviceId = device.getId();
            RealmLock.atCommit(session, realm, () -> campaigns.markRotated(realm, deviceId, now));
            changed = true;
        }
        // A report that changes nothing writes nothing (no row, no commit to wait for) while the recorded check-in is
        // recent: a fleet's agents check in every few minutes, and the time shown needs no finer grain than that.
        Long last = device.getLastCheckIn();
        if (changed || last == null || now - last >= CHECK_IN_RECORDED_EVERY_MILLIS) {
            device.setLastCheckIn(now);
        }
        return new Outcome(device, status, device.getOpenRotation() != null);
    }

    /**
     * Whether a check-in under {@code agentKey} may supersede {@code key} (and so, later, have it purged): not a
     * key escrowed under another pinned agent key, unless an administrator pinned this one (a re-imaged device).
     */
    private static boolean mayRetire(DeviceModel device, RecoveryKeyModel key, String agentKey) {
        String escrowedUnder = key.getEscrowedUnder();
        return agentKey == null || escrowedUnder == null || escrowedUnder.equals(agentKey)
                || (device.isBoundByAdmin() && agentKey.equals(device.getBoundKey()));
    }

    /** Whether the report brings a password or key package the vault does not hold yet. */
    private static boolean sealsSomething(DeviceModel device, DeviceReport report) {
        return report.keys().stream().anyMatch(k -> {
            RecoveryKeyModel known = device == null ? null : device.getKey(k.keyId());
            return known == null ? k.recoveryPassword() != null || k.keyPackage() != null
                    : k.keyPackage() != null && !known.hasKeyPackage();
        });
    }

    /** A known device reported with another owner: on record, and its previous owner is told. */
    private void ownerChanged(DeviceModel device, DeviceOwner previous, DeviceOwner next, AuditActor actor, long now) {
        String auditId = audit.append(actor.event(AuditAction.OWNER_CHANGED, AuditOutcome.SUCCESS)
                .device(device.getId(), device.getName())
                .reason("owner changed from " + describe(previous) + " to " + describe(next))).id();
        OwnerChangeNotifications.queue(session, realm, device, previous, next, auditId, actor.username(), now);
    }

    private static String describe(DeviceOwner owner) {
        if (owner == null || owner.display() == null) {
            return "nobody";
        }
        return owner.display() + (owner.isRealmUser() ? "" : " (not a user of the realm)");
    }

    private RecoveryKeyModel escrow(DeviceModel device, DeviceReport.ReportedKey reported, EscrowVault vault, long now,
            AuditActor actor, String agentKey) {
        RecoveryKeyModel key = device.addKey(reported.keyId(), reported.volumeType(),
                reported.createdAt() == null ? now : reported.createdAt());
        key.setEscrowedUnder(agentKey);
        if (vault != null && reported.recoveryPassword() != null) {
            vault.seal(key, reported.recoveryPassword());
        }
        if (vault != null && reported.keyPackage() != null) {
            vault.sealKeyPackage(key, reported.keyPackage());
        }
        if (reported.keyPackageAtSource() != null) {
            key.setHasKeyPackage(reported.keyPackageAtSource());
        }
        audit.append(actor.event(AuditAction.KEY_ESCROWED, AuditOutcome.SUCCESS)
                .device(device.getId(), device.getName()).keyId(key.getKeyId()));
        return key;
    }
}
