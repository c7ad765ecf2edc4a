package io.keygate.bitlocker.config;

import static io.keygate.bitlocker.config.TestDocuments.KEK;
import static io.keygate.bitlocker.config.TestDocuments.apply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The document as GET shows it. */
class ConfigMaskingTest {

    BitLockerConfig withSecrets() throws ConfigValidationException {
        return apply("{'local':{'kek':'" + KEK + "'},"
                + "'entra':{'clientSecret':'entra-s3cret','certificate':'${vault.entra-cert}'},"
                + "'ticketing':{'username':'bot','token':''}}");
    }

    @Test
    void literalSecretsAreMaskedVaultReferencesShownAndEmptySecretsStayEmpty() throws ConfigValidationException {
        ObjectNode masked = ConfigDocument.masked(withSecrets());

        assertThat(masked.at("/local/kek").asText()).isEqualTo("**********");
        assertThat(masked.at("/entra/clientSecret").asText()).isEqualTo("**********");
        assertThat(masked.at("/entra/certificate").asText()).isEqualTo("${vault.entra-cert}");
        assertThat(masked.at("/ticketing/token").asText()).isEmpty();
        assertThat(masked.at("/ticketing/username").asText()).isEqualTo("bot");
    }

    @Test
    void theMaskedDocumentContainsNoLiteralSecret() throws ConfigValidationException {
        String document = ConfigDocument.masked(withSecrets()).toString();

        assertThat(document).doesNotContain(KEK).doesNotContain("entra-s3cret");
    }

    @Test
    void maskingDoesNotAlterTheConfiguration() throws ConfigValidationException {
        BitLockerConfig config = withSecrets();

        ConfigDocument.masked(config);

        assertThat(config.local.kek).isEqualTo(KEK);
        assertThat(config.entra.clientSecret).isEqualTo("entra-s3cret");
    }
}
