package io.keygate.bitlocker.testproviders;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.bitlocker.ticketing.Ticket;
import io.keygate.bitlocker.ticketing.TicketComment;
import io.keygate.bitlocker.ticketing.TicketingProvider;
import io.keygate.bitlocker.ticketing.TicketingProviderFactory;
import io.keygate.bitlocker.ticketing.TicketingSettings;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * An operator's own ITSM ({@code acme-itsm}), answered in memory: {@code ACME-<n>} tickets; even
 * numbers are open incidents that name every device, odd ones are closed. Its settings need an
 * {@code https} base URL on {@code acme.test}.
 */
public class AcmeItsmTicketingFactory implements TicketingProviderFactory {

    public static final String ID = "acme-itsm";
    private static final Pattern KEY = Pattern.compile("^ACME-[1-9][0-9]{0,8}$");

    @Override
    public TicketingProvider create(KeycloakSession session) {
        return new TicketingProvider() {
            @Override
            public boolean isWellFormedKey(String key) {
                return key != null && KEY.matcher(key).matches();
            }

            @Override
            public Optional<Ticket> fetch(TicketingSettings settings, String key) {
                boolean open = Long.parseLong(key.substring(5)) % 2 == 0;
                return Optional.of(new Ticket(ID, key, key, settings.trimmedBaseUrl() + "/tickets/" + key,
                        open ? "Open" : "Closed", "Incident", open, List.of("every device")));
            }

            @Override
            public void annotate(TicketingSettings settings, String key, TicketComment annotation) {
            }
        };
    }

    @Override
    public void validate(TicketingSettings settings) {
        if (!settings.baseUrl().isEmpty() && !settings.baseUrl().startsWith("https://itsm.acme.test")) {
            throw new IllegalArgumentException("'ticketing.baseUrl' must be ACME's ITSM (https://itsm.acme.test)");
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
