package io.keygate.bitlocker.release;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.audit.AuditAction;
import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.audit.AuditEvent;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditOutcome;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.Caller;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.device.DeviceDirectory;
import io.keygate.bitlocker.device.DeviceRepresentations;
import io.keygate.bitlocker.device.Guid;
import io.keygate.bitlocker.device.KeyState;
import io.keygate.bitlocker.device.VolumeType;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.jpa.RotationEntity;
import io.keygate.bitlocker.jpa.TicketAnnotationEntity;
import io.keygate.bitlocker.jpa.Transactions;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.notification.ReleaseNotifications;
import io.keygate.bitlocker.rest.Problem;
import io.keygate.bitlocker.rest.ProblemCode;
import io.keygate.bitlocker.rest.ProblemException;
import io.keygate.bitlocker.rest.RequestContext;
import io.keygate.bitlocker.rotation.Rotations;
import io.keygate.bitlocker.ticketing.Ticket;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code POST /keys/{deviceId}/reveal}: the checks of SPEC §3 in their order, one step per line.
 * Every denial from step 2 on is audited (committed on its own, so it survives the failed
 * request); the key leaves only after its audit entry is committed.
 */
public class KeyRelease {

    private static final Logger LOG = Logger.getLogger(KeyRelease.class);
    static final int BREAK_GLASS_MIN_REASON = 20;
    private static final long HOUR_MILLIS = 3_600_000L;

    private final RequestContext ctx;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final BitLockerConfig config;
    private final Caller caller;
    private final DeviceDirectory directory;
    private final TicketCheck tickets;

    /** What is known so far, for the audit entry of a denial. */
    private final AuditEvent denial;

    public KeyRelease(RequestContext ctx) {
        this.ctx = ctx;
        this.session = ctx.session();
        this.realm = ctx.realm();
        this.config = ctx.config();
        this.caller = ctx.caller();
        this.directory = new DeviceDirectory(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId());
        this.tickets = new TicketCheck(session, realm, config);
        this.denial = ctx.actor().event(AuditAction.KEY_REVEAL_DENIED, AuditOutcome.DENIED).acr(caller.token().getAcr());
    }

    public Map<String, Object> reveal(String rawDeviceId, RevealRequest request) {
        String deviceId = Guid.normalize(rawDeviceId);
        DeviceEntity device = deviceId == null ? null : directory.find(deviceId);
        denial.device(deviceId, device == null ? null : device.getDeviceName());
        try {
            ReleaseRoute route = route(device);                                   // 2. owner, helpdesk or admin
            ctx.requireStepUp(route == ReleaseRoute.OWNER && !config.selfService.requireStepUp); // 3. step-up
            requireWellFormed(deviceId, request, route);                          // 4. input
            RecoveryKeyEntity key = requireKey(device, deviceId, request.keyId()); // 5. device and key
            Ticket ticket = justify(route, request, device);                      // 6. ticket or break-glass
            requireWithinRateLimit();                                             // 7. per-user limit
            String recoveryPassword = fetch(device, key);                         // 8. key material
            Committed committed = commitAudit(route, request, device, key, ticket); // 9. audit committed
            BitLockerMetrics.reveal("SUCCESS", "none", route.auditSource().name());
            return response(device, key, recoveryPassword, committed, ticket);
        } catch (TicketCheck.TicketDenied e) {
            if (e.ticket() != null) {
                denial.ticket(TicketCheck.audit(e.ticket()));
            }
            auditDenial(e.problem());
            throw e;
        } catch (ProblemException e) {
            auditDenial(e.problem());
            throw e;
        }
    }

    private ReleaseRoute route(DeviceEntity device) {
        boolean owner = device != null && device.getOwnerUserId() != null
                && device.getOwnerUserId().equals(caller.userId()) && config.selfService.enabled;
        ReleaseRoute route = owner ? ReleaseRoute.OWNER
                : caller.has(BitLockerRole.ADMIN) ? ReleaseRoute.ADMIN
                : caller.has(BitLockerRole.HELPDESK) ? ReleaseRoute.HELPDESK
                : null;
        if (route == null) {
            throw Problem.of(ProblemCode.FORBIDDEN, "Only the device's owner, helpdesk or admin may reveal its key.").exception();
        }
        denial.source(route.auditSource());
        return route;
    }

