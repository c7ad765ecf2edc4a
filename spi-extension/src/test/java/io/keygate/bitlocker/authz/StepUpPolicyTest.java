package io.keygate.bitlocker.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.AccessToken;

class StepUpPolicyTest {

    private static final long NOW = 1_795_000_000L;
    private static final Map<String, Integer> GOLD_SILVER = Map.of("gold", 2, "silver", 1);

    private static StepUpPolicy policy(String acr, int maxAgeSeconds, Map<String, Integer> acrLoaMap) {
        BitLockerConfig.StepUp stepUp = new BitLockerConfig.StepUp();
        stepUp.acr = acr;
        stepUp.maxAgeSeconds = maxAgeSeconds;
        return new StepUpPolicy(stepUp, acrLoaMap);
    }

    private static StepUpPolicy defaultPolicy() {
        return policy("2", 300, Map.of());
    }

    private static AccessToken token(String acr, Long authTime) {
        AccessToken token = new AccessToken();
        token.setAcr(acr);
        token.setAuth_time(authTime);
        return token;
    }

    private static AccessToken freshToken(String acr) {
        return token(acr, NOW - 10);
    }

    // ---- level of authentication ----

    @Test
    void aNumericAcrEqualToTheRequiredLevelIsEnough() {
        assertThat(defaultPolicy().shortfall(freshToken("2"), NOW)).isNull();
    }

    @Test
    void aNumericAcrAboveTheRequiredLevelIsEnough() {
        assertThat(defaultPolicy().shortfall(freshToken("3"), NOW)).isNull();
    }

    @Test
    void aNumericAcrBelowTheRequiredLevelIsInsufficient() {
        assertThat(defaultPolicy().shortfall(freshToken("1"), NOW)).contains("level 2").contains("'1'");
    }

    @Test
    void levelsAreComparedAsNumbersNotAsText() {
        assertThat(defaultPolicy().shortfall(freshToken("10"), NOW)).isNull();
        assertThat(policy("10", 300, Map.of()).shortfall(freshToken("9"), NOW)).isNotNull();
    }

    @Test
    void aMappedAcrIsComparedByItsLevel() {
        StepUpPolicy policy = policy("2", 300, GOLD_SILVER);

        assertThat(policy.shortfall(freshToken("gold"), NOW)).isNull();
        assertThat(policy.shortfall(freshToken("silver"), NOW)).contains("'silver'");
    }

