package io.keygate.bitlocker.release;

import java.util.List;

import java.util.function.Supplier;

import io.keygate.bitlocker.audit.Reason;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.Requester;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.model.Campaign;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.Guid;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.VolumeType;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * SPEC §3 steps 2–7 of a release, in their order, one step per line: who may ask, how strongly
 * they signed in, what they asked for, whether it exists, what justifies it, and the rate limit.
 * It writes nothing; a refused step throws its problem, and the first refused step decides.
 */
public final class ReleasePolicy {

    static final int BREAK_GLASS_MIN_REASON = 20;

    /** Step 3: throws the RFC 9470 challenge unless the token is strong and fresh enough (or the check is waived). */
    public interface StepUp {
        void require(boolean waived);
    }

    /** Step 6's last part (SPEC §11): the approved request a release uses, where its route needs one. */
    public interface Approvals {
        /**
         * @return the approved request, or {@code null} when the route needs none
         * @throws io.keygate.bitlocker.problem.ProblemException {@code approval_required} / {@code approval_pending}
         */
        ReleaseRequest require(ReleaseRoute route, RevealRequest request, DeviceModel device, RecoveryKeyModel key, Ticket ticket);
    }

    /** The campaign route (SPEC §14): a campaign in place of the ticket and the approval of step 6. */
    public interface Campaigns {
        /**
         * Step 5's part: the campaign named.
         *
         * @throws io.keygate.bitlocker.problem.ProblemException {@code campaign_not_found}; {@code campaign_closed}
         *         where campaigns are off
         */
        Campaign find(String campaignId);

        /**
         * Step 6's part: the campaign is ACTIVE, lists the device, and its ticket is still open (checked at most once
         * a minute).
         *
         * @return the campaign's ticket
         * @throws io.keygate.bitlocker.problem.ProblemException {@code campaign_closed}, {@code device_not_in_campaign},
         *         {@code ticketing_unavailable}
         */
        Ticket admit(Campaign campaign, DeviceModel device);
    }

    private final BitLockerConfig config;
    private final Requester requester;
    private final StepUp stepUp;
    private final TicketCheck tickets;
    private final ReleaseLimits limits;
    private final Approvals approvals;
    private final Campaigns campaigns;

    public ReleasePolicy(BitLockerConfig config, Requester requester, StepUp stepUp, TicketCheck tickets,
            ReleaseLimits limits, Approvals approvals, Campaigns campaigns) {
        this.config = config;
        this.requester = requester;
        this.stepUp = stepUp;
        this.tickets = tickets;
        this.limits = limits;
        this.approvals = approvals;
        this.campaigns = campaigns;
    }

    /**
     * Runs steps 2–7. The body is read only after the caller has passed steps 2 and 3.
     *
     * @param target the device the path names, resolved once for the request (malformed or absent is raised at step 4 or 5)
     * @param attempt filled in as the steps learn about the request, for the audit entry of a denial
     */
    public ReleaseGrant evaluate(DeviceTarget target, Supplier<RevealRequest> body, ReleaseAttempt attempt) {
        DeviceModel device = target.device();
        attempt.deviceId = target.id();
        attempt.deviceName = device == null ? null : device.getName();
        ReleaseRoute route = route(target, attempt);                                    // 2. owner, helpdesk or admin
        stepUp.require(route == ReleaseRoute.OWNER && !config.selfService.requireStepUp); // 3. step-up
        RevealRequest request = wellFormed(target, body, route, attempt);               // 4. input
        RecoveryKeyModel key = existingKey(target, request, attempt);                   // 5. device and key
        if (request.campaignId() != null) {
            Campaign campaign = campaigns.find(request.campaignId());                   // 5. the campaign
            Ticket ticket = campaigns.admit(campaign, device);                          // 6. its ticket and approval
            attempt.ticket(ticket);
            limits.requireWithinCampaignRate(requester.userId());                       // 7. per-user campaign limit
            return new ReleaseGrant(route, device, key, ticket, request, null, campaign);
        }
        Ticket ticket = justification(route, request, device, key, attempt);            // 6. ticket or break-glass,
        ReleaseRequest approval = approvals.require(route, request, device, key, ticket);  //    and a second person
        limits.requireWithinRate(requester.userId());                                   // 7. per-user limit
        return new ReleaseGrant(route, device, key, ticket, request, approval, null);
    }

    /**
     * What asking a second person for a release runs now (SPEC §11): steps 2 (helpdesk or admin — a request
     * is never the owner's), 4, 5 and the ticket part of 6, checked live. No step-up, no key.
     */
    public ReleaseGrant evaluateRequest(DeviceTarget target, Supplier<RevealRequest> body, ReleaseAttempt attempt) {
        DeviceModel device = target.device();
        attempt.deviceId = target.id();
        attempt.deviceName = device == null ? null : device.getName();
        ReleaseRoute route = requester.has(BitLockerRole.ADMIN) ? ReleaseRoute.ADMIN
                : requester.has(BitLockerRole.HELPDESK) ? ReleaseRoute.HELPDESK : null;   // 2. helpdesk or admin
        if (route == null) {
            throw Problem.of(ProblemCode.FORBIDDEN, "Only helpdesk or admin may ask for a release.").exception();
        }
        attempt.source = route.auditSource();
        RevealRequest request = wellFormed(target, body, route, attempt);               // 4. input
        RecoveryKeyModel key = existingKey(target, request, attempt);                   // 5. device and key
        Ticket ticket = justification(route, request, device, key, attempt);            // 6. ticket or break-glass
        return new ReleaseGrant(route, device, key, ticket, request, null, null);
    }

