package io.keygate.bitlocker.model;

import java.util.List;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Where a realm's configuration document is kept: in the extension's own storage, never in realm
 * attributes (which Keycloak's realm API shows to {@code view-realm} admins and overwrites).
 */
public interface RealmConfigProvider extends Provider {

    /** The stored document, or {@code null} when the realm was never configured. */
    String getDocument(RealmModel realm);

    void setDocument(RealmModel realm, String document);

    /** The realms that have a stored document. */
    List<String> getConfiguredRealmIds();
}
