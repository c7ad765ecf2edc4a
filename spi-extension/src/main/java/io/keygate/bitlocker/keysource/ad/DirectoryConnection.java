package io.keygate.bitlocker.keysource.ad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;

import io.keygate.bitlocker.config.ConfigRules;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.LDAPConstants;
import org.keycloak.models.RealmModel;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.ldap.LDAPConfig;
import org.keycloak.storage.ldap.idm.store.ldap.LDAPContextManager;

/**
 * A connection to Active Directory through Keycloak's own LDAP federation code ({@code LDAPContextManager}, the
 * JDK's directory client underneath): LDAPS or StartTLS with Keycloak's truststore, timeouts, and — for a
 * realm's LDAP federation named in {@code ldapComponent} — that component's URL, truststore use, timeouts and
 * pooling. Always bound as the key source's own account, never the federation's. This class is the one place
 * that touches the federation's internals (not a supported SPI), so a change there is fixed here.
 */
final class DirectoryConnection implements AutoCloseable {

    /** Read as bytes, not text. */
    static final String[] BINARY = {"objectGUID", RecoveryObject.RECOVERY_GUID, RecoveryObject.VOLUME_GUID,
            RecoveryObject.KEY_PACKAGE};
    private static final int PAGE_SIZE = 500;
    private static final String CONNECT_TIMEOUT_MILLIS = "5000";
    private static final String READ_TIMEOUT_MILLIS = "30000";

    private final DirectorySettings settings;
    private final LDAPContextManager manager;
    private final LdapContext context;
    private long requests;

    private DirectoryConnection(DirectorySettings settings, LDAPContextManager manager, LdapContext context) {
        this.settings = settings;
        this.manager = manager;
        this.context = context;
    }

    static DirectoryConnection open(KeycloakSession session, RealmModel realm, DirectorySettings settings)
            throws DirectoryException {
        LDAPConfig config = new LDAPConfig(connectionConfig(realm, settings));
        for (String attribute : BINARY) {
            config.addBinaryAttribute(attribute);
        }
        LDAPContextManager manager = LDAPContextManager.create(session, config);
        try {
            return new DirectoryConnection(settings, manager, manager.getLdapContext());
        } catch (NamingException e) {
            manager.close();
            throw DirectoryException.of(e, "bind", settings);
        } catch (RuntimeException e) {
            manager.close();
            throw new DirectoryException(DirectoryException.Kind.UNREACHABLE, "Active Directory at " + settings.where()
                    + " cannot be reached (bind): " + e.getClass().getSimpleName());
        }
    }

    /**
     * The federation's settings as {@code LDAPConfig} reads them: the component's own (for {@code ldapComponent})
     * or ours (for {@code url}), with this source's account in place of the federation's.
     */
    static MultivaluedHashMap<String, String> connectionConfig(RealmModel realm, DirectorySettings settings)
            throws DirectoryException {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        if (settings.url().isEmpty()) {
            ComponentModel component = federation(realm, settings.ldapComponent());
            config.putAll(component.getConfig());
            String url = component.getConfig().getFirst(LDAPConstants.CONNECTION_URL);
            boolean startTls = Boolean.parseBoolean(component.getConfig().getFirst(LDAPConstants.START_TLS));
            requireTls(url, startTls, settings);
        } else {
            config.putSingle(LDAPConstants.CONNECTION_URL, settings.url());
            config.putSingle(LDAPConstants.START_TLS, String.valueOf(settings.startTls()));
            config.putSingle(LDAPConstants.USE_TRUSTSTORE_SPI, LDAPConstants.USE_TRUSTSTORE_ALWAYS);
            config.putSingle(LDAPConstants.CONNECTION_POOLING, "false");
            config.putSingle(LDAPConstants.CONNECTION_TIMEOUT, CONNECT_TIMEOUT_MILLIS);
            config.putSingle(LDAPConstants.READ_TIMEOUT, READ_TIMEOUT_MILLIS);
        }
        config.putSingle(LDAPConstants.VENDOR, LDAPConstants.VENDOR_ACTIVE_DIRECTORY);
        config.putSingle(LDAPConstants.AUTH_TYPE, LDAPConstants.AUTH_TYPE_SIMPLE);
        config.putSingle(LDAPConstants.BIND_DN, settings.bindDn());
        config.putSingle(LDAPConstants.BIND_CREDENTIAL, settings.bindCredential());
        config.remove(LDAPConstants.CONNECTION_TRACE);
        return config;
    }

    /** The realm's LDAP user-federation component, by id or name. */
    static ComponentModel federation(RealmModel realm, String idOrName) throws DirectoryException {
        return findFederation(realm, idOrName).orElseThrow(() -> new DirectoryException(DirectoryException.Kind.CONFIGURATION, "The realm has no LDAP"
                        + " user federation '" + idOrName + "' (activeDirectory.ldapComponent)."));
    }

    private static Optional<ComponentModel> findFederation(RealmModel realm, String idOrName) {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(c -> "ldap".equals(c.getProviderId()))
                .filter(c -> idOrName.equals(c.getId()) || idOrName.equals(c.getName()))
                .findFirst();
    }

    /** A borrowed connection is held to the same rule as a {@code url} (SPEC §8): TLS, except to loopback. */
    private static void requireTls(String url, boolean startTls, DirectorySettings settings) throws DirectoryException {
        String host = plainHost(url, startTls);
        if (host != null) {
            throw new DirectoryException(DirectoryException.Kind.CONFIGURATION, refusedComponent(settings.ldapComponent(), host));
        }
    }

