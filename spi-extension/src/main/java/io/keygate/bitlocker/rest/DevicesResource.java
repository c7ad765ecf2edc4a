package io.keygate.bitlocker.rest;

import java.util.regex.Pattern;

import jakarta.ws.rs.Path;

import io.keygate.bitlocker.authz.BearerAuthentication;
import io.keygate.bitlocker.authz.Caller;
import io.keygate.bitlocker.authz.ClientAccess;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.problem.DatabaseUnavailable;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/devices}: the realm must have the extension enabled, and every call
 * below {@code security/bitlocker} carries a bearer token of this realm.
 */
public class DevicesResource {

    private static final Pattern REVEAL = Pattern.compile("/?realms/[^/]+/devices/security/bitlocker/keys/[^/]+/reveal/?");
    private static final Pattern CHECK_IN = Pattern.compile("/?realms/[^/]+/devices/security/bitlocker/escrow/devices/[^/]+/?");

    private final KeycloakSession session;

    public DevicesResource(KeycloakSession session) {
        this.session = session;
    }

    /** The console's static files: no token (the page signs in itself), not even an enabled realm. */
    @Path("security/bitlocker/console")
    public ConsoleResource console() {
        try {
            ContentTypeHeader.requireMediaType(session);
        } catch (ProblemException e) {
            throw ProblemResponses.asException(e);
        }
        return new ConsoleResource(session);
    }

    @Path("security/bitlocker")
    public BitLockerResource bitlocker() {
        RealmModel realm = session.getContext().getRealm();
        try {
            ContentTypeHeader.requireMediaType(session);
            // A reveal decides on the configuration as committed (a change at another node is not guaranteed to
            // have reached this node's cache yet); every other request reads this node's cached copy.
            RealmConfigStore configs = new RealmConfigStore(session, realm);
            BitLockerConfig config = isReveal() ? configs.loadCurrent() : configs.load();
            if (!config.enabled) {
                throw Problem.of(ProblemCode.NOT_ENABLED,
                        "BitLocker Key Gate is not enabled in realm '" + realm.getName() + "'.").exception();
            }
            Caller caller = BearerAuthentication.authenticate(session, realm);
            ClientAccess clients = new ClientAccess(config.access);
            if (isAgentCheckIn()) {
                clients.requireAgentClient(realm, caller);
            } else {
                clients.requirePeopleClient(caller);
            }
            return new BitLockerResource(new RequestContext(session, realm, config, caller));
        } catch (ProblemException e) {
            throw ProblemResponses.asException(e);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            throw ProblemResponses.asException(ProblemResponses.databaseUnavailable(e).exception());
        }
    }

    /** {@code POST …/keys/{deviceId}/reveal}, read decoded like the check-in's path. */
    private boolean isReveal() {
        return "POST".equals(session.getContext().getHttpRequest().getHttpMethod())
                && REVEAL.matcher(session.getContext().getUri().getPath(true)).matches();
    }

    /**
     * {@code PUT …/escrow/devices/{deviceId}}, the one endpoint an agent's own client may call (SPEC §2). Decided
     * here, where the token is checked once, so that every other endpoint — present or added later — follows
     * {@code access.clients}. The path is read decoded: an encoded slash never makes another route look like this one.
     */
    private boolean isAgentCheckIn() {
        return "PUT".equals(session.getContext().getHttpRequest().getHttpMethod())
                && CHECK_IN.matcher(session.getContext().getUri().getPath(true)).matches();
    }
}
