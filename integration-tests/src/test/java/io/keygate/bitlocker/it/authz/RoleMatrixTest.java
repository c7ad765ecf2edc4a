package io.keygate.bitlocker.it.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keygate.bitlocker.it.support.Api;
import io.keygate.bitlocker.it.support.BitLockerServerConfig;
import io.keygate.bitlocker.it.support.BrowserLogin;
import io.keygate.bitlocker.it.support.Fleet;
import io.keygate.bitlocker.it.support.Realms;
import io.keygate.bitlocker.it.support.TestRealm;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SPEC §2 as a table: every role against every endpoint, with a step-up token so that only the
 * role decides. "Allowed" means anything but {@code 403 forbidden} (a helpdesk release without a
 * ticket is still refused, but for the ticket, not for the role).
 */
@KeycloakIntegrationTest(config = BitLockerServerConfig.class)
class RoleMatrixTest {

    private static final String HELPDESK = "helpdesk", ADMIN = "admin", AUDITOR = "auditor", AGENT = "agent",
            OWNER = "owner", OTHER = "other";

    @InjectRealm(config = TestRealm.class)
    ManagedRealm realm;

    private record Endpoint(String name, String method, String path, String body, Set<String> allowed) {
    }

    @Test
    void everyRoleReachesExactlyTheEndpointsSpecTwoGivesIt() {
        // Roles are what this matrix is about: the agent's plain bearer token may check in (an unbound realm).
        Realms.configure(realm.getName(), "{\"enabled\":true,\"local\":{\"kek\":\"" + Fleet.KEK + "\"},"
                + "\"rotation\":{\"afterReveal\":false},\"escrow\":{\"deviceBinding\":\"none\"}}");
        Fleet.Device owned = Fleet.escrow(realm.getName(), "MATRIX-PC", TestRealm.OWNER);
        String device = owned.deviceId();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(HELPDESK, BrowserLogin.cachedStepUpToken(realm, TestRealm.HELPDESK));
        tokens.put(ADMIN, BrowserLogin.cachedStepUpToken(realm, TestRealm.ADMIN));
        tokens.put(AUDITOR, BrowserLogin.cachedStepUpToken(realm, TestRealm.AUDITOR));
        tokens.put(AGENT, Fleet.agentToken(realm.getName()));
        tokens.put(OWNER, BrowserLogin.cachedStepUpToken(realm, TestRealm.OWNER));
        tokens.put(OTHER, BrowserLogin.cachedStepUpToken(realm, TestRealm.OTHER));

        List<Endpoint> endpoints = List.of(
                new Endpoint("list keys", "GET", "/keys", null, Set.of(HELPDESK, ADMIN)),
                new Endpoint("one device", "GET", "/keys/" + device, null, Set.of(HELPDESK, ADMIN, OWNER)),
                new Endpoint("reveal", "POST", "/keys/" + device + "/reveal", "{}", Set.of(HELPDESK, ADMIN, OWNER)),
                new Endpoint("rotate", "POST", "/keys/" + device + "/rotate", "{}", Set.of(HELPDESK, ADMIN)),
                new Endpoint("audit log", "GET", "/keys/audit", null, Set.of(AUDITOR, ADMIN)),
                new Endpoint("audit verify", "GET", "/keys/audit/verify", null, Set.of(AUDITOR, ADMIN)),
                new Endpoint("my devices", "GET", "/me/devices", null, Set.of(HELPDESK, ADMIN, AUDITOR, AGENT, OWNER, OTHER)),
                new Endpoint("escrow status", "GET", "/escrow/status", null, Set.of(HELPDESK, ADMIN, AUDITOR)),
                new Endpoint("check-in", "PUT", "/escrow/devices/" + Fleet.guid(),
                        Fleet.checkInBody("MATRIX-NEW", null, "NOT_ENCRYPTED", List.of()), Set.of(AGENT)),
                new Endpoint("pin binding", "PUT", "/escrow/devices/" + device + "/binding",
                        "{\"jkt\":\"" + DeviceAgent.withNewKey().thumbprint() + "\"}", Set.of(ADMIN)));

        StringBuilder mismatches = new StringBuilder();
        for (Endpoint e : endpoints) {
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                String url = Api.bitlocker(realm.getName()) + e.path();
                Api.Call call = switch (e.method()) {
                    case "GET" -> Api.get(url);
                    case "PUT" -> Api.put(url, e.body());
                    default -> Api.post(url, e.body());
                };
                Api.Reply reply = call.bearer(role.getValue()).send();
                boolean forbidden = reply.status() == 403 && "forbidden".equals(reply.code());
                boolean expectAllowed = e.allowed().contains(role.getKey());
                if (forbidden == expectAllowed || reply.status() == 401 || reply.status() >= 500) {
                    mismatches.append(e.name()).append(" as ").append(role.getKey()).append(": ").append(reply)
                            .append('\n');
                }
                if (!(e.name().equals("reveal") && role.getKey().equals(OWNER))) {
                    assertThat(reply.body()).as("%s as %s", e.name(), role.getKey())
                            .doesNotContainPattern(Fleet.RECOVERY_PASSWORD_SHAPE);
                }
            }
        }
        assertThat(mismatches.toString()).isEmpty();
    }
}