    private void requireWellFormed(String deviceId, RevealRequest request, ReleaseRoute route) {
        denial.reason(request.reason());
        if (deviceId == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "The device ID must be a GUID.").exception();
        }
        if (request.keyId() != null && Guid.normalize(request.keyId()) == null) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'keyId' must be a GUID.").exception();
        }
        if (request.reason() != null && request.reason().length() > 1000) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, "'reason' is limited to 1000 characters.").exception();
        }
        if (request.wantsBreakGlass()) {
            if (route != ReleaseRoute.ADMIN) {
                throw Problem.of(ProblemCode.FORBIDDEN, "Only admins may use break-glass.").exception();
            }
            if (request.reason() == null || request.reason().strip().length() < BREAK_GLASS_MIN_REASON) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, "Break-glass needs a 'reason' of at least "
                        + BREAK_GLASS_MIN_REASON + " characters.").exception();
            }
        }
        if (request.ticket() != null && route != ReleaseRoute.OWNER) {
            denial.ticket(new io.keygate.bitlocker.audit.AuditTicket(tickets.system(), request.ticket(), null, null, null));
            tickets.requireWellFormed(request.ticket());
        }
    }

    private RecoveryKeyEntity requireKey(DeviceEntity device, String deviceId, String rawKeyId) {
        if (device == null) {
            throw Problem.of(ProblemCode.DEVICE_NOT_FOUND, "No device " + deviceId + ".").exception();
        }
        List<RecoveryKeyEntity> keys = directory.keysOf(List.of(device)).getOrDefault(device.getId(), List.of());
        String keyId = Guid.normalize(rawKeyId);
        RecoveryKeyEntity key = keyId != null
                ? keys.stream().filter(k -> k.getKeyId().equals(keyId)).findFirst().orElse(null)
                : keys.stream().filter(k -> KeyState.ACTIVE.name().equals(k.getState())
                        && VolumeType.OPERATING_SYSTEM.name().equals(k.getVolumeType())).findFirst().orElse(null);
        if (key == null) {
            throw Problem.of(ProblemCode.KEY_NOT_FOUND, keyId != null ? "Device " + deviceId + " has no key " + keyId + "."
                    : "Device " + deviceId + " has no active operating-system key.").exception();
        }
        denial.keyId(key.getKeyId());
        return key;
    }

    private Ticket justify(ReleaseRoute route, RevealRequest request, DeviceEntity device) {
        if (route == ReleaseRoute.OWNER) {
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
        Ticket ticket = tickets.verify(request.ticket(), device);
        denial.ticket(TicketCheck.audit(ticket));
        List<String> released = new AuditLog(session, realm).devicesReleasedUnder(ticket.system(), ticket.key());
        if (!released.contains(device.getDeviceId()) && released.size() >= config.ticketing.maxDevicesPerTicket) {
            throw Problem.of(ProblemCode.TICKET_REUSE_LIMIT, "Ticket " + ticket.key() + " has already released keys of "
                    + released.size() + " device(s).").exception();
        }
        return ticket;
    }

    private void requireWithinRateLimit() {
        long recent = new AuditLog(session, realm).releasesBy(caller.userId(), Time.currentTimeMillis() - HOUR_MILLIS);
        if (recent >= config.limits.revealsPerUserPerHour) {
            throw Problem.of(ProblemCode.RATE_LIMITED, "At most " + config.limits.revealsPerUserPerHour
                    + " key releases per hour.").header("Retry-After", "3600").exception();
        }
    }

    private String fetch(DeviceEntity device, RecoveryKeyEntity key) {
        KeySourceProvider source = session.getProvider(KeySourceProvider.class, device.getSource());
        if (source == null) {
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, "Key source '" + device.getSource() + "' is not installed.").exception();
        }
        long start = System.nanoTime();
        try {
            String password = source.recoveryPassword(realm, config, device, key);
            BitLockerMetrics.keySource(device.getSource(), "ok", Duration.ofNanos(System.nanoTime() - start));
            return password;
        } catch (KeySourceUnavailableException e) {
            BitLockerMetrics.keySource(device.getSource(), "unavailable", Duration.ofNanos(System.nanoTime() - start));
            LOG.warnf("Key source '%s' could not deliver key %s of device %s: %s", device.getSource(), key.getKeyId(),
                    device.getDeviceId(), e.getMessage());
            throw Problem.of(ProblemCode.KEY_SOURCE_UNAVAILABLE, e.getMessage()).exception();
        }
    }

    private record Committed(String auditId, String rotationId, String rotationStatus) {
    }

    /**
     * One transaction of its own, committed before the key is returned: the KEY_REVEALED entry
     * (and BREAK_GLASS), the queued ticket annotation and e-mails, and the follow-up rotation.
     */
    private Committed commitAudit(ReleaseRoute route, RevealRequest request, DeviceEntity device, RecoveryKeyEntity key,
            Ticket ticket) {
        AuditActor actor = ctx.actor().withSource(route.auditSource());
        String realmId = realm.getId();
        String devicePk = device.getId();
        try {
            return Transactions.inRealm(session.getKeycloakSessionFactory(), realmId, (s, r) -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                AuditLog audit = new AuditLog(s, r);
                if (request.wantsBreakGlass()) {
                    audit.append(actor.event(AuditAction.BREAK_GLASS, AuditOutcome.SUCCESS)
                            .device(device.getDeviceId(), device.getDeviceName()).keyId(key.getKeyId())
                            .reason(request.reason()).acr(caller.token().getAcr()));
                }
                String auditId = audit.append(actor.event(AuditAction.KEY_REVEALED, AuditOutcome.SUCCESS)
                        .device(device.getDeviceId(), device.getDeviceName()).keyId(key.getKeyId())
                        .ticket(TicketCheck.audit(ticket)).reason(request.reason()).acr(caller.token().getAcr())).getId();
                if (ticket != null && config.ticketing.annotate) {
                    em.persist(annotation(realmId, auditId, ticket, device, key));
                }
                ReleaseNotifications.queue(em, realmId, config.notifications, new ReleaseNotifications.Release(auditId,
                        device.getDeviceId(), device.getDeviceName(), device.getOwnerUserId(), device.getOwnerEmail(),
                        key.getKeyId(),
                        caller.userId(), caller.username(), ticket, request.wantsBreakGlass(), request.reason(),
                        Time.currentTimeMillis()));
                RotationEntity rotation = null;
                if (config.rotation.afterReveal) {
                    DeviceEntity managed = em.find(DeviceEntity.class, devicePk);
                    rotation = new Rotations(em, new DeviceDirectory(em, realmId), audit)
                            .request(managed, actor, ticket == null ? null : ticket.key(), "after reveal " + auditId);
                }
                em.flush();
                return new Committed(auditId, rotation == null ? null : rotation.getId(),
                        rotation == null ? null : rotation.getStatus());
            });
        } catch (RuntimeException e) {
            LOG.errorf("Audit entry for the release of key %s could not be committed; the key is withheld: %s",
                    key.getKeyId(), e.toString());
            throw Problem.of(ProblemCode.AUDIT_UNAVAILABLE, "The release could not be audited, so the key is withheld.").exception();
        }
    }

    private TicketAnnotationEntity annotation(String realmId, String auditId, Ticket ticket, DeviceEntity device,
            RecoveryKeyEntity key) {
        TicketAnnotationEntity a = new TicketAnnotationEntity();
        a.setId(UUID.randomUUID().toString());
        a.setRealmId(realmId);
        a.setAuditId(auditId);
        a.setTicketSystem(ticket.system());
        a.setTicketKey(ticket.key());
        a.setDeviceId(device.getDeviceId());
        a.setDeviceName(device.getDeviceName());
        a.setKeyId(key.getKeyId());
        a.setActorUsername(caller.username());
        long now = Time.currentTimeMillis();
        a.setReleasedAt(now);
        a.setStatus(TicketAnnotationEntity.QUEUED);
        a.setAttempts(0);
        a.setNextAttemptAt(now);
        return a;
    }

    private Map<String, Object> response(DeviceEntity device, RecoveryKeyEntity key, String recoveryPassword,
            Committed committed, Ticket ticket) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", device.getDeviceId());
        m.put("deviceName", device.getDeviceName());
        m.put("keyId", key.getKeyId());
        m.put("volumeType", key.getVolumeType());
        m.put("createdAt", DeviceRepresentations.iso(key.getCreatedAt()));
        m.put("recoveryPassword", recoveryPassword);
        m.put("auditId", committed.auditId());
        m.put("ticket", TicketCheck.representation(ticket));
        if (committed.rotationId() == null) {
            m.put("rotation", null);
        } else {
            Map<String, Object> rotation = new LinkedHashMap<>();
            rotation.put("rotationId", committed.rotationId());
            rotation.put("status", committed.rotationStatus());
            m.put("rotation", rotation);
        }
        return m;
    }

    private void auditDenial(Problem problem) {
        denial.code(problem.code().code());
        BitLockerMetrics.reveal("DENIED", problem.code().code(), denial.source().name());
        try {
            AuditLog.appendCommitted(session, realm, denial);
        } catch (RuntimeException e) {
            LOG.errorf("Could not audit a denied release (%s): %s", problem.code().code(), e.toString());
        }
    }
}