    @Test
    void aMappedRequiredLevelIsComparedByItsLevel() {
        StepUpPolicy policy = policy("gold", 300, GOLD_SILVER);

        assertThat(policy.shortfall(freshToken("gold"), NOW)).isNull();
        assertThat(policy.shortfall(freshToken("2"), NOW)).isNull();
        assertThat(policy.shortfall(freshToken("3"), NOW)).isNull();
        assertThat(policy.shortfall(freshToken("silver"), NOW)).isNotNull();
        assertThat(policy.shortfall(freshToken("1"), NOW)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bronze", "two", "2.0", " 2", "urn:example:loa:high"})
    void anAcrThatIsNeitherMappedNorANumberIsInsufficient(String acr) {
        assertThat(policy("2", 300, GOLD_SILVER).shortfall(freshToken(acr), NOW)).contains("'" + acr + "'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aTokenWithoutAcrIsInsufficient(String acr) {
        assertThat(defaultPolicy().shortfall(freshToken(acr), NOW)).isNotNull().contains("level 2");
    }

    @Test
    void aTokenWithoutAcrIsReportedAsHavingNone() {
        assertThat(defaultPolicy().shortfall(freshToken(null), NOW)).contains("none");
    }

    @Test
    void aRequiredLevelThatIsNeitherMappedNorANumberFailsClosed() {
        StepUpPolicy policy = policy("platinum", 300, GOLD_SILVER);

        assertThat(policy.shortfall(freshToken("platinum"), NOW)).contains("'platinum'");
        assertThat(policy.shortfall(freshToken("99"), NOW)).isNotNull();
    }

    // ---- freshness ----

    @ParameterizedTest
    @ValueSource(longs = {0L, -1L})
    void aTokenWithoutAPositiveAuthTimeIsInsufficient(long authTime) {
        assertThat(defaultPolicy().shortfall(token("2", authTime), NOW)).contains("auth_time");
    }

    @Test
    void aTokenWithoutAuthTimeIsInsufficient() {
        assertThat(defaultPolicy().shortfall(token("2", null), NOW)).contains("auth_time");
    }

    @Test
    void anAuthenticationOlderThanMaxAgeIsInsufficient() {
        assertThat(defaultPolicy().shortfall(token("2", NOW - 301), NOW)).contains("300 seconds");
    }

    @Test
    void anAuthenticationExactlyMaxAgeOldIsEnough() {
        assertThat(defaultPolicy().shortfall(token("2", NOW - 300), NOW)).isNull();
    }

    @Test
    void maxAgeComesFromTheConfiguration() {
        StepUpPolicy policy = policy("2", 60, Map.of());

        assertThat(policy.shortfall(token("2", NOW - 60), NOW)).isNull();
        assertThat(policy.shortfall(token("2", NOW - 61), NOW)).contains("60 seconds");
    }

    @Test
    void aStrongButStaleTokenIsInsufficient() {
        assertThat(defaultPolicy().shortfall(token("3", NOW - 3600), NOW)).isNotNull();
    }

    // ---- the RFC 9470 challenge ----

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern AUTH_PARAM = Pattern.compile(
            "\\G(" + TOKEN + ")=(?:\"((?:[^\"\\\\\\p{Cntrl}]|\\\\[^\\p{Cntrl}])*)\"|(" + TOKEN + "))(?:, |$)");

    /** Parses {@code Bearer p1="v", p2=v} strictly: every character must belong to a well-formed auth-param. */
    private static Map<String, String> bearerParams(String header) {
        assertThat(header).startsWith("Bearer ");
        String params = header.substring("Bearer ".length());
        Map<String, String> parsed = new LinkedHashMap<>();
        Matcher m = AUTH_PARAM.matcher(params);
        int end = 0;
        while (end < params.length() && m.find()) {
            String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            assertThat(parsed.put(m.group(1), value)).as("duplicate parameter %s", m.group(1)).isNull();
            end = m.end();
        }
        assertThat(end).as("unparseable rest of header: %s", params.substring(end)).isEqualTo(params.length());
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headersOf(Problem problem) {
        // Problem.toResponse() needs a JAX-RS runtime, which the unit-test classpath does not have
        try {
            Field field = Problem.class.getDeclaredField("headers");
            field.setAccessible(true);
            return (Map<String, String>) field.get(problem);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Problem no longer keeps its headers in a 'headers' map", e);
        }
    }

    private static String challengeHeader(StepUpPolicy policy, String shortfall) {
        Map<String, String> headers = headersOf(policy.challenge(shortfall));
        assertThat(headers).containsOnlyKeys("WWW-Authenticate");
        return headers.get("WWW-Authenticate");
    }

    @Test
    void theChallengeIsAnRfc9470BearerChallenge() {
        StepUpPolicy policy = defaultPolicy();
        String shortfall = policy.shortfall(freshToken("1"), NOW);

        String header = challengeHeader(policy, shortfall);
        Map<String, String> params = bearerParams(header);

        assertThat(params).containsOnlyKeys("error", "error_description", "acr_values", "max_age");
        assertThat(params.keySet()).containsExactly("error", "error_description", "acr_values", "max_age");
        assertThat(params.get("error")).isEqualTo("insufficient_user_authentication");
        assertThat(params.get("error_description")).isEqualTo(shortfall);
        assertThat(params.get("acr_values")).isEqualTo("2");
        assertThat(params.get("max_age")).isEqualTo("300");
        assertThat(header).contains("error=\"insufficient_user_authentication\"").contains("acr_values=\"2\"")
                .endsWith(", max_age=300");
    }

    @Test
    void theChallengeNamesTheConfiguredLevelAndMaxAge() {
        StepUpPolicy policy = policy("gold", 600, GOLD_SILVER);

        Map<String, String> params = bearerParams(challengeHeader(policy, policy.shortfall(freshToken("silver"), NOW)));

        assertThat(params.get("acr_values")).isEqualTo("gold");
        assertThat(params.get("max_age")).isEqualTo("600");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1\"", "say \"hi\"", "1\", acr_values=\"0", "back\\slash", "trailing\\", "\\\"", "x\"\""})
    void quotesAndBackslashesInTheDescriptionCannotBreakTheHeader(String tokenAcr) {
        StepUpPolicy policy = defaultPolicy();
        String shortfall = policy.shortfall(freshToken(tokenAcr), NOW);
        assertThat(shortfall).contains(tokenAcr);

        String header = challengeHeader(policy, shortfall);
        Map<String, String> params = bearerParams(header);

        assertThat(params).containsOnlyKeys("error", "error_description", "acr_values", "max_age");
        assertThat(params.get("acr_values")).isEqualTo("2");
        assertThat(params.get("error_description")).doesNotContain("\"").startsWith("This operation needs");
    }

    @Test
    void theChallengeIsAProblemWithTheInsufficientUserAuthenticationCode() {
        StepUpPolicy policy = defaultPolicy();
        String shortfall = policy.shortfall(token("2", NOW - 301), NOW);

        Problem problem = policy.challenge(shortfall);

        assertThat(problem.code()).isEqualTo(ProblemCode.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(problem.detail()).isEqualTo(shortfall);
        assertThat(problem.body())
                .containsEntry("code", "insufficient_user_authentication")
                .containsEntry("status", 401)
                .containsEntry("detail", shortfall)
                .containsEntry("type", "urn:bitlocker-keygate:problem:insufficient_user_authentication")
                .containsEntry("title", "Insufficient user authentication");
    }

    @Test
    void aConfiguredLevelWithAQuoteStillYieldsAWellFormedChallenge() {
        StepUpPolicy policy = policy("gold\"", 300, Map.of("gold\"", 2));

        Map<String, String> params = bearerParams(challengeHeader(policy, policy.shortfall(freshToken("1"), NOW)));

        assertThat(params).containsOnlyKeys("error", "error_description", "acr_values", "max_age");
        // The configuration refuses such a level; should one get through, the header still parses.
        assertThat(params.get("acr_values")).isEqualTo("gold'");
    }
}
