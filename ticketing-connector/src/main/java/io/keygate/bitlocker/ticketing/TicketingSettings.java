package io.keygate.bitlocker.ticketing;

import java.time.Duration;
import java.util.Locale;

/**
 * A realm's ticketing configuration with its secret already resolved (from the vault or the literal).
 *
 * @param baseUrl     the system's base URL
 * @param apiVersion  Jira: {@code 3} (Cloud) or {@code 2} (Data Center); ignored by ServiceNow
 * @param authType    ServiceNow: {@link AuthType#BASIC} (user + password) or {@link AuthType#OAUTH_CLIENT_CREDENTIALS};
 *                    Jira authenticates as its API version prescribes and ignores it
 * @param username    Jira Cloud: account e-mail; ServiceNow: user (Basic) or OAuth client id
 * @param token       the API token, personal access token, password or client secret
 * @param timeout     per request: connecting, waiting for a pooled connection, and silence while reading
 * @param retryBudget how long a 429 with {@code Retry-After} may be waited out in total
 */
public record TicketingSettings(String baseUrl, String apiVersion, AuthType authType, String username, String token,
        Duration timeout, Duration retryBudget) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(10);

    /** How ServiceNow is authenticated; config value {@code basic} or {@code oauth}. */
    public enum AuthType {
        BASIC,
        OAUTH_CLIENT_CREDENTIALS;

        /** Reads the configuration spelling; blank means Basic, the Table API's default. */
        public static AuthType fromConfig(String value) {
            if (value == null || value.isBlank()) {
                return BASIC;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "basic" -> BASIC;
                case "oauth", "oauth_client_credentials", "client_credentials" -> OAUTH_CLIENT_CREDENTIALS;
                default -> throw new IllegalArgumentException("unknown ticketing auth type '" + value + "'");
            };
        }
    }

    public TicketingSettings {
        authType = authType == null ? AuthType.BASIC : authType;
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
        retryBudget = retryBudget == null || retryBudget.isNegative() ? DEFAULT_RETRY_BUDGET : retryBudget;
    }

    /** Basic (or, for Jira, the API version's) authentication with the default timeout. */
    public TicketingSettings(String baseUrl, String apiVersion, String username, String token, Duration retryBudget) {
        this(baseUrl, apiVersion, AuthType.BASIC, username, token, DEFAULT_TIMEOUT, retryBudget);
    }

    public TicketingSettings withTimeout(Duration newTimeout) {
        return new TicketingSettings(baseUrl, apiVersion, authType, username, token, newTimeout, retryBudget);
    }

    public TicketingSettings withRetryBudget(Duration newBudget) {
        return new TicketingSettings(baseUrl, apiVersion, authType, username, token, timeout, newBudget);
    }

    public TicketingSettings withCredentials(String newUsername, String newToken) {
        return new TicketingSettings(baseUrl, apiVersion, authType, newUsername, newToken, timeout, retryBudget);
    }

    public String trimmedBaseUrl() {
        String url = baseUrl == null ? "" : baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    @Override
    public String toString() {
        // Never print the token.
        return "TicketingSettings[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", authType=" + authType
                + ", username=" + username + ", timeout=" + timeout + ", retryBudget=" + retryBudget + "]";
    }
}
