package io.keygate.bitlocker.justification;

import java.time.Duration;
import java.util.Optional;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
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
 * the live ticket through the ticketing SPI. Any doubt fails closed. (The reuse limit counts releases:
 * the release's {@code ReleaseLimits}.)
 */
public class LiveTicketCheck implements TicketCheck {

    private static final Logger LOG = Logger.getLogger(LiveTicketCheck.class);
    private static final int MAX_KEY_LENGTH = 64;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final BitLockerConfig config;

    public LiveTicketCheck(KeycloakSession session, RealmModel realm, BitLockerConfig config) {
        this.session = session;
        this.realm = realm;
        this.config = config;
    }

    @Override
    public String system() {
        return config.ticketing.system;
    }

    private TicketingProvider provider() {
        TicketingProvider provider = session.getProvider(TicketingProvider.class, system());
        if (provider == null) {
            throw Problem.of(ProblemCode.TICKETING_UNAVAILABLE,
                    "No ticketing provider '" + system() + "' is installed.").exception();
        }
        return provider;
    }

    @Override
    public void requireWellFormed(String ticketKey) {
        if (ticketKey == null || ticketKey.length() > MAX_KEY_LENGTH || !provider().isWellFormedKey(ticketKey)) {
            throw Problem.of(ProblemCode.INVALID_TICKET, "'ticket' is not a " + system() + " ticket key.").exception();
        }
    }

    private TicketingSettings settings() {
        return new RealmConfigStore(session, realm).ticketingSettings(config).orElseThrow(() -> Problem.of(
                ProblemCode.TICKETING_UNAVAILABLE, "The realm has no ticketing system configured.").exception());
    }

    @Override
    public Ticket verify(String ticketKey, DeviceModel device) {
        BitLockerConfig.Ticketing rules = config.ticketing;
        return verify(ticketKey, new TicketPolicy(rules.incidentTypes, rules.requireDeviceReference), device.getId(),
                device.getName());
    }

    /**
     * A campaign's ticket (SPEC §14): open and of a type in {@code campaigns.ticketTypes}; it need not name any
     * device. The same codes as a release's ticket otherwise, failing closed.
     */
    public Ticket verifyCampaignTicket(String ticketKey) {
        return verify(ticketKey, new TicketPolicy(config.campaigns.ticketTypes, false), null, null);
    }

    private Ticket verify(String ticketKey, TicketPolicy policy, String deviceId, String deviceName) {
        Optional<Ticket> found;
        long start = System.nanoTime();
        try {
            found = provider().fetch(settings(), ticketKey);
            BitLockerMetrics.ticketCheck(system(), found.isPresent() ? "found" : "not_found",
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (TicketingUnavailableException e) {
            BitLockerMetrics.ticketCheck(system(), "unavailable", Duration.ofNanos(System.nanoTime() - start));
            LOG.warnf("Ticketing system '%s' unavailable while checking %s: %s", system(), ticketKey, e.getMessage());
            throw Problem.of(ProblemCode.TICKETING_UNAVAILABLE, "The ticketing system could not confirm the ticket.").exception();
        }
        TicketVerdict verdict = policy.evaluate(found, deviceId, deviceName);
        return switch (verdict) {
            case ACCEPTED -> found.get();
            case TICKET_NOT_FOUND -> throw denial(ProblemCode.TICKET_NOT_FOUND, "Ticket " + ticketKey + " does not exist.", found);
            case TICKET_WRONG_TYPE -> throw denial(ProblemCode.TICKET_WRONG_TYPE, "Ticket " + ticketKey + " is not of type "
                    + policy.incidentTypes() + ".", found);
            case TICKET_NOT_OPEN -> throw denial(ProblemCode.TICKET_NOT_OPEN, "Ticket " + ticketKey + " is not open.", found);
            case TICKET_DEVICE_MISMATCH -> throw denial(ProblemCode.TICKET_DEVICE_MISMATCH, "Ticket " + ticketKey
                    + " does not name device " + deviceName + ".", found);
        };
    }

    private static TicketDenied denial(ProblemCode code, String detail, Optional<Ticket> ticket) {
        return new TicketDenied(Problem.of(code, detail), ticket.orElse(null));
    }
}
