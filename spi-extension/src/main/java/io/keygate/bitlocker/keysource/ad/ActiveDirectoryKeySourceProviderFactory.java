package io.keygate.bitlocker.keysource.ad;

import static io.keygate.bitlocker.config.ConfigRules.requireHost;
import static io.keygate.bitlocker.config.ConfigRules.requireRange;
import static io.keygate.bitlocker.config.ConfigRules.requireText;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigRules;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;
import io.keygate.bitlocker.keysource.SynchronisedKeySource;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The {@code activeDirectory} key source: BitLocker recovery objects that Group Policy backed up to AD DS, read
 * over LDAP (SPEC §9). Owns the {@code activeDirectory} section of the configuration.
 */
public class ActiveDirectoryKeySourceProviderFactory implements KeySourceProviderFactory, SynchronisedKeySource {

    public static final String ID = BitLockerConfig.KEY_SOURCE_ACTIVE_DIRECTORY;

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");

    @Override
    public KeySourceProvider create(KeycloakSession session) {
        return new ActiveDirectoryKeySource(session);
    }

    static DirectorySettings settings(KeycloakSession session, RealmModel realm) throws KeySourceUnavailableException {
        RealmConfigStore store = new RealmConfigStore(session, realm);
        return DirectorySettings.of(store, store.load());
    }

    /**
     * The {@code activeDirectory} section: an {@code ldaps://} URL, or {@code ldap://} with StartTLS (plain LDAP to a
     * loopback address only), strings, an LDAP filter in parentheses, an attribute name, a sync interval. A realm
     * on this source needs a connection, an account and a base DN.
     */
    /** Also: a federation component named in {@code ldapComponent} that would be borrowed in the clear is refused now. */
    @Override
    public void validate(BitLockerConfig config, RealmModel realm) throws ConfigValidationException {
        validate(config);
        BitLockerConfig.ActiveDirectory ad = config.activeDirectory;
        if (realm != null && ad.url.isBlank() && !ad.ldapComponent.isBlank()) {
            String host = DirectoryConnection.plainHostOf(realm, ad.ldapComponent.trim());
            if (host != null) {
                throw new ConfigValidationException("'activeDirectory.ldapComponent': "
                        + DirectoryConnection.refusedComponent(ad.ldapComponent.trim(), host));
            }
        }
    }

    @Override
    public void validate(BitLockerConfig config) throws ConfigValidationException {
        BitLockerConfig.ActiveDirectory ad = config.activeDirectory;
        requireText("activeDirectory.url", ad.url);
        if (!ad.url.isEmpty()) {
            requireLdapUrl(ad.url, ad.startTls);
        }
        requireText("activeDirectory.ldapComponent", ad.ldapComponent);
        requireText("activeDirectory.bindDn", ad.bindDn);
        requireText("activeDirectory.bindCredential", ad.bindCredential);
        requireText("activeDirectory.baseDn", ad.baseDn);
        requireText("activeDirectory.computerFilter", ad.computerFilter);
        String filter = ad.computerFilter.trim();
        if (!filter.startsWith("(") || !filter.endsWith(")") || !balanced(filter)) {
            throw new ConfigValidationException("'activeDirectory.computerFilter' must be an LDAP filter in parentheses");
        }
        requireText("activeDirectory.ownerAttribute", ad.ownerAttribute);
        if (!ATTRIBUTE_NAME.matcher(ad.ownerAttribute).matches()) {
            throw new ConfigValidationException("'activeDirectory.ownerAttribute' must be an LDAP attribute name");
        }
        requireRange("activeDirectory.syncIntervalMinutes", ad.syncIntervalMinutes, 1, 1440);
        if (config.enabled && ID.equals(config.keySource)) {
            if (ad.url.isBlank() && ad.ldapComponent.isBlank()) {
                throw new ConfigValidationException("'activeDirectory.url' or 'activeDirectory.ldapComponent' is required"
                        + " for the activeDirectory key source");
            }
            if (ad.bindDn.isBlank() || ad.baseDn.isBlank()) {
                throw new ConfigValidationException("'activeDirectory.bindDn' and 'activeDirectory.baseDn' are required"
                        + " for the activeDirectory key source");
            }
        }
    }

    private static void requireLdapUrl(String url, boolean startTls) throws ConfigValidationException {
        String key = "activeDirectory.url";
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException("'" + key + "' must be an ldaps:// URL (or ldap:// with startTls)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("ldaps".equals(scheme) || "ldap".equals(scheme)) || uri.getHost() == null || uri.getUserInfo() != null
                || !(uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigValidationException("'" + key + "' must be an ldaps:// URL (or ldap:// with startTls)");
        }
        requireHost(key, uri.getHost());
        if ("ldap".equals(scheme) && !startTls && !ConfigRules.isLoopback(uri.getHost())) {
            throw new ConfigValidationException("'" + key + "' must be ldaps:// or use 'activeDirectory.startTls' unless"
                    + " the host is a loopback address");
        }
    }

    private static boolean balanced(String filter) {
        int depth = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    @Override
    public long syncIntervalMillis(BitLockerConfig config) {
        return config.activeDirectory.syncIntervalMinutes * 60_000L;
    }

    @Override
    public void synchronise(KeycloakSessionFactory factory, String realmId, long intervalMillis, long retryMillis,
            long sliceMillis) {
        new ActiveDirectorySyncRun(factory, realmId).work(intervalMillis, retryMillis);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
