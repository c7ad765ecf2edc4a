package io.keygate.bitlocker.writeback;

import java.time.Instant;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;
import io.keygate.bitlocker.model.TicketAnnotationModel;
import io.keygate.bitlocker.scheduling.Backoff;
import io.keygate.bitlocker.scheduling.OutboxDelivery;
import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.json.Json;
import io.keygate.bitlocker.ticketing.CampaignSummary;
import io.keygate.bitlocker.ticketing.TicketAnnotation;
import io.keygate.bitlocker.ticketing.TicketComment;
import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import io.keygate.bitlocker.ticketing.http.CredentialsRefusedException;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Delivers queued ticket annotations (SPEC §6) as an {@link OutboxDelivery}. An outage is retried
 * with exponential backoff for as long as it lasts; failures are audited (the first, then every tenth).
 * Before any attempt but the first (and after a crash mid-attempt) the ticket is read first, so a
 * comment the system already took is not written twice.
 */
public class TicketWriteBack extends OutboxDelivery<TicketAnnotationModel> {

    public static final String TASK_NAME = "bitlocker-ticket-writeback";

    private static final Logger LOG = Logger.getLogger(TicketWriteBack.class);

    private final long retryMillis;

    public TicketWriteBack(KeycloakSessionFactory factory, long retryMillis) {
        super(factory, TicketAnnotationModel.class, "Ticket annotation");
        this.retryMillis = retryMillis;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    protected void deliver(KeycloakSession session, RealmModel realm, TicketAnnotationModel a, long now,
            boolean interrupted) {
        BitLockerConfig config = new RealmConfigStore(session, realm).load();
        AuditLog audit = new AuditLog(session, realm);
        TicketRef ticket = new TicketRef(a.getTicketSystem(), a.getTicketKey(), null, null, null, null);
        if (!a.getTicketSystem().equals(config.ticketing.system)) {
            // The realm moved to another ticketing system: this ticket cannot be reached any more.
            a.markFailed("the realm's ticketing system changed to '" + config.ticketing.system + "'");
            audit.append(AuditActor.system().event(AuditAction.TICKET_ANNOTATION_FAILED, AuditOutcome.ERROR)
                    .code("ticketing_unavailable").device(a.getDeviceId(), a.getDeviceName()).keyId(a.getKeyId())
                    .ticket(ticket).reason("given up for audit entry " + a.getAuditId() + ": " + a.getLastError()));
            return;
        }
        try {
            TicketingProvider provider = session.getProvider(TicketingProvider.class, a.getTicketSystem());
            if (provider == null) {
                throw new TicketingUnavailableException("no ticketing provider '" + a.getTicketSystem() + "' installed");
            }
            TicketingSettings settings = new RealmConfigStore(session, realm).ticketingSettings(config).orElseThrow(
                    () -> new TicketingUnavailableException("the realm has no ticketing system configured"));
            // After an interrupted attempt, or a failed one whose answer may have been lost (a timeout), the
            // system may already have the comment: look before writing again.
            boolean alreadyThere = (interrupted || a.getAttempts() > 0) && alreadyAnnotated(provider, settings, a);
            if (!alreadyThere) {
                provider.annotate(settings, a.getTicketKey(), comment(a));
            }
            a.markDelivered(now);
            a.setAttempts(a.getAttempts() + 1);
            audit.append(delivered(a, ticket, alreadyThere));
        } catch (TicketingUnavailableException | RuntimeException e) {
            int attempts = a.getAttempts() + 1;
            a.setAttempts(attempts);
            a.setNextAttemptAt(now + Backoff.after(retryMillis, attempts));
            a.setLastError(describe(e));
            LOG.infof("Ticket annotation of %s for audit entry %s failed (attempt %d), retrying: %s", a.getTicketKey(),
                    a.getAuditId(), attempts, a.getLastError());
            if (attempts == 1 || attempts % 10 == 0) {
                audit.append(AuditActor.system().event(AuditAction.TICKET_ANNOTATION_FAILED, AuditOutcome.ERROR)
                        .code("ticketing_unavailable").device(a.getDeviceId(), a.getDeviceName()).keyId(a.getKeyId())
                        .ticket(ticket).reason("attempt " + attempts + " for audit entry " + a.getAuditId()
                                + " failed; next attempt at " + Instant.ofEpochMilli(a.getNextAttemptAt())));
            }
        }
    }

    /** What the comment says: one release, or a campaign's summary. */
    private static TicketComment comment(TicketAnnotationModel a) {
        if (a.getSummary() != null) {
            try {
                return Json.MAPPER.readValue(a.getSummary(), CampaignSummary.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable campaign summary " + a.getAuditId(), e);
            }
        }
        return new TicketAnnotation(a.getDeviceName(), a.getDeviceId(), a.getKeyId(), a.getActorUsername(),
                Instant.ofEpochMilli(a.getReleasedAt()), a.getAuditId());
    }

    private static AuditEvent delivered(TicketAnnotationModel a, TicketRef ticket, boolean alreadyThere) {
        String how = alreadyThere ? "internal comment found on the ticket after an interrupted delivery" : "internal comment";
        AuditEvent event = AuditActor.system().event(AuditAction.TICKET_ANNOTATED, AuditOutcome.SUCCESS).ticket(ticket);
        if (a.getSummary() != null) {
            return event.campaign(a.getDeviceId()).reason(how + " summarising the campaign's releases (summary "
                    + a.getAuditId() + ")");
        }
        return event.device(a.getDeviceId(), a.getDeviceName()).keyId(a.getKeyId())
                .reason(how + " for audit entry " + a.getAuditId());
    }

    /**
     * Whether the ticket already has this release's comment. An account that may write comments but not
     * read them back (ServiceNow's {@code sys_journal_field}) cannot tell: the comment is written again
     * rather than never.
     */
    private static boolean alreadyAnnotated(TicketingProvider provider, TicketingSettings settings,
            TicketAnnotationModel a) throws TicketingUnavailableException {
        try {
            return provider.hasAnnotation(settings, a.getTicketKey(), a.getAuditId());
        } catch (CredentialsRefusedException e) {
            LOG.warnf("Cannot read %s to look for an interrupted delivery of audit entry %s (%s); commenting again",
                    a.getTicketKey(), a.getAuditId(), e.getMessage());
            return false;
        }
    }
}
