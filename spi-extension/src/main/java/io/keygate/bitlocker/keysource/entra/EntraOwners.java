package io.keygate.bitlocker.keysource.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.owner.OwnerRule;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A device's registered owner in Entra ID as a user of the realm, by SPEC §9's {@link OwnerRule}: the user
 * whose federated identity of {@code ownerIdentityProvider} is the owner's Entra object ID, else the user
 * whose {@code ownerAttribute} is the owner's user principal name (only through a value the user cannot set
 * themselves). Someone the rule does not match stays a name (shown, never given access).
 */
final class EntraOwners {

    private final OwnerRule rule;
    private final String identityProvider;
    private final String attribute;

    EntraOwners(KeycloakSession session, RealmModel realm, EntraSettings settings) {
        this.rule = new OwnerRule(session, realm);
        this.identityProvider = settings.ownerIdentityProvider();
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
            UserModel user = rule.linkedThrough(identityProvider, owner.path("id").asText(""));
            return OwnerRule.owner(user != null ? user : rule.withOwnerAttribute(attribute, upn), upn);
        }
        return null;
    }
}
