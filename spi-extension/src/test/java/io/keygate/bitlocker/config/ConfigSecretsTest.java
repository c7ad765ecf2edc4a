package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.TestDocuments.INSTALLED;
import static io.keygate.bitlocker.config.TestDocuments.KEK;
import static io.keygate.bitlocker.config.TestDocuments.apply;
import static io.keygate.bitlocker.config.TestDocuments.json;
import static io.keygate.bitlocker.config.TestDocuments.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets in a PUT: the mask keeps the stored secret, never for a new destination. */
class ConfigSecretsTest {

    @Test
    void theWebhookSecretIsMaskedLikeEveryOtherSecret() throws ConfigValidationException {
        BitLockerConfig c = apply("{'forwarding':{'webhook':{'url':'https://siem.example.com/hook','secret':'hmac-k3y'}}}");

        assertThat(ConfigDocument.masked(c).at("/forwarding/webhook/secret").asText()).isEqualTo("**********");
        assertThat(ConfigDocument.applyUpdate(c, json("{'forwarding':{'webhook':{'secret':'**********'}}}"), INSTALLED)
                .forwarding.webhook.secret).isEqualTo("hmac-k3y");
        assertThat(rejectionOf(c, json("{'forwarding':{'webhook':{'url':'https://attacker.example/hook'}}}")))
                .contains("'forwarding.webhook.secret'");
    }

    @Test
    void puttingBackWhatGetShowedKeepsEveryStoredSecret() throws ConfigValidationException {
        BitLockerConfig current = apply("{'local':{'kek':'" + KEK + "'},'entra':{'clientSecret':'entra-s3cret'},"
                + "'ticketing':{'token':'jira-t0ken'}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current, ConfigDocument.masked(current).toString(), INSTALLED);

        assertThat(next.local.kek).isEqualTo(KEK);
        assertThat(next.entra.clientSecret).isEqualTo("entra-s3cret");
        assertThat(next.ticketing.token).isEqualTo("jira-t0ken");
        assertThat(ConfigDocument.changedPaths(current, next)).isEmpty();
    }

    @Test
    void aMaskedSecretNextToOtherChangesKeepsTheSecretAndAppliesTheRest() throws ConfigValidationException {
        BitLockerConfig current = apply("{'ticketing':{'token':'jira-t0ken','username':'bot'}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current,
                json("{'ticketing':{'token':'**********','incidentTypes':['Incident','Problem']}}"), INSTALLED);

        assertThat(next.ticketing.token).isEqualTo("jira-t0ken");
        assertThat(next.ticketing.incidentTypes).containsExactly("Incident", "Problem");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{'ticketing':{'baseUrl':'https://attacker.example'}}",
            "{'ticketing':{'token':'**********','baseUrl':'https://attacker.example'}}",
            "{'ticketing':{'token':'**********','username':'bot2'}}",
            "{'ticketing':{'system':'servicenow'}}",
            "{'ticketing':{'authType':'oauth'}}"})
    void aStoredSecretIsNeverKeptForANewDestination(String update) throws ConfigValidationException {
        BitLockerConfig current = apply("{'ticketing':{'baseUrl':'https://acme.atlassian.net','token':'jira-t0ken',"
                + "'username':'bot'}}");

        assertThat(rejectionOf(current, json(update))).contains("'ticketing.token'");
    }

    @Test
    void aNewDestinationIsAcceptedWithTheSecretSentAgain() throws ConfigValidationException {
        BitLockerConfig current = apply("{'ticketing':{'baseUrl':'https://acme.atlassian.net','token':'jira-t0ken'}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current,
                json("{'ticketing':{'baseUrl':'https://acme2.atlassian.net','token':'other-t0ken'}}"), INSTALLED);

        assertThat(next.ticketing.baseUrl).isEqualTo("https://acme2.atlassian.net");
        assertThat(next.ticketing.token).isEqualTo("other-t0ken");
    }

    @Test
    void anEntraSecretIsNeverKeptForAnotherTenantOrHost() throws ConfigValidationException {
        BitLockerConfig current = apply("{'entra':{'tenantId':'contoso','clientSecret':'s3cret'}}");

        assertThat(rejectionOf(current, json("{'entra':{'tenantId':'fabrikam'}}"))).contains("'entra.clientSecret'");
        assertThat(rejectionOf(current, json("{'entra':{'graphBaseUrl':'https://graph.attacker.example'}}")))
                .contains("'entra.clientSecret'");
    }

    @Test
    void aMaskedKekIsNotTakenForAKek() throws ConfigValidationException {
        BitLockerConfig current = apply("{'local':{'kek':'" + KEK + "'}}");

        assertThat(ConfigDocument.applyUpdate(current, json("{'local':{'kek':'**********'}}"), INSTALLED).local.kek)
                .isEqualTo(KEK);
    }

    @Test
    void aMaskSentForAnEmptySecretLeavesItEmpty() throws ConfigValidationException {
        BitLockerConfig next = apply("{'entra':{'clientSecret':'**********'},'local':{'kek':'**********'}}");

        assertThat(next.entra.clientSecret).isEmpty();
        assertThat(next.local.kek).isEmpty();
    }

    @Test
    void aNewLiteralSecretReplacesTheStoredOne() throws ConfigValidationException {
        BitLockerConfig current = apply("{'ticketing':{'token':'old-t0ken'}}");

        assertThat(ConfigDocument.applyUpdate(current, json("{'ticketing':{'token':'new-t0ken'}}"), INSTALLED).ticketing.token)
                .isEqualTo("new-t0ken");
    }
}
