package io.keygate.bitlocker.campaign;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.Reason;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.justification.LiveTicketCheck;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.CampaignDevice;
import io.keygate.bitlocker.model.CampaignDeviceState;
import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.CampaignStatus;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.PageCursor;
import io.keygate.bitlocker.model.RealmLock;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.model.SearchTerm;
import io.keygate.bitlocker.notification.CampaignNotifications;
import io.keygate.bitlocker.notification.ConsoleLinks;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.representation.DecisionBody;
import io.keygate.bitlocker.ticketing.Ticket;
import org.keycloak.common.util.Time;

/**
 * Campaigns (SPEC §14): asked for by an admin after step-up with an open major-incident ticket and a list of
 * devices, decided by another approver or admin after step-up, closed by a person, by their ticket closing or by
 * time. Every transition is one conditional update and is audited.
 */
public class Campaigns {

    static final int MAX_SEARCH = 255;
    static final long HOUR = 3_600_000L;

    /** {@code POST /campaigns}: device IDs or a name prefix, never both. */
    public record CreateBody(String ticket, String reason, List<String> deviceIds, String search) {
    }

    private static final BitLockerRole[] READERS = {BitLockerRole.HELPDESK, BitLockerRole.ADMIN, BitLockerRole.APPROVER,
            BitLockerRole.AUDITOR};

    private final RequestContext ctx;
    private final CampaignProvider store;

    public Campaigns(RequestContext ctx) {
        this.ctx = ctx;
        this.store = ctx.session().getProvider(CampaignProvider.class);
        requireEnabled();
    }

    /** 404 {@code not_enabled} where the realm does not use campaigns. */
    private void requireEnabled() {
        if (!ctx.config().campaigns.enabled) {
            throw Problem.of(ProblemCode.NOT_ENABLED, "Campaigns are not enabled in realm '" + ctx.realm().getName()
                    + "'.").exception();
        }
    }

    public Campaign create(Supplier<CreateBody> body) {
        ctx.requireAny(BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
        CreateBody asked = body.get();
        String reason = Reason.required(asked.reason(), 1, "A campaign needs a 'reason'.");
        LiveTicketCheck tickets = new LiveTicketCheck(ctx.session(), ctx.realm(), ctx.config());
        if (asked.ticket() == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "A campaign needs the 'ticket' of its major incident.").exception();
        }
        tickets.requireWellFormed(asked.ticket());
        List<String> deviceIds = devices(asked);
        // Last, once the request is known to be whole: the ticketing system's quota is spent on requests that can succeed.
        Ticket ticket = tickets.verifyCampaignTicket(asked.ticket());
        long now = Time.currentTimeMillis();
        Campaign campaign = new Campaign(UUID.randomUUID().toString(), ctx.realm().getId(), TicketRef.of(ticket), reason,
                CampaignStatus.PENDING, ctx.caller().userId(), ctx.caller().username(), null, null, null, null, now,
                now + ctx.config().approval.pendingHours * HOUR, deviceIds.size(), 0, 0, now);
        store.add(ctx.realm(), campaign, deviceIds);
        Campaign stored = store.get(ctx.realm(), campaign.id());
        String auditId = new AuditLog(ctx.session(), ctx.realm()).append(CampaignEvents.of(ctx.actor(),
                AuditAction.CAMPAIGN_REQUESTED, stored).reason(reason + " (" + stored.devices() + " devices)")).id();
        CampaignNotifications.requested(ctx.session(), ctx.realm(), ctx.config().notifications, stored, auditId,
                ConsoleLinks.campaign(ctx.session(), ctx.realm(), stored.id()));
        BitLockerMetrics.campaign(CampaignStatus.PENDING.name());
        return stored;
    }

