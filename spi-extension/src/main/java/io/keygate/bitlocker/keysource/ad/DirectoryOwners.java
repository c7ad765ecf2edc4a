package io.keygate.bitlocker.keysource.ad;

import java.util.HashMap;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.SearchResult;

import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.owner.OwnerRule;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A computer's owner as a user of the realm (SPEC §9): the DN in {@code ownerAttribute} ({@code managedBy}) matched
 * to the user the realm's LDAP federation imported from that entry, else the {@link OwnerRule} applied to that
 * entry's {@code userPrincipalName}. Someone the rule does not match stays a name (shown, never given access).
 * Entries are read once per sync run.
 */
final class DirectoryOwners {

    private final OwnerRule rule;
    private final DirectoryConnection directory;
    private final Map<String, String> principalNames;

    DirectoryOwners(KeycloakSession session, RealmModel realm, DirectoryConnection directory, Map<String, String> principalNames) {
        this.rule = new OwnerRule(session, realm);
        this.directory = directory;
        this.principalNames = principalNames;
    }

    /** Per run: the user principal names read so far, by DN. */
    static Map<String, String> cache() {
        return new HashMap<>();
    }

    /** {@code null} when the computer names nobody (the recorded owner stays). */
    DeviceOwner ownerOf(SearchResult computer) throws NamingException, DirectoryException {
        Object dn = RecoveryObject.value(computer.getAttributes().get(directory.settings().ownerAttribute()));
        if (!(dn instanceof String ownerDn) || ownerDn.isBlank()) {
            return null;
        }
        UserModel federated = rule.federatedFrom(ownerDn);
        if (federated != null) {
            return OwnerRule.owner(federated, ownerDn);
        }
        String upn = principalName(ownerDn);
        return OwnerRule.owner(upn.isEmpty() ? null : rule.reportedByAgent(upn), upn.isEmpty() ? ownerDn : upn);
    }

    private String principalName(String dn) throws NamingException, DirectoryException {
        String known = principalNames.get(dn);
        if (known != null) {
            return known;
        }
        String upn = "";
        try {
            SearchResult entry = directory.read(dn, "(objectClass=*)", "userPrincipalName");
            Object value = entry == null ? null : RecoveryObject.value(entry.getAttributes().get("userPrincipalName"));
            upn = value instanceof String s ? s : "";
        } catch (DirectoryException e) {
            if (e.kind() != DirectoryException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        principalNames.put(dn, upn);
        return upn;
    }
}
