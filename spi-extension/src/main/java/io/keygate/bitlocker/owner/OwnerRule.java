package io.keygate.bitlocker.owner;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.UserLookupProvider;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.LDAPConstants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * SPEC §9's owner rule, for every key source and for agents' check-ins: which user of the realm a
 * reported owner is. A device's owner reveals its key by self-service, so a user is matched only through
 * a value they cannot set themselves: the identity-provider link, an e-mail address exactly one user has
 * <em>verified</em>, a username the user could not choose, or an attribute the realm's user profile lets
 * only administrators edit. Each lookup answers {@code null} when the value names nobody that way; the
 * device then has no realm owner ({@link #owner(UserModel, String)} keeps the reported value for display
 * and e-mail only).
 */
public final class OwnerRule {

    /** Entra's and Active Directory's {@code ownerAttribute} values that name Keycloak's own fields. */
    public static final String EMAIL = "email";
    public static final String USERNAME = "username";

    private static final String USER = "user";

    private final KeycloakSession session;
    private final RealmModel realm;
    /** Read once: a sync matches the owners of a whole fleet. */
    private UPConfig profile;

    public OwnerRule(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The device's owner: the matched user, else the reported name or address, linked to nobody. */
    public static DeviceOwner owner(UserModel user, String reported) {
        return user != null ? new DeviceOwner(user.getId(), user.getUsername(), user.getEmail())
                : DeviceOwner.unlinked(reported);
    }

    /**
     * A key source's {@code ownerAttribute} (Entra ID, Active Directory): {@code email} through the verified
     * e-mail, {@code username} through the username, any other name through an administrator-only attribute.
     */
    public UserModel withOwnerAttribute(String ownerAttribute, String value) {
        if (isBlank(ownerAttribute)) {
            return null;
        }
        return switch (ownerAttribute) {
            case EMAIL -> withVerifiedEmail(value);
            case USERNAME -> withAssignedUsername(value);
            default -> withAdminOnlyAttribute(ownerAttribute, value);
        };
    }

    /** An agent's {@code owner}: the username, else (an address) the verified e-mail. */
    public UserModel reportedByAgent(String reported) {
        UserModel user = withAssignedUsername(reported);
        return user == null && reported.contains("@") ? withVerifiedEmail(reported) : user;
    }

    /** The user whose link to {@code identityProvider} is that provider's user id (Entra: the object id). */
    public UserModel linkedThrough(String identityProvider, String brokerUserId) {
        if (isBlank(identityProvider) || isBlank(brokerUserId)) {
            return null;
        }
        return session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(identityProvider.trim(), brokerUserId, null));
    }

    /**
     * The one user federated from that LDAP entry (Active Directory's {@code managedBy}): the entry's DN
     * is written by the LDAP federation, never by the user.
     */
    public UserModel federatedFrom(String dn) {
        if (isBlank(dn)) {
            return null;
        }
        return single(session.users().searchForUserByUserAttributeStream(realm, LDAPConstants.LDAP_ENTRY_DN, dn)
                .filter(u -> dn.equals(u.getFirstAttribute(LDAPConstants.LDAP_ENTRY_DN)) && fromLdap(u))
                .limit(2).toList());
    }

    /**
     * The one user who has that address, if they verified it. Anyone can type an address into the account
     * console; only its owner can verify it. Several holders (duplicate e-mails allowed) make nobody the owner.
     */
    public UserModel withVerifiedEmail(String address) {
        if (isBlank(address)) {
            return null;
        }
        List<UserModel> holders = session.users()
                .searchForUserStream(realm, Map.of(UserModel.EMAIL, address, UserModel.EXACT, Boolean.TRUE.toString()), 0, 3)
                .filter(u -> u.getEmail() != null && u.getEmail().equalsIgnoreCase(address))
                .toList();
        UserModel holder = single(holders);
        return holder != null && holder.isEmailVerified() ? holder : null;
    }

    /**
     * {@link #withVerifiedEmail} for many addresses at once (a synchronised page of devices): one query for them all
     * where every user of the realm is in Keycloak's own store; a realm with a user federation asks Keycloak's search
     * address by address, as that also asks the federation. Each address maps to its owner or {@code null}.
     */
    public Map<String, UserModel> withVerifiedEmails(Collection<String> addresses) {
        Map<String, UserModel> owners = new HashMap<>();
        if (federated()) {
            addresses.forEach(address -> owners.put(address, withVerifiedEmail(address)));
            return owners;
        }
        Map<String, List<String>> holders = session.getProvider(UserLookupProvider.class).userIdsByEmail(realm,
                addresses.stream().filter(address -> !isBlank(address)).toList());
        for (String address : addresses) {
            List<String> ids = isBlank(address) ? List.of()
                    : holders.getOrDefault(KeycloakModelUtils.toLowerCaseSafe(address), List.of());
            UserModel holder = ids.size() == 1 ? session.users().getUserById(realm, ids.get(0)) : null;
            owners.put(address, holder != null && address.equalsIgnoreCase(holder.getEmail()) && holder.isEmailVerified()
                    ? holder : null);
        }
        return owners;
    }

    /** The user with exactly that username, where the user could not choose it. */
    public UserModel withAssignedUsername(String username) {
        if (isBlank(username)) {
            return null;
        }
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null || !username.equals(user.getUsername())) {
            return null;
        }
        boolean fromElsewhere = user.getFederationLink() != null
                || session.users().getFederatedIdentitiesStream(realm, user).findAny().isPresent();
        return usernameIsAssigned(realm.isRegistrationAllowed(), realm.isEditUsernameAllowed(),
                realm.isRegistrationEmailAsUsername(), fromElsewhere) ? user : null;
    }

    /** The one user whose {@code attribute} is {@code value}, if the realm's user profile keeps users from editing it. */
    public UserModel withAdminOnlyAttribute(String attribute, String value) {
        if (isBlank(attribute) || isBlank(value) || !onlyAdministratorsEdit(profile(), attribute)) {
            return null;
        }
        return single(session.users().searchForUserByUserAttributeStream(realm, attribute, value)
                .filter(u -> u.getAttributeStream(attribute).anyMatch(value::equals))
                .limit(2).toList());
    }

    /**
     * A username the user could not choose: not their e-mail address (that one they edit), not editable in
     * the account console, and either given by user federation or an identity provider or, with
     * self-registration off, by an administrator. Editing usernames refuses even federated and brokered
     * users: whoever may rename themselves could take another person's name.
     */
    static boolean usernameIsAssigned(boolean registrationAllowed, boolean editUsernameAllowed,
            boolean emailAsUsername, boolean fromElsewhere) {
        return !emailAsUsername && !editUsernameAllowed && (fromElsewhere || !registrationAllowed);
    }

    /**
     * Whether users cannot edit that attribute: a declared attribute whose edit permission leaves out
     * {@code user}; an undeclared one only where unmanaged attributes are for administrators.
     */
    static boolean onlyAdministratorsEdit(UPConfig profile, String attribute) {
        if (USERNAME.equals(attribute) || EMAIL.equals(attribute)) {
            return false;   // their own rules above
        }
        UPAttribute declared = profile.getAttributes() == null ? null : profile.getAttribute(attribute);
        if (declared != null) {
            Set<String> edit = declared.getPermissions() == null ? null : declared.getPermissions().getEdit();
            return edit == null || !edit.contains(USER);
        }
        UPConfig.UnmanagedAttributePolicy unmanaged = profile.getUnmanagedAttributePolicy();
        return unmanaged == UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT
                || unmanaged == UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW;
    }

    /** The realm's user profile; Keycloak's provider reads the realm of the session's context. */
    private UPConfig profile() {
        if (profile == null) {
            KeycloakContext context = session.getContext();
            RealmModel before = context.getRealm();
            context.setRealm(realm);
            try {
                profile = session.getProvider(UserProfileProvider.class).getConfiguration();
            } finally {
                context.setRealm(before);
            }
        }
        return profile;
    }

    /** Whether the realm has a user federation (LDAP, Kerberos, a custom one): users Keycloak's store may not hold yet. */
    private boolean federated() {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName()).findAny().isPresent();
    }

    private boolean fromLdap(UserModel user) {
        if (user.getFederationLink() == null) {
            return false;
        }
        ComponentModel federation = realm.getComponent(user.getFederationLink());
        return federation != null && LDAPConstants.LDAP_PROVIDER.equals(federation.getProviderId());
    }

    private static UserModel single(List<UserModel> users) {
        return users.size() == 1 ? users.get(0) : null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
