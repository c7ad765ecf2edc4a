package io.keygate.bitlocker.representation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignDevice;
import io.keygate.bitlocker.model.AuditCheckpoint;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleasedKey;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.model.SyncState;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.ticketing.Ticket;

/** From models to the API's shapes: the one place where a representation is made. Never a secret. */
public final class Converters {

    private Converters() {
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    public static <M, R> Page<R> page(ResultPage<M> page, Function<M, R> convert) {
        return new Page<>(page.items().stream().map(convert).toList(), page.next());
    }

    /**
     * {@code GET /escrow/status}: the attention list shows devices by status, then devices whose name another
     * device also has, flagged {@code duplicateName}.
     *
     * @param sync {@code null} where the realm's key source does not synchronise its metadata
     */
    public static EscrowStatusRepresentation toRepresentation(Map<EscrowStatus, Long> counts, List<DeviceModel> attention,
            List<DeviceModel> sharingName, SyncRepresentation sync, String deviceBinding) {
        Map<String, DeviceRepresentation> listed = new LinkedHashMap<>();
        for (DeviceModel device : attention) {
            listed.put(device.getId(), toRepresentation(device));
        }
        for (DeviceModel device : sharingName) {
            DeviceRepresentation shown = listed.get(device.getId());
            listed.put(device.getId(), (shown == null ? toRepresentation(device) : shown).withDuplicateName());
        }
        return new EscrowStatusRepresentation(counts(counts), new ArrayList<>(listed.values()), sync, deviceBinding);
    }

    /** The answer of a release: the one conversion that carries a recovery password. */
    public static RevealResponse toRepresentation(ReleasedKey r) {
        RecoveryKeyModel key = r.key();
        return new RevealResponse(r.device().getId(), r.device().getName(), key.getKeyId(), key.getVolumeType().name(),
                iso(key.getCreatedAt()), r.recoveryPassword(), r.auditId(), toRepresentation(r.ticket()),
                r.rotationId() == null ? null : new RevealResponse.RotationRef(r.rotationId(), r.rotationStatus().name()),
                r.keyPackage() == null ? null : java.util.Base64.getEncoder().encodeToString(r.keyPackage()));
    }

    public static DeviceRepresentation toRepresentation(DeviceModel d) {
        return new DeviceRepresentation(d.getId(), d.getName(), toRepresentation(d.getOwner()), d.getEscrowStatus().name(),
                d.getEncryption() == null ? null : d.getEncryption().name(),
                d.getLastCheckIn() == null ? null : iso(d.getLastCheckIn()),
                d.getLatestRotation() == null ? null : toRepresentation(d.getLatestRotation()),
                d.getKeys().stream().map(Converters::toRepresentation).toList(),
                d.getRemovedAt() == null ? null : iso(d.getRemovedAt()), null);
    }

    /** SPEC §3 {@code sync} of {@code GET /escrow/status}; a realm that never synchronised shows an IDLE state with nothing counted. */
    public static SyncRepresentation toRepresentation(SyncState s) {
        if (s == null) {
            return new SyncRepresentation(SyncState.IDLE, null, 0, 0, 0, null);
        }
        return new SyncRepresentation(s.state(), s.lastSuccessAt() == null ? null : iso(s.lastSuccessAt()), s.devices(),
                s.keys(), s.requests(), s.error());
    }

    public static List<DeviceRepresentation> devices(List<DeviceModel> devices) {
        return devices.stream().map(Converters::toRepresentation).toList();
    }

    public static OwnerRepresentation toRepresentation(DeviceOwner owner) {
        if (owner == null || (owner.username() == null && owner.email() == null)) {
            return null;
        }
        return new OwnerRepresentation(owner.username(), owner.email());
    }

    public static KeyRepresentation toRepresentation(RecoveryKeyModel k) {
        return new KeyRepresentation(k.getKeyId(), k.getVolumeType().name(), iso(k.getCreatedAt()), k.getState().name(),
                k.hasKeyPackage());
    }

    public static RotationRepresentation toRepresentation(RotationModel r) {
        return new RotationRepresentation(r.getId(), r.getDevice().getId(), r.getStatus().name(), iso(r.getRequestedAt()),
                r.getCompletedAt() == null ? null : iso(r.getCompletedAt()));
    }

    public static ReleaseRequestRepresentation toRepresentation(ReleaseRequest r) {
        return new ReleaseRequestRepresentation(r.id(), r.deviceId(), r.deviceName(), r.keyId(),
                new ActorRepresentation(r.requesterId(), r.requesterUsername()), toRepresentation(r.ticket()),
                r.reason(), r.breakGlass(), r.status().name(), iso(r.createdAt()), iso(r.expiresAt()),
                r.decidedById() == null ? null : new ActorRepresentation(r.decidedById(), r.decidedByUsername()),
                r.decidedAt() == null ? null : iso(r.decidedAt()), r.decisionReason());
    }

    public static CampaignRepresentation toRepresentation(Campaign c) {
        return new CampaignRepresentation(c.id(), toRepresentation(c.ticket()), c.reason(), c.status().name(),
                new ActorRepresentation(c.requesterId(), c.requesterUsername()),
                c.decidedById() == null ? null : new ActorRepresentation(c.decidedById(), c.decidedByUsername()),
                iso(c.createdAt()), iso(c.expiresAt()), c.devices(), c.revealed(), c.rotated());
    }

    public static CampaignDeviceRepresentation toRepresentation(CampaignDevice d) {
        return new CampaignDeviceRepresentation(d.deviceId(), d.deviceName(), d.state().name(),
                d.revealedAt() == null ? null : iso(d.revealedAt()), d.rotatedAt() == null ? null : iso(d.rotatedAt()));
    }

    public static TicketRepresentation toRepresentation(ReleaseRequest.TicketRef t) {
        return t == null ? null : new TicketRepresentation(t.system(), t.key(), t.url(), t.status(), t.type());
    }

    public static TicketRepresentation toRepresentation(Ticket t) {
        return t == null ? null : new TicketRepresentation(t.system(), t.key(), t.url(), t.status(), t.type());
    }

    public static Map<String, Long> counts(Map<EscrowStatus, Long> counts) {
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((status, n) -> byName.put(status.name(), n));
        return byName;
    }

    public static AuditEntryRepresentation toRepresentation(AuditEntry e) {
        // Shown as a ticket only when it has a key, as entries have always been shown.
        TicketRepresentation ticket = e.ticket() == null || e.ticket().key() == null ? null : toRepresentation(e.ticket());
        AuditEntry.Actor actor = e.actor();
        AuditEntry.Approval approval = e.approval();
        return new AuditEntryRepresentation(e.id(), iso(e.time()), name(e.action()), name(e.outcome()), e.code(),
                new ActorRepresentation(actor.userId(), actor.username()), actor.clientId(), name(e.source()),
                actor.ipAddress(), actor.userAgent(), e.deviceId(), e.deviceName(), e.keyId(), ticket,
                e.reason(), e.acr(),
                approval == null || approval.requestId() == null ? null : new AuditEntryRepresentation.ApprovalRepresentation(
                        approval.requestId(), new ActorRepresentation(approval.approverUserId(), approval.approverUsername())),
                e.campaignId(), e.keyPackage(), e.prevHash(), e.hash());
    }

    public static AuditVerificationRepresentation toRepresentation(AuditVerification v) {
        return new AuditVerificationRepresentation(v.intact(), v.entries(), v.brokenAt(),
                v.head() == null ? null : new AuditVerificationRepresentation.Head(v.head().id(), v.head().hash()),
                v.checkpoint() == null ? null
                        : new AuditVerificationRepresentation.Checkpoint(v.checkpoint().held(), v.checkpoint().id()));
    }

    public static CheckpointRepresentation toRepresentation(AuditCheckpoint c) {
        return new CheckpointRepresentation(c.jws(), c.id(), c.seq(), c.hash(), c.entries());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
