package io.keygate.bitlocker.notification;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

/**
 * A recipient that is only an e-mail address (an auditors' mailbox with no Keycloak account), in the
 * shape Keycloak's e-mail templates expect. Never stored.
 */
final class AddressRecipient extends AbstractInMemoryUserAdapter {

    AddressRecipient(KeycloakSession session, RealmModel realm, String address) {
        super(session, realm, "bitlocker-recipient:" + address);
        setUsername(address);
        setEmail(address);
        setEnabled(true);
    }

    @Override
    public SubjectCredentialManager credentialManager() {
        throw new UnsupportedOperationException("an e-mail address has no credentials");
    }
}