    /** Step 2: the right the caller asks by; break-glass is the admin's alone ({@link ReleaseRoute#mayBreakGlass}). */
    ReleaseRoute route(DeviceTarget target, ReleaseAttempt attempt) {
        boolean owner = config.selfService.enabled && target.isOwnedBy(requester.userId());
        ReleaseRoute route = owner ? ReleaseRoute.OWNER
                : requester.has(BitLockerRole.ADMIN) ? ReleaseRoute.ADMIN
                : requester.has(BitLockerRole.HELPDESK) ? ReleaseRoute.HELPDESK
                : null;
        if (route == null) {
            throw Problem.of(ProblemCode.FORBIDDEN, "Only the device's owner, helpdesk or admin may reveal its key.").exception();
        }
        attempt.source = route.auditSource();
        return route;
    }

    /** Step 4: the body and the path are well-formed, and the route allows what the body asks for. */
    RevealRequest wellFormed(DeviceTarget target, Supplier<RevealRequest> body, ReleaseRoute route, ReleaseAttempt attempt) {
        RevealRequest request = body.get();
        attempt.reason = request.reason();
        attempt.keyPackage = request.wantsKeyPackage();
        target.requireWellFormed();
        if (request.keyId() != null && Guid.normalize(request.keyId()) == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'keyId' must be a GUID.").exception();
        }
        if (request.requestId() != null && Guid.normalize(request.requestId()) == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'requestId' must be a GUID.").exception();
        }
        if (request.campaignId() != null) {
            attempt.campaignId = Guid.normalize(request.campaignId());
            if (attempt.campaignId == null) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "'campaignId' must be a GUID.").exception();
            }
            if (request.ticket() != null || request.breakGlass() != null || request.requestId() != null) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "'campaignId' stands for the ticket and the approval:"
                        + " send it without 'ticket', 'breakGlass' or 'requestId'.").exception();
            }
            if (route == ReleaseRoute.OWNER) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "Owners reveal their own device's keys without a campaign.")
                        .exception();
            }
        }
        Reason.requireWithinLimit(request.reason());
        if (request.wantsBreakGlass()) {
            if (!route.mayBreakGlass()) {
                throw Problem.of(ProblemCode.FORBIDDEN, "Only admins may use break-glass.").exception();
            }
            if (request.reason() == null || request.reason().strip().length() < BREAK_GLASS_MIN_REASON) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "Break-glass needs a 'reason' of at least "
                        + BREAK_GLASS_MIN_REASON + " characters.").exception();
            }
        }
        if (request.ticket() != null && route.needsTicket()) {
            attempt.ticketAsked(tickets.system(), request.ticket());
            tickets.requireWellFormed(request.ticket());
        }
        return request;
    }

    /** Step 5: the device, and the key asked for (by default its newest active operating-system key). */
    RecoveryKeyModel existingKey(DeviceTarget target, RevealRequest request, ReleaseAttempt attempt) {
        DeviceModel device = target.requireExisting();
        String deviceId = target.id();
        String keyId = Guid.normalize(request.keyId());
        RecoveryKeyModel key = keyId != null ? device.getKey(keyId) : defaultKey(device);
        if (key == null) {
            throw Problem.of(ProblemCode.KEY_NOT_FOUND, keyId != null ? "Device " + deviceId + " has no key " + keyId + "."
                    : "Device " + deviceId + " has no active key.").exception();
        }
        attempt.keyId = key.getKeyId();
        return key;
    }

    /**
     * SPEC §3: the newest active operating-system key, else the newest active key — but where the source does not
     * record volumes (Active Directory), several active keys may be several volumes, and the caller must choose.
     */
    private static RecoveryKeyModel defaultKey(DeviceModel device) {
        java.util.Comparator<RecoveryKeyModel> newest = java.util.Comparator.comparingLong(RecoveryKeyModel::getCreatedAt);
        List<RecoveryKeyModel> active = device.getKeys().stream().filter(RecoveryKeyModel::isActive).toList();
        RecoveryKeyModel system = active.stream().filter(k -> k.getVolumeType() == VolumeType.OPERATING_SYSTEM)
                .max(newest).orElse(null);
        if (system != null) {
            return system;
        }
        if (active.size() > 1 && active.stream().anyMatch(k -> k.getVolumeType() == VolumeType.UNKNOWN)) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "Device " + device.getId() + " has " + active.size()
                    + " active keys of volumes its key source does not name: send 'keyId'.").exception();
        }
        return active.stream().max(newest).orElse(null);
    }

    /**
     * Step 6: owners need no ticket but get only keys their device still has (a superseded key may be
     * one a rotation replaced after someone else saw it); helpdesk and admin need a ticket that
     * justifies the release, or (admin) break-glass.
     */
    Ticket justification(ReleaseRoute route, RevealRequest request, DeviceModel device, RecoveryKeyModel key,
            ReleaseAttempt attempt) {
        if (!route.needsTicket()) {
            if (!key.isActive()) {
                throw Problem.of(ProblemCode.FORBIDDEN, "Owners may reveal only their device's active keys.").exception();
            }
            return null;
        }
        if (request.wantsBreakGlass()) {
            if (!config.ticketing.breakGlass) {
                throw Problem.of(ProblemCode.FORBIDDEN, "Break-glass is disabled in this realm.").exception();
            }
            return null;
        }
        if (request.ticket() == null) {
            throw Problem.of(ProblemCode.TICKET_REQUIRED, "A helpdesk release needs an open incident ticket.").exception();
        }
        try {
            Ticket ticket = tickets.verify(request.ticket(), device);
            attempt.ticket(ticket);
            limits.requireTicketReusable(ticket, device.getId());
            return ticket;
        } catch (TicketCheck.TicketDenied e) {
            if (e.ticket() != null) {
                attempt.ticket(e.ticket());
            }
            throw e;
        }
    }
}
