package io.keygate.bitlocker.authz;

import java.util.Map;

import io.keygate.bitlocker.audit.AuditActor;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;

/** What every service of one request shares: session, realm, the realm's configuration, the caller. */
public record RequestContext(KeycloakSession session, RealmModel realm, BitLockerConfig config, Caller caller) {

    /** 403 {@code not_enabled} unless the realm's configuration turns the extension on. */
    public static void requireEnabled(RealmModel realm, BitLockerConfig config) {
        if (!config.enabled) {
            throw Problem.of(ProblemCode.NOT_ENABLED,
                    "BitLocker Key Gate is not enabled in realm '" + realm.getName() + "'.").exception();
        }
    }

    /**
     * This request deciding on the configuration as committed, not this node's cached copy (a change at another
     * node may not have reached it yet): what a release decides on.
     */
    public RequestContext withCommittedConfig() {
        BitLockerConfig committed = new RealmConfigStore(session, realm).loadCurrent();
        requireEnabled(realm, committed);
        return new RequestContext(session, realm, committed, caller);
    }

    /** 403 unless the caller holds one of the roles. */
    public void requireAny(BitLockerRole... roles) {
        if (!caller.hasAny(roles)) {
            throw Problem.of(ProblemCode.FORBIDDEN, "This operation needs one of the roles "
                    + java.util.Arrays.stream(roles).map(BitLockerRole::roleName).toList() + ".").exception();
        }
    }

    /** 401 with the RFC 9470 challenge unless the token is strong and fresh enough (SPEC §4). */
    public void requireStepUp(boolean waived) {
        if (waived) {
            return;
        }
        StepUpPolicy policy = new StepUpPolicy(config.stepUp, acrLevels());
        String shortfall = policy.shortfall(caller.token(), Time.currentTime());
        if (shortfall != null) {
            throw policy.challenge(shortfall).exception();
        }
    }

    /**
     * The ACR→LoA map of the client that got the token, where it has one and {@code access.clients} names it;
     * else the realm's (SPEC §2): whoever administers some other client cannot redefine what a level means.
     */
    private Map<String, Integer> acrLevels() {
        boolean trusted = new ClientAccess(config.access).names(caller.clientId());
        ClientModel client = trusted ? realm.getClientByClientId(caller.clientId()) : null;
        Map<String, Integer> levels = client == null ? Map.of() : AcrUtils.getAcrLoaMap(client);
        return levels.isEmpty() ? AcrUtils.getAcrLoaMap(realm) : levels;
    }

    /** The caller as the audit log records them. */
    public AuditActor actor() {
        return new AuditActor(caller.userId(), caller.username(), caller.clientId(), caller.ipAddress(),
                caller.userAgent(), AuditSource.API);
    }
}
