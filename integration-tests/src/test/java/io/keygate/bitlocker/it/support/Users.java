package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Users a test adds to its realm beside {@link TestRealm}'s, with the test realm's password. */
public final class Users {

    private Users() {
    }

    /** An enabled user with an e-mail address (verified or not) and the password {@link TestRealm#PASSWORD}. */
    public static UserRepresentation withEmail(String username, String email, boolean verified) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(verified);
        user.setEnabled(true);
        user.setFirstName("Test");
        user.setLastName("User");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TestRealm.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }

    /** Creates the user in the realm; returns its ID. */
    public static String create(ManagedRealm realm, UserRepresentation user) {
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("create %s", user.getUsername()).isEqualTo(201);
            return CreatedResponseUtil.getCreatedId(created);
        }
    }
}
