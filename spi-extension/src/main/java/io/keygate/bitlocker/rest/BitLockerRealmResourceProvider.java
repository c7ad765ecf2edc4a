package io.keygate.bitlocker.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class BitLockerRealmResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public BitLockerRealmResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new DevicesResource(session);
    }

    @Override
    public void close() {
    }
}
