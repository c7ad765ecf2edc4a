package io.keygate.bitlocker.it.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.keygate.bitlocker.simulators.browser.BrowserUser;
import org.keycloak.testframework.realm.ManagedRealm;

/** Browser-flow logins of the test realm's users (password, then a real TOTP code when stepping up). */
public final class BrowserLogin {

    private static final Map<String, String> STEP_UP_CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Long> STEP_UP_TIME = new ConcurrentHashMap<>();

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

    public String login(String username, String acrValues, Integer maxAge, boolean withOtp) {
        return new BrowserUser(Api.BASE, realm, clientId, TestRealm.REDIRECT_URI)
                .login(username, TestRealm.PASSWORD, withOtp ? TestRealm.TOTP_SECRET : null, acrValues, maxAge)
                .path("access_token").asText();
    }

    /**
     * A level-2 token of a user, reused for up to two minutes: well inside the five-minute step-up
     * window, and it spares a 30-second wait for a fresh TOTP code on every call.
     */
    public static String cachedStepUpToken(ManagedRealm managed, String username) {
        // Realms of different test classes may share a name: key by the managed instance.
        String key = System.identityHashCode(managed) + "/" + managed.getName() + "/" + username;
        Long at = STEP_UP_TIME.get(key);
        if (at == null || System.currentTimeMillis() - at > 120_000) {
            STEP_UP_CACHE.put(key, new BrowserLogin(managed.getName()).stepUpToken(username));
            STEP_UP_TIME.put(key, System.currentTimeMillis());
        }
        return STEP_UP_CACHE.get(key);
    }
}
