package io.keygate.bitlocker.it.support;

import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * A realm with one user per role of SPEC §2 (password {@value #PASSWORD}) and a public test
 * client with direct grants. The extension is enabled through its admin API by the tests.
 */
public class TestRealm implements RealmConfig {

    public static final String PASSWORD = "Passw0rd!";
    public static final String CLIENT = "bitlocker-tests";

    public static final String HELPDESK = "hannah.helpdesk";
    public static final String ADMIN = "adam.admin";
    public static final String AUDITOR = "alice.auditor";
    public static final String AGENT = "agent.device";
    public static final String OWNER = "olivia.owner";
    public static final String OTHER = "oscar.other";
    public static final String REALM_ADMIN = "rita.realmadmin";
    public static final String REALM_VIEWER = "victor.viewer";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm
                .roles("bitlocker-helpdesk", "bitlocker-admin", "bitlocker-auditor", "bitlocker-escrow-agent")
                .clients(ClientBuilder.create(CLIENT).publicClient().directAccessGrantsEnabled()
                        .redirectUris("http://localhost:8500/*"))
                .users(user(HELPDESK).realmRoles("bitlocker-helpdesk"),
                        user(ADMIN).realmRoles("bitlocker-admin"),
                        user(AUDITOR).realmRoles("bitlocker-auditor"),
                        user(AGENT).realmRoles("bitlocker-escrow-agent"),
                        user(OWNER),
                        user(OTHER),
                        user(REALM_ADMIN).clientRoles("realm-management", "manage-realm", "view-realm"),
                        user(REALM_VIEWER).clientRoles("realm-management", "view-realm"));
    }

    private static UserBuilder user(String username) {
        String[] names = username.split("\\.");
        return UserBuilder.create(username).enabled(true).password(PASSWORD)
                .email(username + "@example.test").emailVerified(true)
                .firstName(capitalize(names[0])).lastName(capitalize(names[1]));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
