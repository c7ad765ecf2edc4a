package io.keygate.bitlocker.model;

/**
 * Who a device belongs to: a Keycloak user of the realm ({@code userId} set), or only the name or
 * address the key source reported (kept for display and e-mail, never for access).
 */
public record DeviceOwner(String userId, String username, String email) {

    /** An owner the realm does not know as a user. */
    public static DeviceOwner unlinked(String reported) {
        boolean address = reported.contains("@");
        return new DeviceOwner(null, address ? null : reported, address ? reported : null);
    }

    public boolean isRealmUser() {
        return userId != null;
    }

    /** The same person: the same realm user, or (neither being one) the same reported name and address. */
    public boolean isSameAs(DeviceOwner other) {
        if (other == null) {
            return false;
        }
        if (isRealmUser() || other.isRealmUser()) {
            return userId != null && userId.equals(other.userId);
        }
        return java.util.Objects.equals(lower(username), lower(other.username))
                && java.util.Objects.equals(lower(email), lower(other.email));
    }

    /** How the owner is named to people: the username, else the address. */
    public String display() {
        return username != null ? username : email;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