    /** The devices asked for, as the realm knows them: 400 with {@code "unknown"} when some are not the realm's. */
    private List<String> devices(CreateBody asked) {
        int max = ctx.config().campaigns.maxDevices;
        if ((asked.deviceIds() == null) == (asked.search() == null)) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "A campaign names its devices by 'deviceIds' or by 'search',"
                    + " one of the two.").exception();
        }
        if (asked.search() != null) {
            String prefix = asked.search().strip();
            if (prefix.isEmpty() || prefix.length() > MAX_SEARCH) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "'search' must be a device-name prefix of 1 to "
                        + MAX_SEARCH + " characters.").exception();
            }
            List<String> found = store.devicesNamed(ctx.realm(), prefix, max + 1);
            requireCount(found.size(), max, "No device's name starts with '" + prefix + "'.");
            return found;
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : asked.deviceIds()) {
            String id = raw == null ? null : Guid.normalize(raw);
            if (id == null) {
                unknown.add(raw);
            } else {
                ids.add(id);
            }
        }
        requireCount(ids.size() + unknown.size(), max, "'deviceIds' must list at least one device.");
        Set<String> known = new LinkedHashSet<>(store.existingDevices(ctx.realm(), ids));
        ids.stream().filter(id -> !known.contains(id)).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, unknown.size() + " of the devices are not devices of this realm.")
                    .with("unknown", unknown.size() > 1000 ? unknown.subList(0, 1000) : unknown).exception();
        }
        return List.copyOf(known);
    }

    private static void requireCount(int count, int max, String whenNone) {
        if (count == 0) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, whenNone).exception();
        }
        if (count > max) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "A campaign lists at most " + max + " devices"
                    + " (campaigns.maxDevices).").exception();
        }
    }

    public ResultPage<Campaign> list(CampaignStatus status, int max, String after) {
        ctx.requireAny(READERS);
        PageCursor cursor = PageCursor.after(after, c -> c.first().matches("\\d{1,19}"));
        return ResultPage.of(store.search(ctx.realm(), status, cursor, max), max,
                last -> new PageCursor(Long.toString(last.createdAt()), last.id()).encode());
    }

    public Campaign get(String rawId) {
        ctx.requireAny(READERS);
        return existing(rawId);
    }

    public ResultPage<CampaignDevice> devices(String rawId, CampaignDeviceState state, String search, int max,
            String after) {
        ctx.requireAny(READERS);
        Campaign campaign = existing(rawId);
        PageCursor cursor = PageCursor.after(after, c -> Guid.normalize(c.second()) != null);
        return ResultPage.of(store.devices(ctx.realm(), campaign.id(), state, SearchTerm.parse(search), cursor, max), max,
                last -> new PageCursor(last.deviceName().toLowerCase(java.util.Locale.ROOT), last.deviceId()).encode());
    }

    /** Approve or reject: approver or admin, stepped up, never the requester, only while PENDING. */
    public Campaign decide(String rawId, boolean approve, Supplier<DecisionBody> body) {
        ctx.requireAny(BitLockerRole.APPROVER, BitLockerRole.ADMIN);
        ctx.requireStepUp(false);
        String why = Reason.optional(body.get().reason());
        Campaign campaign = existing(rawId);
        if (campaign.requesterId().equals(ctx.caller().userId())) {
            throw Problem.of(ProblemCode.SELF_APPROVAL, "A campaign needs a second person: you asked for this one.")
                    .exception();
        }
        long now = Time.currentTimeMillis();
        if (campaign.status() != CampaignStatus.PENDING || now > campaign.expiresAt()) {
            throw closed(campaign);
        }
        CampaignStatus to = approve ? CampaignStatus.ACTIVE : CampaignStatus.REJECTED;
        Long expiresAt = approve ? now + ctx.config().campaigns.maxHours * HOUR : null;
        // One lock order for every write of a campaign that is audited: the realm's lock, then the campaign's row.
        RealmLock.hold(ctx.session(), ctx.realm());
        if (!store.transition(ctx.realm(), campaign.id(), CampaignStatus.PENDING, new Campaign.Transition(to,
                ctx.caller().userId(), ctx.caller().username(), now, approve ? null : why, expiresAt))) {
            throw closed(campaign);
        }
        new AuditLog(ctx.session(), ctx.realm()).append(CampaignEvents.of(ctx.actor(),
                approve ? AuditAction.CAMPAIGN_APPROVED : AuditAction.CAMPAIGN_REJECTED, campaign).reason(why));
        BitLockerMetrics.campaign(to.name());
        return store.get(ctx.realm(), campaign.id());
    }

    /** {@code DELETE}: its requester, an approver or an admin closes an open campaign. */
    public void close(String rawId) {
        Campaign campaign = existing(rawId);
        if (!campaign.requesterId().equals(ctx.caller().userId())) {
            ctx.requireAny(BitLockerRole.APPROVER, BitLockerRole.ADMIN);
        }
        if (!CampaignEvents.end(ctx.session(), ctx.realm(), campaign, CampaignStatus.CLOSED,
                ctx.actor(), "closed by " + ctx.caller().username())) {
            throw closed(campaign);
        }
    }

    private Campaign existing(String rawId) {
        String id = Guid.normalize(rawId);
        Campaign campaign = id == null ? null : store.get(ctx.realm(), id);
        if (campaign == null) {
            throw Problem.of(ProblemCode.CAMPAIGN_NOT_FOUND, "No campaign " + rawId + ".").exception();
        }
        return campaign;
    }

    static ProblemException closed(Campaign c) {
        return Problem.of(ProblemCode.CAMPAIGN_CLOSED, "Campaign " + c.id() + (c.status().isOpen()
                ? " has run out of time." : " has ended: it is " + c.status().name() + ".")).exception();
    }
}
