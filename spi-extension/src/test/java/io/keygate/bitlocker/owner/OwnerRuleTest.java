package io.keygate.bitlocker.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

class OwnerRuleTest {

    private static UPConfig profile(UPConfig.UnmanagedAttributePolicy unmanaged, UPAttribute... attributes) {
        UPConfig profile = new UPConfig();
        for (UPAttribute attribute : attributes) {
            profile.addOrReplaceAttribute(attribute);
        }
        profile.setUnmanagedAttributePolicy(unmanaged);
        return profile;
    }

    private static UPAttribute attribute(String name, Set<String> edit) {
        return new UPAttribute(name, new UPAttributePermissions(Set.of("admin", "user"), edit));
    }

    @Test
    void aUsernameCountsOnlyWhereTheUserCouldNotChooseIt() {
        // registrationAllowed, editUsernameAllowed, emailAsUsername, fromElsewhere
        assertThat(OwnerRule.usernameIsAssigned(false, false, false, false)).as("administrators name users").isTrue();
        assertThat(OwnerRule.usernameIsAssigned(true, false, false, true)).as("federated or brokered").isTrue();
        assertThat(OwnerRule.usernameIsAssigned(true, false, false, false)).as("chosen at self-registration").isFalse();
        assertThat(OwnerRule.usernameIsAssigned(false, true, false, false)).as("users rename themselves").isFalse();
        assertThat(OwnerRule.usernameIsAssigned(false, true, false, true)).as("even federated users rename themselves").isFalse();
        assertThat(OwnerRule.usernameIsAssigned(false, false, true, true)).as("the username is the e-mail they edit").isFalse();
    }

    @Test
    void aDeclaredAttributeCountsOnlyWhenUsersMayNotEditIt() {
        UPConfig profile = profile(UPConfig.UnmanagedAttributePolicy.ENABLED,
                attribute("employeeId", Set.of("admin")), attribute("upn", Set.of("admin", "user")),
                new UPAttribute("costCentre", (UPAttributePermissions) null));

        assertThat(OwnerRule.onlyAdministratorsEdit(profile, "employeeId")).isTrue();
        assertThat(OwnerRule.onlyAdministratorsEdit(profile, "upn")).isFalse();
        assertThat(OwnerRule.onlyAdministratorsEdit(profile, "costCentre")).as("no permissions: nobody but admins").isTrue();
    }

    @Test
    void anUndeclaredAttributeCountsOnlyWhereUnmanagedAttributesAreForAdministrators() {
        assertThat(OwnerRule.onlyAdministratorsEdit(profile(UPConfig.UnmanagedAttributePolicy.ENABLED), "upn")).isFalse();
        assertThat(OwnerRule.onlyAdministratorsEdit(profile(null), "upn")).isFalse();
        assertThat(OwnerRule.onlyAdministratorsEdit(profile(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT), "upn")).isTrue();
        assertThat(OwnerRule.onlyAdministratorsEdit(profile(UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW), "upn")).isTrue();
    }

    @Test
    void usernameAndEmailAreNeverMatchedAsAttributes() {
        UPConfig profile = profile(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT,
                attribute("username", Set.of("admin")), attribute("email", Set.of("admin")));

        assertThat(OwnerRule.onlyAdministratorsEdit(profile, "username")).isFalse();
        assertThat(OwnerRule.onlyAdministratorsEdit(profile, "email")).isFalse();
    }
}
