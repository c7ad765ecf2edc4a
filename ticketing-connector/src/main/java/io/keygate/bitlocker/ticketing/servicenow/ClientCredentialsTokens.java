package io.keygate.bitlocker.ticketing.servicenow;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.http.NameValuePair;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.message.BasicNameValuePair;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.bitlocker.ticketing.TicketingSettings;
import io.keygate.bitlocker.ticketing.TicketingUnavailableException;
import io.keygate.bitlocker.ticketing.http.TicketingHttp;
import io.keygate.bitlocker.ticketing.http.TicketingResponse;

/**
 * Access tokens from ServiceNow's {@code oauth_token.do} (client-credentials grant), kept until shortly
 * before they expire so a release costs one Table API call, not two. Held by the factory, shared by sessions.
 */
final class ClientCredentialsTokens {

    /** Renew this long before ServiceNow's expiry so a token does not lapse between check and use. */
    private static final long EXPIRY_MARGIN_SECONDS = 60;
    private static final long DEFAULT_LIFETIME_SECONDS = 1800;

    /** An access token, and whether it came from the cache (then a 401 may just mean it was revoked). */
    record AccessToken(String value, boolean cached) {
        @Override
        public String toString() {
            return "AccessToken[cached=" + cached + "]";
        }
    }

    private record Held(String value, Instant renewAt) {
    }

    private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();

    AccessToken get(TicketingHttp http, TicketingSettings settings, String baseUrl) throws TicketingUnavailableException {
        String slot = slot(settings, baseUrl);
        Held current = held.get(slot);
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return new AccessToken(current.value(), true);
        }
        Held fresh = request(http, settings, baseUrl);
        held.put(slot, fresh);
        return new AccessToken(fresh.value(), false);
    }

    void forget(TicketingSettings settings, String baseUrl) {
        held.remove(slot(settings, baseUrl));
    }

    private static Held request(TicketingHttp http, TicketingSettings settings, String baseUrl)
            throws TicketingUnavailableException {
        if (settings.username() == null || settings.username().isEmpty()
                || settings.token() == null || settings.token().isEmpty()) {
            throw new TicketingUnavailableException("ServiceNow OAuth client id or secret is not configured");
        }
        URI uri = URI.create(baseUrl + "/oauth_token.do");
        List<NameValuePair> form = List.of(
                new BasicNameValuePair("grant_type", "client_credentials"),
                new BasicNameValuePair("client_id", settings.username()),
                new BasicNameValuePair("client_secret", settings.token()));
        TicketingResponse response = http.send(() -> {
            HttpPost post = new HttpPost(uri);
            post.setHeader("Accept", "application/json");
            post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
            return post;
        }, settings, "requesting an OAuth token");
        if (response.isNotFound()) {
            throw new TicketingUnavailableException("ServiceNow has no OAuth token endpoint at the configured base URL");
        }
        JsonNode token = response.json();
        String value = token.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new TicketingUnavailableException("ServiceNow's OAuth answer carried no access token");
        }
        long lifetime = token.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
        return new Held(value, Instant.now().plusSeconds(Math.max(0, lifetime - EXPIRY_MARGIN_SECONDS)));
    }

    /** One cache slot per instance, client and secret: a changed secret never reuses the old token. */
    private static String slot(TicketingSettings settings, String baseUrl) {
        try {
            byte[] secret = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(settings.token()).getBytes(StandardCharsets.UTF_8));
            return baseUrl + '\n' + settings.username() + '\n' + Base64.getEncoder().encodeToString(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
