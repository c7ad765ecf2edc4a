package io.keygate.bitlocker.authz;

import java.util.List;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * SPEC §2: whose tokens the realm's API takes ({@code access.clients}). People's endpoints take the
 * listed clients only ({@code ["*"]}: any client of the realm); the agents' check-in also takes a
 * client's own service account, whatever the list says, because each agent deployment brings its own client.
 */
public final class ClientAccess {

    private final List<String> clients;

    public ClientAccess(BitLockerConfig.Access access) {
        this.clients = List.copyOf(access.clients);
    }

    /**
     * The client is in the list by its own ID (the default clients included), not through {@code "*"}: only
     * then is it trusted to say what its logins are worth (its own ACR→LoA map).
     */
    public boolean names(String clientId) {
        return clientId != null && !BitLockerConfig.Access.ANY_CLIENT.equals(clientId) && clients.contains(clientId);
    }

    public boolean accepts(String clientId) {
        return clients.equals(List.of(BitLockerConfig.Access.ANY_CLIENT)) || names(clientId);
    }

    /** 401 unless the token was issued to ({@code azp}) a client of {@code access.clients}. */
    public void requirePeopleClient(Caller caller) {
        if (!accepts(caller.clientId())) {
            throw refused();
        }
    }

    /**
     * The check-in ({@code PUT /escrow/devices/{id}}): a listed client, or any client calling as its own
     * service account (whose {@code bitlocker-escrow-agent} role the check-in then requires, SPEC §2).
     */
    public void requireAgentClient(RealmModel realm, Caller caller) {
        if (accepts(caller.clientId())) {
            return;
        }
        ClientModel client = caller.clientId() == null ? null : realm.getClientByClientId(caller.clientId());
        String serviceAccountOf = caller.user().getServiceAccountClientLink();
        if (client == null || serviceAccountOf == null || !serviceAccountOf.equals(client.getId())) {
            throw refused();
        }
    }

    private static ProblemException refused() {
        return Problem.of(ProblemCode.AUTHENTICATION_REQUIRED,
                "This realm accepts access tokens of its BitLocker clients only (access.clients).").exception();
    }
}
