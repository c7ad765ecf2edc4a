package io.keygate.bitlocker.config;

import java.util.Set;

import io.keygate.bitlocker.keysource.ad.ActiveDirectoryKeySourceProviderFactory;
import io.keygate.bitlocker.keysource.entra.EntraKeySourceProviderFactory;
import io.keygate.bitlocker.keysource.local.LocalKeySourceProviderFactory;
import io.keygate.bitlocker.ticketing.TicketingProviderFactory;
import io.keygate.bitlocker.ticketing.jira.JiraProviderFactory;
import io.keygate.bitlocker.ticketing.servicenow.ServiceNowProviderFactory;

/**
 * A stock installation as validation sees it: the {@code local}, {@code entra} and {@code activeDirectory} key sources, Jira and
 * ServiceNow — each factory's own checks, as deployed.
 */
final class TestInstalledProviders implements InstalledProviders {

    @Override
    public Set<String> keySources() {
        return Set.of("local", "entra", "activeDirectory");
    }

    @Override
    public Set<String> ticketingSystems() {
        return Set.of("jira", "servicenow");
    }

    @Override
    public void validateSections(BitLockerConfig config) throws ConfigValidationException {
        new LocalKeySourceProviderFactory().validate(config);
        new EntraKeySourceProviderFactory().validate(config);
        new ActiveDirectoryKeySourceProviderFactory().validate(config);
        TicketingProviderFactory ticketing = "jira".equals(config.ticketing.system) ? new JiraProviderFactory()
                : new ServiceNowProviderFactory();
        try {
            ticketing.validate(config.ticketing.settings(config.ticketing.token));
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException(e.getMessage());
        }
    }
}
