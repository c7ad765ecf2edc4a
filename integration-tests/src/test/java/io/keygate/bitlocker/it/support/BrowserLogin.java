package io.keygate.bitlocker.it.support;

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

/**
 * Logs in through the real server's browser flow by posting its HTML forms, the way a browser
 * does: the authorization endpoint (with {@code acr_values}/{@code max_age} when stepping up),
 * the username/password form, the OTP form, then the code exchange.
 *
 * <p>Keycloak marks its login cookies {@code Secure} even on plain http://localhost; browsers
 * send them there, {@code java.net} does not, so this keeps its own cookie jar.
 */
public final class BrowserLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String realm;
    private final String clientId;

    public BrowserLogin(String realm) {
        this(realm, TestRealm.CLIENT);
    }

    public BrowserLogin(String realm, String clientId) {
        this.realm = realm;
        this.clientId = clientId;
    }

    /** Password only: level of authentication 1. */
    public String passwordToken(String username) {
        return login(username, "1", null, false);
    }

    /** Password and a fresh TOTP code: level 2. */
    public String stepUpToken(String username) {
        return login(username, "2", null, true);
    }

    private static final Map<String, String> STEP_UP_CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Long> STEP_UP_TIME = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A level-2 token of a user, reused for up to two minutes: well inside the five-minute step-up
     * window, and it spares a 30-second wait for a fresh TOTP code on every call.
     */
    public static String cachedStepUpToken(org.keycloak.testframework.realm.ManagedRealm managed, String username) {
        // Realms of different test classes may share a name: key by the managed instance.
        String realm = managed.getName();
        String key = System.identityHashCode(managed) + "/" + realm + "/" + username;
        Long at = STEP_UP_TIME.get(key);
        if (at == null || System.currentTimeMillis() - at > 120_000) {
            STEP_UP_CACHE.put(key, new BrowserLogin(realm).stepUpToken(username));
            STEP_UP_TIME.put(key, System.currentTimeMillis());
        }
        return STEP_UP_CACHE.get(key);
    }

    /**
     * @param acrValues the requested level, {@code null} for none
     * @param maxAge    the requested max_age, {@code null} for none
     * @param withOtp   whether the OTP form is expected and answered
     */
    public String login(String username, String acrValues, Integer maxAge, boolean withOtp) {
        StringBuilder auth = new StringBuilder(Api.BASE + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?client_id=" + clientId + "&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(TestRealm.REDIRECT_URI) + "&state=s&nonce=n");
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
                "password", TestRealm.PASSWORD, "credentialId", ""));
        if (afterPassword.statusCode() == 302) {
            return exchange(afterPassword);
        }
        if (!withOtp) {
            throw new AssertionError("login expected to finish after the password, got: " + snippet(afterPassword));
        }
        HttpResponse<String> afterOtp = post(formAction(afterPassword), Map.of("otp", Totp.now(TestRealm.TOTP_SECRET, realm + "/" + username)));
        if (afterOtp.statusCode() != 302) {
            throw new AssertionError("OTP login failed: " + snippet(afterOtp));
        }
        return exchange(afterOtp);
    }

    private String exchange(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(TestRealm.REDIRECT_URI)) {
            throw new AssertionError("unexpected redirect: " + location);
        }
        String code = query(location).get("code");
        if (code == null) {
            throw new AssertionError("no code in redirect: " + location);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", TestRealm.REDIRECT_URI);
        return Tokens.request(realm, form).path("access_token").asText();
    }

    private static String formAction(HttpResponse<String> page) {
        Matcher m = FORM_ACTION.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form on the page: " + snippet(page));
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
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
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
}
