package io.keygate.bitlocker.notification;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Objects;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.urls.HostnameProvider;
import org.keycloak.urls.UrlType;

/**
 * The links in the extension's e-mails, built the way Keycloak builds those in its own: on Keycloak's
 * frontend URL ({@code getUri(UrlType.FRONTEND)}), which its hostname provider takes from the realm's
 * Frontend URL or the server's {@code hostname} option. Where neither is set (start-dev, or
 * {@code hostname-strict=false}), that URL is whatever {@code Host} the request named: the person whose
 * request causes the e-mail would choose where the approvers' link goes (a look-alike sign-in page). Such
 * an e-mail carries no link; it tells the reader to open the console instead.
 */
public final class ConsoleLinks {

    private static final Logger LOG = Logger.getLogger(ConsoleLinks.class);

    /** A name no real request carries ({@code .invalid}, RFC 2606): a frontend URL that follows it follows requests. */
    private static final String ANOTHER_HOST = "host-of-another-request.invalid";

    private ConsoleLinks() {
    }

    /** The release request in the helpdesk console, or {@code null} when Keycloak has no hostname configured. */
    public static String releaseRequest(KeycloakSession session, RealmModel realm, String requestId) {
        return consolePage(session, realm, "requests", requestId, "release request");
    }

    /** The campaign (SPEC §14) in the helpdesk console, or {@code null} when Keycloak has no hostname configured. */
    public static String campaign(KeycloakSession session, RealmModel realm, String campaignId) {
        return consolePage(session, realm, "campaigns", campaignId, "campaign");
    }

    private static String consolePage(KeycloakSession session, RealmModel realm, String page, String id, String what) {
        URI frontend = configuredFrontend(session);
        if (frontend == null) {
            LOG.warnf("E-mails about %s %s carry no link: realm %s has no Frontend URL and the server no "
                    + "hostname option, so a link would follow the request's Host header", what, id, realm.getName());
            return null;
        }
        return UriBuilder.fromUri(frontend).path("realms").path(realm.getName())
                .path("devices/security/bitlocker/console/").build() + "#/" + page + "/" + id;
    }

    /**
     * Keycloak's frontend URL for this request, when its host is configured: Keycloak gives the same host
     * for a request that named another one.
     */
    private static URI configuredFrontend(KeycloakSession session) {
        URI frontend = session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
        UriInfo request = session.getContext().getHttpRequest().getUri();
        URI forAnotherRequest = session.getProvider(HostnameProvider.class)
                .getBaseUri(withHost(request, ANOTHER_HOST), UrlType.FRONTEND);
        return Objects.equals(frontend.getHost(), forAnotherRequest.getHost()) ? frontend : null;
    }

    /** The request as if it had named {@code host} (the hostname provider reads only its base URI). */
    private static UriInfo withHost(UriInfo request, String host) {
        URI base = UriBuilder.fromUri(request.getBaseUri()).host(host).build();
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUri" -> base;
                    case "getBaseUriBuilder" -> UriBuilder.fromUri(base);
                    default -> {
                        try {
                            yield method.invoke(request, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }
}
