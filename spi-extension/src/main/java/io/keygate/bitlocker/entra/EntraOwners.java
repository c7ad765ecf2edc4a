package io.keygate.bitlocker.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.model.DeviceOwner;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A device's registered owner in Entra ID as a user of the realm (SPEC §9): the user whose federated
 * identity of {@code ownerIdentityProvider} is the owner's Entra object ID, else the user whose
 * {@code ownerAttribute} is the owner's user principal name. Someone the realm does not know stays a
 * name (shown, never given access).
 */
final class EntraOwners {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String identityProvider;
    private final String attribute;

    EntraOwners(KeycloakSession session, RealmModel realm, EntraSettings settings) {
        this.session = session;
        this.realm = realm;
        this.identityProvider = settings.ownerIdentityProvider() == null ? "" : settings.ownerIdentityProvider().trim();
        this.attribute = settings.ownerAttribute();
    }

    /** The first user among the device's {@code registeredOwners}; {@code null} when it has none. */
    DeviceOwner ownerOf(JsonNode device) {
        for (JsonNode owner : device.path("registeredOwners")) {
            String type = owner.path("@odata.type").asText("#microsoft.graph.user");
            String upn = owner.path("userPrincipalName").asText("");
            if (!type.endsWith(".user") || upn.isEmpty()) {
                continue;
            }
            UserModel user = find(owner.path("id").asText(""), upn);
            return user != null ? new DeviceOwner(user.getId(), user.getUsername(), user.getEmail())
                    : DeviceOwner.unlinked(upn);
        }
        return null;
    }

    private UserModel find(String objectId, String upn) {
        if (!identityProvider.isEmpty() && !objectId.isEmpty()) {
            UserModel user = session.users().getUserByFederatedIdentity(realm,
                    new FederatedIdentityModel(identityProvider, objectId, null));
            if (user != null) {
                return user;
            }
        }
        return switch (attribute) {
            case "email" -> session.users().getUserByEmail(realm, upn);
            case "username" -> session.users().getUserByUsername(realm, upn);
            default -> session.users().searchForUserByUserAttributeStream(realm, attribute, upn).findFirst().orElse(null);
        };
    }
}
