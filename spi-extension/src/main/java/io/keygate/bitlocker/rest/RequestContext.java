package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.Caller;
import io.keygate.bitlocker.config.BitLockerConfig;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** What every resource of one request shares: session, realm, the realm's configuration, the caller. */
public record RequestContext(KeycloakSession session, RealmModel realm, BitLockerConfig config, Caller caller) {

    /** 403 unless the caller holds one of the roles. */
    public void requireAny(BitLockerRole... roles) {
        if (!caller.hasAny(roles)) {
            throw Problem.of(ProblemCode.FORBIDDEN, "This operation needs one of the roles "
                    + java.util.Arrays.stream(roles).map(BitLockerRole::roleName).toList() + ".").exception();
        }
    }
}
