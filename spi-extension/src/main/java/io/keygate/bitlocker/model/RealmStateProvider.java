package io.keygate.bitlocker.model;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * What the extension remembers about a realm between requests and scheduled runs, in its own storage —
 * never in realm attributes, which any realm administrator can read and write through Keycloak's realm API.
 */
public interface RealmStateProvider extends Provider {

    /** The realm's issuer URL as a request last showed it, for checkpoints issued without one; {@code null} before. */
    String getCheckpointIssuer(RealmModel realm);

    void setCheckpointIssuer(RealmModel realm, String issuer);

    /** When the realm's auditors' digest was last due (epoch millis); {@code null} before the first. */
    Long getDigestLastDueAt(RealmModel realm);

    void setDigestLastDueAt(RealmModel realm, long dueAt);
}
