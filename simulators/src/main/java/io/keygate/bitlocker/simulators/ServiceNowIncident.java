package io.keygate.bitlocker.simulators;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A ServiceNow incident to seed.
 *
 * @param state             1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled
 * @param configurationItem the {@code cmdb_ci} CI's name, or empty
 * @param sysClassName      the record's class; {@code incident} unless testing an extended table
 */
public record ServiceNowIncident(String number, String shortDescription, String description, int state,
        boolean active, String configurationItem, String sysClassName) {

    public ServiceNowIncident {
        shortDescription = shortDescription == null ? "" : shortDescription;
        description = description == null ? "" : description;
        state = state == 0 ? 2 : state;
        configurationItem = configurationItem == null ? "" : configurationItem;
        sysClassName = sysClassName == null || sysClassName.isBlank() ? "incident" : sysClassName;
    }

    /** An active incident In Progress. */
    public static ServiceNowIncident inProgress(String number, String shortDescription) {
        return new ServiceNowIncident(number, shortDescription, "", 2, true, "", "incident");
    }

    public ServiceNowIncident describedAs(String text) {
        return new ServiceNowIncident(number, shortDescription, text, state, active, configurationItem, sysClassName);
    }

    public ServiceNowIncident forConfigurationItem(String ciName) {
        return new ServiceNowIncident(number, shortDescription, description, state, active, ciName, sysClassName);
    }

    /** A state; 6 (Resolved) and above also make the incident inactive, as ServiceNow's business rules do. */
    public ServiceNowIncident inState(int newState) {
        return new ServiceNowIncident(number, shortDescription, description, newState, newState < 6,
                configurationItem, sysClassName);
    }

    /** Closed (7) and inactive. */
    public ServiceNowIncident closed() {
        return inState(7);
    }

    public ServiceNowIncident ofClass(String className) {
        return new ServiceNowIncident(number, shortDescription, description, state, active, configurationItem, className);
    }

    /** A stable sys_id (32 hex digits) derived from the number, so tests can predict write-back URLs. */
    public String sysId() {
        return sysIdOf("incident:" + number.toUpperCase(Locale.ROOT));
    }

    static String sysIdOf(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