    /** Why a federation component connecting in the clear to {@code host} is not borrowed. */
    static String refusedComponent(String component, String host) {
        return "The LDAP federation '" + component + "' connects without TLS (plain ldap:// to " + host
                + "): the key source refuses it, as it refuses a plain 'url'.";
    }

    /** The first host of a federation's (space-separated) URLs reached without TLS, other than loopback; else null. */
    static String plainHost(String url, boolean startTls) {
        String u = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        for (String one : u.split("\\s+")) {
            if (one.startsWith("ldaps://") || startTls) {
                continue;
            }
            String host = one.replaceFirst("^ldap://", "").replaceFirst("[:/].*$", "");
            if (!ConfigRules.isLoopback(host)) {
                return host;
            }
        }
        return null;
    }

    /** The realm's LDAP federation {@code idOrName}'s host reached without TLS, if it has one (else null, or none). */
    static String plainHostOf(RealmModel realm, String idOrName) {
        return findFederation(realm, idOrName).map(c -> plainHost(c.getConfig().getFirst(LDAPConstants.CONNECTION_URL),
                        Boolean.parseBoolean(c.getConfig().getFirst(LDAPConstants.START_TLS))))
                .orElse(null);
    }

    /** The attributes the root DSE says about the domain controller answering (its name and its highest USN). */
    Attributes rootDse(String... attributes) throws DirectoryException {
        try {
            requests++;
            return context.getAttributes("", attributes);
        } catch (NamingException e) {
            throw DirectoryException.of(e, "root DSE", settings);
        }
    }

    /** The one object at {@code dn} (a base-scope read), or {@code null} when it does not match {@code filter}. */
    SearchResult read(String dn, String filter, String... attributes) throws DirectoryException {
        List<SearchResult> found = query(dn, filter, SearchControls.OBJECT_SCOPE, attributes, 2);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Objects directly under {@code dn} matching {@code filter}, at most {@code max}. */
    List<SearchResult> children(String dn, String filter, int max, String... attributes) throws DirectoryException {
        return query(dn, filter, SearchControls.ONELEVEL_SCOPE, attributes, max);
    }

    /** Objects anywhere under {@code base} matching {@code filter}, at most {@code max} (one page). */
    List<SearchResult> search(String base, String filter, int max, String... attributes) throws DirectoryException {
        return query(base, filter, SearchControls.SUBTREE_SCOPE, attributes, max);
    }

    private List<SearchResult> query(String base, String filter, int scope, String[] attributes, int max)
            throws DirectoryException {
        SearchControls controls = new SearchControls(scope, max, 0, attributes, false, false);
        List<SearchResult> out = new ArrayList<>();
        try {
            requests++;
            NamingEnumeration<SearchResult> results = context.search(base, filter, controls);
            try {
                while (results.hasMore()) {
                    out.add(results.next());
                }
            } catch (PartialResultException e) {
                // Referrals to other partitions: not followed, what this DC holds is complete for the base.
            } finally {
                results.close();
            }
            return out;
        } catch (javax.naming.SizeLimitExceededException e) {
            return out;
        } catch (NamingException e) {
            throw DirectoryException.of(e, "search", settings);
        }
    }

    /** One page of a paged subtree search. */
    interface PageWork {
        void accept(List<SearchResult> page) throws DirectoryException;
    }

    /**
     * Every object under {@code base} matching {@code filter}, page by page (the simple paged-results control, as
     * AD answers at most 1,000 objects a search otherwise). A search from a domain's root ends with referrals to
     * the configuration and DNS partitions, which are not followed.
     */
    void searchPaged(String base, String filter, String[] attributes, PageWork work) throws DirectoryException {
        SearchControls controls = new SearchControls(SearchControls.SUBTREE_SCOPE, 0, 0, attributes, false, false);
        byte[] cookie = null;
        try {
            do {
                context.setRequestControls(new Control[] {new PagedResultsControl(PAGE_SIZE, cookie, Control.CRITICAL)});
                requests++;
                List<SearchResult> page = new ArrayList<>();
                NamingEnumeration<SearchResult> results = context.search(base, filter, controls);
                try {
                    while (results.hasMore()) {
                        page.add(results.next());
                    }
                } catch (PartialResultException e) {
                    // Referrals, as above.
                } finally {
                    results.close();
                }
                cookie = null;
                Control[] response = context.getResponseControls();
                if (response != null) {
                    for (Control control : response) {
                        if (control instanceof PagedResultsResponseControl paged) {
                            cookie = paged.getCookie();
                        }
                    }
                }
                work.accept(page);
            } while (cookie != null && cookie.length > 0);
        } catch (NamingException e) {
            throw DirectoryException.of(e, "search", settings);
        } catch (java.io.IOException e) {
            throw new DirectoryException(DirectoryException.Kind.OTHER, "Active Directory paging failed: " + e.getMessage());
        } finally {
            try {
                context.setRequestControls(null);
            } catch (NamingException e) {
                // The context is closed with the connection anyway.
            }
        }
    }

    DirectorySettings settings() {
        return settings;
    }

    /** Requests made on this connection, for the sync state. */
    long requests() {
        return requests;
    }

    @Override
    public void close() {
        manager.close();
    }
}
