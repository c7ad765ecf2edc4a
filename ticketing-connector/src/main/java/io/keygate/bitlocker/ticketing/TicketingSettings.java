package io.keygate.bitlocker.ticketing;

import java.time.Duration;

/**
 * A realm's ticketing configuration with its secret already resolved (from the vault or the literal).
 *
 * @param baseUrl       the system's base URL
 * @param apiVersion    Jira: {@code 3} (Cloud) or {@code 2} (Data Center)
 * @param username      Jira Cloud: account e-mail; ServiceNow: user (Basic) or OAuth client id
 * @param token         the API token, personal access token, password or client secret
 * @param retryBudget   how long a 429 with {@code Retry-After} may be waited out in total
 */
public record TicketingSettings(String baseUrl, String apiVersion, String username, String token, Duration retryBudget) {

    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(10);

    public String trimmedBaseUrl() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String toString() {
        // Never print the token.
        return "TicketingSettings[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", username=" + username + "]";
    }
}
