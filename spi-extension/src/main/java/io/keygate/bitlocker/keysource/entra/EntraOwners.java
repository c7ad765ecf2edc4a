package io.keygate.bitlocker.keysource.entra;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

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
        return ownersOf(Map.of("", device)).get("");
    }

    /**
     * {@link #ownerOf} for each device of a page (by its key): the owners' addresses looked up at once where the
     * {@code ownerAttribute} is the e-mail address.
     */
    Map<String, DeviceOwner> ownersOf(Map<String, JsonNode> devices) {
        Map<String, JsonNode> firstOwner = new HashMap<>();
        devices.forEach((key, device) -> {
            JsonNode owner = firstUser(device);
            if (owner != null) {
                firstOwner.put(key, owner);
            }
        });
        Map<String, UserModel> byEmail = OwnerRule.EMAIL.equals(attribute)
                ? rule.withVerifiedEmails(firstOwner.values().stream().map(EntraOwners::upn).collect(Collectors.toSet()))
                : Map.of();
        Map<String, DeviceOwner> owners = new HashMap<>();
        devices.keySet().forEach(key -> owners.put(key, null));
        firstOwner.forEach((key, owner) -> {
            String upn = upn(owner);
            UserModel user = rule.linkedThrough(identityProvider, owner.path("id").asText(""));
            if (user == null) {
                user = OwnerRule.EMAIL.equals(attribute) ? byEmail.get(upn) : rule.withOwnerAttribute(attribute, upn);
            }
            owners.put(key, OwnerRule.owner(user, upn));
        });
        return owners;
    }

    private static JsonNode firstUser(JsonNode device) {
        for (JsonNode owner : device.path("registeredOwners")) {
            String type = owner.path("@odata.type").asText("#microsoft.graph.user");
            if (type.endsWith(".user") && !upn(owner).isEmpty()) {
                return owner;
            }
        }
        return null;
    }

    private static String upn(JsonNode owner) {
        return owner.path("userPrincipalName").asText("");
    }
}
