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
import io.keygate.bitlocker.problem.ProblemException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/devices}: the realm must have the extension enabled, and every call
 * below {@code security/bitlocker} carries a bearer token of this realm.
 */
public class DevicesResource {

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

    /** The API's description (SPEC §10): no token, not even an enabled realm — it describes, it holds no data. */
    @Path("security/bitlocker/openapi.yaml")
    public ApiDescriptionResource description() {
        return new ApiDescriptionResource();
    }

    @Path("security/bitlocker")
    public BitLockerResource bitlocker() {
        RealmModel realm = session.getContext().getRealm();
        try {
            ContentTypeHeader.requireMediaType(session);
            // This node's cached copy; a release decides again on the committed one (RequestContext.withCommittedConfig).
            BitLockerConfig config = new RealmConfigStore(session, realm).load();
            RequestContext.requireEnabled(realm, config);
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
