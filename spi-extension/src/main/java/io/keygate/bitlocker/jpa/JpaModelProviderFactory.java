package io.keygate.bitlocker.jpa;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;

/** What the JPA factories of the model SPIs share: id {@code jpa}, no options, nothing to start or close. */
abstract class JpaModelProviderFactory {

    public static final String ID = "jpa";

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }

    public String getId() {
        return ID;
    }
}
