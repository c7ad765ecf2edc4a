package io.keygate.bitlocker.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/devices/security/bitlocker/console/}: the helpdesk console's static files
 * (SPEC §13), served from the themes jar without a token. The page signs in through the realm and
 * calls the API with its own token; it loads nothing from any other host.
 */
public class ConsoleResource {

    /** Where the console's build output lies on the class path (the keygate-themes jar). */
    static final String ROOT = "keygate-console/";

    /** File names the build produces: no traversal, no hidden files, nothing but plain names. */
    private static final Pattern FILE = Pattern.compile("(assets/)?[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "woff2", "font/woff2",
            "woff", "font/woff",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    /**
     * SPEC §13: the page talks to this server only, runs and styles nothing inline, and nothing may frame
     * it. Signing in needs nothing more: it is a top-level redirect to this same server (keycloak-js runs
     * without its login-status iframe), and the token request is a same-origin fetch. Styles set from
     * script through the DOM (React's {@code style} props, PatternFly's popover positions) are not inline
     * style as CSP means it.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final KeycloakSession session;

    public ConsoleResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    public Response root() {
        return file("");
    }

    /**
     * The realm's language settings for the console's texts, as Keycloak's own consoles get them from
     * their page: the locale Keycloak resolves for this browser (kc_locale, the locale cookie,
     * Accept-Language, the realm's default) and the realm's supported locales, against which the
     * console checks the signed-in user's {@code locale} claim. Needs no token, like the static files.
     */
    @GET
    @Path("locale")
    @Produces(MediaType.APPLICATION_JSON)
    public Response locale() {
        RealmModel realm = session.getContext().getRealm();
        String resolved = session.getContext().resolveLocale(null).toLanguageTag();
        String fallback = realm.getDefaultLocale() == null ? "en" : realm.getDefaultLocale();
        List<String> supported = realm.isInternationalizationEnabled()
                ? realm.getSupportedLocalesStream().toList()
                : List.of(fallback);
        return Response.ok(Map.of("locale", resolved, "supportedLocales", supported))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("{file: .*}")
    public Response file(@PathParam("file") String file) {
        return withOwnHeaders(content(file));
    }

    private Response content(String file) {
        URI requested = session.getContext().getUri().getRequestUri();
        if (file.isEmpty() && !requested.getRawPath().endsWith("/")) {
            // {@code …/console} without the slash: the page's relative asset URLs need it.
            URI withSlash = session.getContext().getUri().getAbsolutePathBuilder().path("/").replaceQuery(null).build();
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(withSlash).build();
        }
        String name = file.isEmpty() ? "index.html" : file;
        if (!FILE.matcher(name).matches()) {
            return notFound();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        InputStream content = type == null ? null : ConsoleResource.class.getClassLoader().getResourceAsStream(ROOT + name);
        if (content == null) {
            return notFound();
        }
        Response.ResponseBuilder response = Response.ok(content, type);
        if (name.startsWith("assets/")) {
            // Vite names assets by content hash: a changed file gets a new name.
            return response.header("Cache-Control", "public, max-age=31536000, immutable").build();
        }
        return response.header("Cache-Control", "no-cache").build();
    }

    /**
     * The console's own browser headers on every answer. Keycloak's security-header filter would put the
     * realm's browser headers over them (a realm's Content-Security-Policy without {@code script-src}, or
     * one that lets any site frame its pages, would then be the console's): it is told to leave this
     * answer alone, and only the realm's HSTS setting, which concerns the whole host, is kept.
     */
    private Response withOwnHeaders(Response response) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(BrowserSecurityHeaders.CONTENT_SECURITY_POLICY.getHeaderName(), CSP);
        headers.putSingle(BrowserSecurityHeaders.X_FRAME_OPTIONS.getHeaderName(), "DENY");
        headers.putSingle(BrowserSecurityHeaders.X_CONTENT_TYPE_OPTIONS.getHeaderName(), "nosniff");
        headers.putSingle(BrowserSecurityHeaders.REFERRER_POLICY.getHeaderName(), "no-referrer");
        headers.putSingle(BrowserSecurityHeaders.X_ROBOTS_TAG.getHeaderName(), "none");
        BrowserSecurityHeaders hsts = BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY;
        RealmModel realm = session.getContext().getRealm();
        String transportSecurity = realm == null ? hsts.getDefaultValue()
                : realm.getBrowserSecurityHeaders().getOrDefault(hsts.getKey(), hsts.getDefaultValue());
        if (transportSecurity != null && !transportSecurity.isEmpty()) {
            headers.putSingle(hsts.getHeaderName(), transportSecurity);
        }
        return response;
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type("text/plain; charset=utf-8")
                .entity("Not found\n").build();
    }
}
