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
}
