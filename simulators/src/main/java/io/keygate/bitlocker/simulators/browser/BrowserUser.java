package io.keygate.bitlocker.simulators.browser;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A person at a browser: logs in through Keycloak's browser flow by posting its HTML forms — the
 * authorization endpoint (with {@code acr_values}/{@code max_age} when stepping up), the
 * username/password form, the OTP form with a real TOTP code — then exchanges the code for tokens.
 * Used by the integration tests and, from the command line, by the demo to get a step-up token.
 *
 * <p>Keycloak marks its login cookies {@code Secure} even on plain http://localhost; browsers send
 * them there, {@code java.net} does not, so this keeps its own cookie jar.
 */
public final class BrowserUser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String baseUrl;
    private final String realm;
    private final String clientId;
    private final String redirectUri;

    public BrowserUser(String baseUrl, String realm, String clientId, String redirectUri) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /**
     * @param totpSecret the user's TOTP secret, or {@code null} when the login must finish after the password
     * @param acrValues  the requested level, {@code null} for none
     * @param maxAge     the requested max_age, {@code null} for none
     * @return the token response
     */
    public JsonNode login(String username, String password, String totpSecret, String acrValues, Integer maxAge) {
        StringBuilder auth = new StringBuilder(baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?client_id=" + enc(clientId) + "&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(redirectUri) + "&state=s&nonce=n");
        if (acrValues != null) {
            auth.append("&acr_values=").append(enc(acrValues));
        }
        if (maxAge != null) {
            auth.append("&max_age=").append(maxAge);
        }
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(auth.toString())).GET());
        if (page.statusCode() == 302) {
            return exchange(page);
        }
        HttpResponse<String> afterPassword = post(formAction(page), Map.of("username", username,
                "password", password, "credentialId", ""));
        if (afterPassword.statusCode() == 302) {
            return exchange(afterPassword);
        }
        if (totpSecret == null) {
            throw new IllegalStateException("login expected to finish after the password, got: " + snippet(afterPassword));
        }
        HttpResponse<String> afterOtp = post(formAction(afterPassword),
                Map.of("otp", Totp.now(totpSecret, baseUrl + "/" + realm + "/" + username)));
        if (afterOtp.statusCode() != 302) {
            throw new IllegalStateException("OTP login failed: " + snippet(afterOtp));
        }
        return exchange(afterOtp);
    }

    private JsonNode exchange(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(redirectUri)) {
            throw new IllegalStateException("unexpected redirect: " + location);
        }
        String code = query(location).get("code");
        if (code == null) {
            throw new IllegalStateException("no code in redirect: " + location);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        HttpResponse<String> token = post(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token", form);
        if (token.statusCode() != 200) {
            throw new IllegalStateException("code exchange failed: " + token.statusCode() + " " + token.body());
        }
        try {
            return JSON.readTree(token.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String formAction(HttpResponse<String> page) {
        Matcher m = FORM_ACTION.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no form on the page: " + snippet(page));
        }
        return m.group(1).replace("&amp;", "&");
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String c : setCookies) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q != null) {
            for (String p : q.split("&")) {
                String[] kv = p.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String snippet(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        Matcher error = Pattern.compile("(?s)<span[^>]*(?:input-error|kc-feedback-text|alert)[^>]*>(.*?)</span>").matcher(body);
        return r.statusCode() + (error.find() ? " " + error.group(1).trim() : " " + body.substring(0, Math.min(300, body.length())));
    }

    /**
     * The demo's step-up login: prints a level-2 access token of a demo user.
     * {@code java -cp keygate-simulators-…-demo.jar io.keygate.bitlocker.simulators.browser.BrowserUser helpdesk}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: BrowserUser <username> [password=demo] [base-url=http://localhost:8080] [realm=demo]");
            System.exit(2);
        }
        String password = args.length > 1 ? args[1] : "demo";
        String base = args.length > 2 ? args[2] : "http://localhost:8080";
        String realm = args.length > 3 ? args[3] : "demo";
        JsonNode tokens = new BrowserUser(base, realm, "bitlocker-cli", "http://localhost:9999/")
                .login(args[0], password, "keygate-demo-totp-secret", "2", 300);
        System.out.println(tokens.path("access_token").asText());
    }
}
