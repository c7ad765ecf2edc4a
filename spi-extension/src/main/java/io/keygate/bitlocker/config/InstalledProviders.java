package io.keygate.bitlocker.config;

import java.util.Set;

/**
 * What the key sources and ticketing systems installed in this Keycloak accept: their ids (the
 * valid values of {@code keySource} and {@code ticketing.system}) and the checks of the sections
 * they own (Keycloak's {@code ConfiguredProvider} idea). An operator's own factory is as valid as ours.
 */
public interface InstalledProviders {

    Set<String> keySources();

    Set<String> ticketingSystems();

    /** Each installed key source checks its own section; the selected ticketing system checks {@code ticketing}. */
    void validateSections(BitLockerConfig config) throws ConfigValidationException;
}
