package io.keygate.bitlocker.simulators.graph;

import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * An app registration with its credentials and the Graph application permissions an admin consented to.
 *
 * @param tenantId     the directory (tenant) id in the token endpoint's path
 * @param clientId     the application (client) id
 * @param clientSecret the client secret, or null when the app has none
 * @param certificate  the certificate whose key signs client assertions, or null when the app has none
 * @param permissions  application permissions, e.g. {@link GraphPermissions#BITLOCKER_KEY_READ_ALL}
 */
public record AppRegistration(String tenantId, String clientId, String clientSecret, X509Certificate certificate,
        Set<String> permissions) {

    public AppRegistration {
        permissions = Set.copyOf(permissions);
    }
}
