package io.keygate.bitlocker.it.support;

import io.keygate.bitlocker.simulators.JiraSimulator;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the browser tests of the console and the account page set up the same way. */
public final class Console {

    private Console() {
    }

    /** The helpdesk console's address in a realm (SPEC §13). */
    public static String url(String realm) {
        return Api.BASE + "/realms/" + realm + "/devices/security/bitlocker/console/";
    }

    /**
     * A helpdesk realm's configuration: local keys, no rotation after a reveal (the tests reveal the same key
     * again), a high reveal limit, Jira as the ticketing system, and the given sections besides
     * ({@code "approval":{…}}, …; none for the plain set-up).
     */
    public static String helpdeskConfig(JiraSimulator jira, String... sections) {
        StringBuilder config = new StringBuilder("{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"limits\":{\"revealsPerUserPerHour\":1000},");
        for (String section : sections) {
            config.append(section).append(',');
        }
        return config.append(JiraCloud.ticketing(jira)).append('}').toString();
    }

    /** The realm's account console becomes the theme 'keygate' (Keycloak's account console plus our page). */
    public static void useAccountTheme(ManagedRealm realm) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setAccountTheme("keygate");
        realm.admin().update(rep);
    }
}
