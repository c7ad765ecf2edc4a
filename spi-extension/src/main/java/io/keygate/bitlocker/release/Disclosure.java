package io.keygate.bitlocker.release;

import java.time.Duration;
import java.util.function.Function;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.keysource.KeyMaterial;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.campaign.CampaignGate;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedAnnotation;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.ReleasedKey;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleaseRequestProvider;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import io.keygate.bitlocker.notification.ReleaseNotifications;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.rotation.Rotations;
import io.keygate.bitlocker.ticketing.Ticket;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * SPEC §3 steps 8–9 of a release that the policy granted: the key material from its source, then
 * the audit entry committed — and only then does the key leave. The entry's transaction also
 * queues the ticket comment and e-mails and requests the follow-up rotation.
 */
public class Disclosure {

    private static final Logger LOG = Logger.getLogger(Disclosure.class);

    private final RequestContext ctx;

    public Disclosure(RequestContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param denial the entry that records this release's refusal, should the limits or the approval refuse it under
     *               the lock (written in the same batch; the exception thrown then says so)
     */
    public ReleasedKey disclose(ReleaseGrant grant, Function<ProblemException, AuditEvent> denial) {
        KeyMaterial material = keyMaterial(grant.device(), grant.key(), grant.request().wantsKeyPackage()); // 8. key material
        Committed committed = commitAudit(grant, denial);                     // 9. audit committed (group commit)
        if (committed.rotationId() != null) {
            startRotation(grant.device());
        }
        return new ReleasedKey(grant.device(), grant.key(), material.recoveryPassword(), material.keyPackage(),
                committed.auditId(), grant.ticket(), committed.rotationId(), committed.rotationStatus());
    }

    /** The key source starts the follow-up rotation in its own time (never on the release path). */
    private void startRotation(DeviceModel device) {
        KeySourceProvider source = ctx.session().getProvider(KeySourceProvider.class, device.getSource());
        if (source != null) {
            source.requestRotationAfterRelease(ctx.realm(), device);
        }
    }

    /**
     * Step 8: the recovery password from the device's key source, with the key package when asked for. A key
     * whose source holds no package is refused before anything is fetched.
     */
    private KeyMaterial keyMaterial(DeviceModel device, RecoveryKeyModel key, boolean withKeyPackage) {
        KeySourceProvider source = ctx.session().getProvider(KeySourceProvider.class, device.getSource());
        if (source == null) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, "Key source '" + device.getSource() + "' is not installed.").exception();
        }
        if (withKeyPackage && !source.holdsKeyPackage(ctx.realm(), key)) {
            throw noKeyPackage(key);
        }
        long start = System.nanoTime();
        try {
            KeyMaterial material = source.keyMaterial(ctx.realm(), device, key, withKeyPackage);
            BitLockerMetrics.keySource(device.getSource(), "ok", Duration.ofNanos(System.nanoTime() - start));
            if (withKeyPackage && material.keyPackage() == null) {
                throw noKeyPackage(key);
            }
            return material;
        } catch (KeySourceUnavailableException e) {
            BitLockerMetrics.keySource(device.getSource(), "unavailable", Duration.ofNanos(System.nanoTime() - start));
            LOG.warnf("Key source '%s' could not deliver key %s of device %s: %s", device.getSource(), key.getKeyId(),
                    device.getId(), e.getMessage());
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        }
    }

    private static ProblemException noKeyPackage(RecoveryKeyModel key) {
        return Problem.of(ProblemCode.KEY_PACKAGE_NOT_FOUND, "Key " + key.getKeyId() + " has no key package.").exception();
    }

    /** The rotation as committed, by value: its model belongs to the transaction that wrote it. */
    private record Committed(String auditId, String rotationId, RotationStatus rotationStatus) {
    }

    /**
     * Step 9, in the realm's next batch ({@link ReleaseBatches}), committed before the key is returned: the
     * KEY_REVEALED entry (and BREAK_GLASS), the queued ticket annotation and e-mails, and the follow-up rotation.
     */
    private Committed commitAudit(ReleaseGrant grant, Function<ProblemException, AuditEvent> denial) {
        // Everything the batch needs, taken from this request now: the batch may run on another request's thread.
        BitLockerConfig config = ctx.config();
        AuditActor actor = ctx.actor().withSource(grant.route().auditSource());
        String acr = ctx.caller().token().getAcr();
        RevealRequest request = grant.request();
        Ticket ticket = grant.ticket();
        ReleaseRequest approval = grant.approval();
        String campaignId = grant.campaign() == null ? null : grant.campaign().id();
        String deviceId = grant.device().getId();
        String deviceName = grant.device().getName();
        DeviceOwner owner = grant.device().getOwner();
        String keyId = grant.key().getKeyId();
        boolean releasedBefore = grant.key().getReleasedAt() != null;
        KeycloakSessionFactory factory = ctx.session().getKeycloakSessionFactory();
        String realmId = ctx.realm().getId();
        try {
            return ReleaseBatches.commit(factory, realmId, (s, r, audit) -> {
                // Checks first, then writes: a refusal in a batch must leave nothing of this release behind.
                ReleaseLimits limits = ReleaseLimits.counted(config, audit);
                CampaignProvider campaigns = s.getProvider(CampaignProvider.class);
                if (campaignId != null) {
                    // A campaign's releases have a limit of their own, and do not count toward its ticket's.
                    limits.requireWithinCampaignRate(actor.userId());
                    Campaign campaign = campaigns.get(r, campaignId);
                    CampaignGate.requireActive(campaign, Time.currentTimeMillis()); // closed since the policy read it
                } else {
                    limits.requireWithinRate(actor.userId());
                    if (ticket != null) {
                        limits.requireTicketReusable(ticket, deviceId);
                    }
                }
                if (approval != null && !s.getProvider(ReleaseRequestProvider.class).transition(r, approval.id(),
                        ReleaseRequestStatus.APPROVED, ReleaseRequest.Transition.to(ReleaseRequestStatus.USED))) {
                    // Used (or expired) by a concurrent release since the policy read it: one approval, one release.
                    throw Problem.of(ProblemCode.APPROVAL_REQUIRED, "Release request " + approval.id()
                            + " has been used already.").exception();
                }
                if (request.wantsBreakGlass()) {
                    audit.append(actor.event(AuditAction.BREAK_GLASS, AuditOutcome.SUCCESS).device(deviceId, deviceName)
                            .keyId(keyId).reason(request.reason()).acr(acr));
                }
                AuditEvent revealed = actor.event(AuditAction.KEY_REVEALED, AuditOutcome.SUCCESS)
                        .device(deviceId, deviceName).keyId(keyId)
                        .ticket(ReleaseRequest.TicketRef.of(ticket))
                        .campaign(campaignId).reason(request.reason()).acr(acr).keyPackage(request.wantsKeyPackage());
                if (approval != null) {
                    revealed.approval(approval.id(), approval.decidedById(), approval.decidedByUsername());
                    // Counted once committed: this work may run twice (ReleaseBatches), and a rollback counts nothing.
                    audit.afterCommit(() -> BitLockerMetrics.releaseRequest(ReleaseRequestStatus.USED.name()));
                }
                String auditId = audit.append(revealed).id();
                long now = Time.currentTimeMillis();
                if (campaignId != null) {
                    // The campaign's ticket hears of its releases once an hour, in one summary (CampaignWork).
                    campaigns.markRevealed(r, campaignId, deviceId, now);
                    audit.afterCommit(BitLockerMetrics::campaignRelease);
                } else if (ticket != null && config.ticketing.annotate) {
                    s.getProvider(OutboxProvider.class).queue(r, new QueuedAnnotation(auditId, ticket.system(),
                            ticket.key(), deviceId, deviceName, keyId, actor.username(), now));
                }
                // By reference: the device and its key were read before the lock, and nothing here needs them again.
                DeviceProvider devices = s.getProvider(DeviceProvider.class);
                if (!releasedBefore) {
                    // Committed with the entry, before the key leaves: a released password never proves the device (SPEC §3).
                    devices.markReleased(r, deviceId, keyId, now);
                }
                ReleaseNotifications.queue(s, r, config.notifications, new ReleaseNotifications.Release(auditId,
                        deviceId, deviceName, owner, keyId, actor.userId(), actor.username(), ticket,
                        request.wantsBreakGlass(), request.reason(), now));
                RotationModel rotation = config.rotation.afterReveal ? new Rotations(audit).requestAfterRelease(
                        devices, r, deviceId, deviceName, keyId, actor, ticket == null ? null : ticket.key(),
                        "after reveal " + auditId) : null;
                return new Committed(auditId, rotation == null ? null : rotation.getId(),
                        rotation == null ? null : rotation.getStatus());
            }, denial);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf("Audit entry for the release of key %s could not be committed; the key is withheld: %s",
                    keyId, e.toString());
            throw Problem.of(ProblemCode.AUDIT_UNAVAILABLE, "The release could not be audited, so the key is withheld.").exception();
        }
    }
}
