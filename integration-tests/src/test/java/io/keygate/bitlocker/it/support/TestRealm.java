package io.keygate.bitlocker.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * A realm with one user per role of SPEC §2 (password {@value #PASSWORD}; every user also has a
 * TOTP credential with secret {@value #TOTP_SECRET}), the step-up browser flow the demo uses
 * (level 1 = password, level 2 = OTP) and a public test client with direct grants. The extension
 * is enabled through its admin API by the tests.
 */
public class TestRealm implements RealmConfig {

    public static final String PASSWORD = "Passw0rd!";
    public static final String TOTP_SECRET = "bitlocker-keygate-totp-secret";
    public static final String CLIENT = "bitlocker-tests";
    /** A client whose default scopes leave out {@code acr}: its tokens carry no acr claim. */
    public static final String CLIENT_WITHOUT_ACR = "bitlocker-tests-no-acr";
    /** The device agent: a confidential client whose service account has bitlocker-escrow-agent. */
    public static final String AGENT_CLIENT = "bitlocker-agent";
    public static final String AGENT_SECRET = "agent-secret";
    public static final String REDIRECT_URI = "http://localhost:8500/callback";
    /**
     * {@code access.clients} of the test realms: the default clients and the test clients above. The agent's client
     * is listed too, so the role tests see 403 where its service account calls people's endpoints.
     */
    public static final List<String> ACCESS_CLIENTS = List.of("bitlocker-console", "account-console", CLIENT,
            CLIENT_WITHOUT_ACR, AGENT_CLIENT);

    public static final String HELPDESK = "hannah.helpdesk";
    public static final String ADMIN = "adam.admin";
    public static final String AUDITOR = "alice.auditor";
    /** Holds bitlocker-approver only: decides release requests of others (SPEC §11). */
    public static final String APPROVER = "april.approver";
    public static final String OWNER = "olivia.owner";
    public static final String OTHER = "oscar.other";
    public static final String REALM_ADMIN = "rita.realmadmin";
    public static final String REALM_VIEWER = "victor.viewer";
    /** No roles at all and no OTP: a plain user who can log in to admin-cli. */
    public static final String NOBODY = "nora.nobody";

    /** The step-up flow shared with the demo realm. */
    static final Path STEP_UP_FLOW = Path.of("..", "distribution", "src", "demo", "step-up-flow.json");

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm
                .roles("bitlocker-helpdesk", "bitlocker-admin", "bitlocker-auditor", "bitlocker-approver", "bitlocker-escrow-agent")
                .clients(ClientBuilder.create(CLIENT).publicClient().directAccessGrantsEnabled()
                                .redirectUris(REDIRECT_URI),
                        ClientBuilder.create(CLIENT_WITHOUT_ACR).publicClient().redirectUris(REDIRECT_URI)
                                .defaultClientScopes("basic", "profile", "email", "roles", "web-origins"),
                        ClientBuilder.create(AGENT_CLIENT).secret(AGENT_SECRET).serviceAccountsEnabled()
                                .directAccessGrantsEnabled(false))
                .users(user(HELPDESK).realmRoles("bitlocker-helpdesk"),
                        user(ADMIN).realmRoles("bitlocker-admin"),
                        user(AUDITOR).realmRoles("bitlocker-auditor"),
                        user(APPROVER).realmRoles("bitlocker-approver"),
                        UserBuilder.create("service-account-" + AGENT_CLIENT).enabled(true)
                                .serviceAccountId(AGENT_CLIENT).realmRoles("bitlocker-escrow-agent"),
                        // Device owners use Keycloak's account console (its self-service page): the account roles
                        // a new user gets by default, which a realm import does not grant by itself.
                        user(OWNER).clientRoles("account", "manage-account", "view-profile"),
                        user(OTHER).clientRoles("account", "manage-account", "view-profile"),
                        adminUser(REALM_ADMIN).clientRoles("realm-management", "manage-realm", "view-realm"),
                        adminUser(REALM_VIEWER).clientRoles("realm-management", "view-realm"),
                        adminUser(NOBODY))
                .update(TestRealm::addStepUpFlow);
    }

    static void addStepUpFlow(RealmRepresentation rep) {
        try {
            RealmRepresentation flow = JsonSerialization.readValue(java.nio.file.Files.readAllBytes(STEP_UP_FLOW), RealmRepresentation.class);
            List<AuthenticationFlowRepresentation> flows = new ArrayList<>(
                    rep.getAuthenticationFlows() == null ? List.of() : rep.getAuthenticationFlows());
            flows.addAll(flow.getAuthenticationFlows());
            rep.setAuthenticationFlows(flows);
            List<AuthenticatorConfigRepresentation> configs = new ArrayList<>(
                    rep.getAuthenticatorConfig() == null ? List.of() : rep.getAuthenticatorConfig());
            configs.addAll(flow.getAuthenticatorConfig());
            rep.setAuthenticatorConfig(configs);
            rep.setBrowserFlow(flow.getBrowserFlow());
            // Realm import resolves flow binding overrides by flow ID (IDs are global: one per realm).
            String grantFlowId = java.util.UUID.randomUUID().toString();
            flows.add(passwordOnlyDirectGrant(grantFlowId));
            rep.getClients().stream().filter(c -> CLIENT.equals(c.getClientId())).forEach(c ->
                    c.setAuthenticationFlowBindingOverrides(java.util.Map.of("direct_grant", grantFlowId)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STEP_UP_FLOW.toAbsolutePath(), e);
        }
    }

    static final String PASSWORD_ONLY_GRANT_ALIAS = "direct-grant-password-only";

    /**
     * The test client's direct grant asks for the password only, whatever OTP the user has:
     * its tokens are level 1 without auth_time, the weak tokens the step-up tests need.
     */
    private static AuthenticationFlowRepresentation passwordOnlyDirectGrant(String id) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setId(id);
        flow.setAlias(PASSWORD_ONLY_GRANT_ALIAS);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        flow.setAuthenticationExecutions(List.of(execution("direct-grant-validate-username", 10),
                execution("direct-grant-validate-password", 20)));
        return flow;
    }

    private static org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation execution(
            String authenticator, int priority) {
        var e = new org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation();
        e.setAuthenticator(authenticator);
        e.setRequirement("REQUIRED");
        e.setPriority(priority);
        e.setAuthenticatorFlow(false);
        e.setUserSetupAllowed(false);
        return e;
    }

    protected static UserBuilder user(String username) {
        return adminUser(username).totpSecret(TOTP_SECRET);
    }

    /** Realm administrators log in to admin-cli with a password only. */
    private static UserBuilder adminUser(String username) {
        String[] names = username.split("\\.");
        return UserBuilder.create(username).enabled(true).password(PASSWORD)
                .email(username + "@example.test").emailVerified(true)
                .firstName(capitalize(names[0])).lastName(capitalize(names[1]));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
