package io.keygate.bitlocker.release;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.keygate.bitlocker.audit.AuditTicket;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.rest.Problem;
import io.keygate.bitlocker.rest.ProblemCode;
import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketPolicy;
import io.keygate.bitlocker.ticketing.TicketVerdict;
import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * SPEC §6 against the realm's ticketing system: format first (no call on a malformed key), then
 * the live ticket through the ticketing SPI. Any doubt fails closed.
 */
public class TicketCheck {

    private static final Logger LOG = Logger.getLogger(TicketCheck.class);

    private final KeycloakSession session;
    private final BitLockerConfig fullConfig;
    private final BitLockerConfig.Ticketing config;
    private final RealmConfigStore store;

    public TicketCheck(KeycloakSession session, RealmModel realm, BitLockerConfig config) {
        this.session = session;
        this.fullConfig = config;
        this.config = config.ticketing;
        this.store = new RealmConfigStore(session, realm);
    }

    public String system() {
        return config.system;
    }

    private TicketingProvider provider() {
        TicketingProvider provider = session.getProvider(TicketingProvider.class, config.system);
        if (provider == null) {
            throw Problem.of(ProblemCode.TICKETING_UNAVAILABLE,
                    "No ticketing provider '" + config.system + "' is installed.").exception();
        }
        return provider;
    }

    /** Step 4: 400 invalid_ticket unless the key has the system's format. */
    public void requireWellFormed(String ticketKey) {
        if (ticketKey == null || ticketKey.length() > 64 || !provider().isWellFormedKey(ticketKey)) {
            throw Problem.of(ProblemCode.INVALID_TICKET, "'ticket' is not a " + config.system + " ticket key.").exception();
        }
    }

    public TicketingSettings settings() {
        return store.ticketingSettings(fullConfig).orElseThrow(() -> Problem.of(ProblemCode.TICKETING_UNAVAILABLE,
                "The realm has no ticketing system configured.").exception());
    }

    /** Step 6: the live ticket, or the denial its verdict calls for. */
    public Ticket verify(String ticketKey, DeviceEntity device) {
        Optional<Ticket> found;
        long start = System.nanoTime();
        try {
            found = provider().fetch(settings(), ticketKey);
            BitLockerMetrics.ticketCheck(config.system, found.isPresent() ? "found" : "not_found",
                    java.time.Duration.ofNanos(System.nanoTime() - start));
        } catch (TicketingUnavailableException e) {
            BitLockerMetrics.ticketCheck(config.system, "unavailable", java.time.Duration.ofNanos(System.nanoTime() - start));
            LOG.warnf("Ticketing system '%s' unavailable while checking %s: %s", config.system, ticketKey, e.getMessage());
            throw Problem.of(ProblemCode.TICKETING_UNAVAILABLE, "The ticketing system could not confirm the ticket.").exception();
        }
        TicketVerdict verdict = new TicketPolicy(config.incidentTypes, config.requireDeviceReference)
                .evaluate(found, device.getDeviceId(), device.getDeviceName());
        return switch (verdict) {
            case ACCEPTED -> found.get();
            case TICKET_NOT_FOUND -> throw denial(ProblemCode.TICKET_NOT_FOUND, "Ticket " + ticketKey + " does not exist.", found);
            case TICKET_WRONG_TYPE -> throw denial(ProblemCode.TICKET_WRONG_TYPE, "Ticket " + ticketKey + " is not of type "
                    + config.incidentTypes + ".", found);
            case TICKET_NOT_OPEN -> throw denial(ProblemCode.TICKET_NOT_OPEN, "Ticket " + ticketKey + " is not open.", found);
            case TICKET_DEVICE_MISMATCH -> throw denial(ProblemCode.TICKET_DEVICE_MISMATCH, "Ticket " + ticketKey
                    + " does not name device " + device.getDeviceName() + ".", found);
        };
    }

    private static TicketDenied denial(ProblemCode code, String detail, Optional<Ticket> ticket) {
        return new TicketDenied(Problem.of(code, detail), ticket.orElse(null));
    }

    public static AuditTicket audit(Ticket t) {
        return t == null ? null : new AuditTicket(t.system(), t.key(), t.url(), t.status(), t.type());
    }

    public static Map<String, Object> representation(Ticket t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", t.system());
        m.put("key", t.key());
        m.put("url", t.url());
        m.put("status", t.status());
        m.put("type", t.type());
        return m;
    }

    /** A ticket-rule denial that still knows the ticket as fetched, for the audit entry. */
    public static class TicketDenied extends io.keygate.bitlocker.rest.ProblemException {
        private final transient Ticket ticket;

        TicketDenied(Problem problem, Ticket ticket) {
            super(problem);
            this.ticket = ticket;
        }

        public Ticket ticket() {
            return ticket;
        }
    }
}
