package io.keygate.bitlocker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigDocumentTest {

    /** A literal 256-bit KEK. */
    static final String KEK = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    /** What a stock installation has: our key sources and ticketing systems, with their own section checks. */
    static final InstalledProviders INSTALLED = new TestInstalledProviders();

    /** JSON written with single quotes, for readability. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static BitLockerConfig apply(String singleQuotedJson) throws ConfigValidationException {
        return ConfigDocument.applyUpdate(new BitLockerConfig(), json(singleQuotedJson), INSTALLED);
    }

    static String rejectionOf(String singleQuotedJson) {
        return rejectionOf(new BitLockerConfig(), json(singleQuotedJson));
    }

    static String rejectionOf(BitLockerConfig current, String body) {
        try {
            ConfigDocument.applyUpdate(current, body, INSTALLED);
        } catch (ConfigValidationException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the update to be rejected: " + body);
    }

    // ---- Defaults ----

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aRealmWithNothingStoredGetsTheDocumentedDefaults(String stored) {
        BitLockerConfig c = ConfigDocument.fromStored(stored);

        assertThat(c.enabled).isFalse();
        assertThat(c.keySource).isEqualTo("local");
        assertThat(c.local.kek).isEmpty();
        assertThat(c.entra.tenantId).isEmpty();
        assertThat(c.entra.clientId).isEmpty();
        assertThat(c.entra.clientSecret).isEmpty();
        assertThat(c.entra.certificate).isEmpty();
        assertThat(c.entra.authorityHost).isEqualTo("https://login.microsoftonline.com/");
        assertThat(c.entra.graphBaseUrl).isEqualTo("https://graph.microsoft.com");
        assertThat(c.entra.ownerIdentityProvider).isEmpty();
        assertThat(c.entra.ownerAttribute).isEqualTo("email");
        assertThat(c.entra.syncIntervalMinutes).isEqualTo(15);
        assertThat(c.ticketing.system).isEqualTo("jira");
        assertThat(c.ticketing.baseUrl).isEmpty();
        assertThat(c.ticketing.apiVersion).isEqualTo("3");
        assertThat(c.ticketing.username).isEmpty();
        assertThat(c.ticketing.token).isEmpty();
        assertThat(c.ticketing.incidentTypes).containsExactly("Incident");
        assertThat(c.ticketing.requireDeviceReference).isTrue();
        assertThat(c.ticketing.maxDevicesPerTicket).isEqualTo(1);
        assertThat(c.ticketing.annotate).isTrue();
        assertThat(c.ticketing.breakGlass).isFalse();
        assertThat(c.stepUp.acr).isEqualTo("2");
        assertThat(c.stepUp.maxAgeSeconds).isEqualTo(300);
        assertThat(c.selfService.enabled).isTrue();
        assertThat(c.selfService.requireStepUp).isTrue();
        assertThat(c.rotation.afterReveal).isTrue();
        assertThat(c.rotation.retainPreviousDays).isEqualTo(7);
        assertThat(c.notifications.notifyOwner).isTrue();
        assertThat(c.notifications.auditorEmails).isEmpty();
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(20);
    }

    @Test
    void aStoredDocumentMissingNewerKeysGetsTheirDefaults() {
        BitLockerConfig c = ConfigDocument.fromStored(json("{'enabled':true,'stepUp':{'maxAgeSeconds':600}}"));

        assertThat(c.enabled).isTrue();
        assertThat(c.stepUp.maxAgeSeconds).isEqualTo(600);
        assertThat(c.stepUp.acr).isEqualTo("2");
        assertThat(c.ticketing.incidentTypes).containsExactly("Incident");
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(20);
    }

    @Test
    void aStoredDocumentReadsBackAsItWasWritten() throws ConfigValidationException {
        BitLockerConfig written = apply("{'enabled':true,'local':{'kek':'" + KEK + "'},"
                + "'ticketing':{'system':'servicenow','baseUrl':'https://acme.service-now.com',"
                + "'incidentTypes':['incident','problem'],'maxDevicesPerTicket':3},"
                + "'notifications':{'auditorEmails':['audit@example.com']}}");

        BitLockerConfig read = ConfigDocument.fromStored(ConfigDocument.toStored(written));

        assertThat(ConfigDocument.toStored(read)).isEqualTo(ConfigDocument.toStored(written));
        assertThat(read.local.kek).isEqualTo(KEK);
        assertThat(read.ticketing.incidentTypes).containsExactly("incident", "problem");
        assertThat(ConfigDocument.changedPaths(written, read)).isEmpty();
    }

    @Test
    void anEmptyUpdateOfTheDefaultsIsValidAndChangesNothing() throws ConfigValidationException {
        BitLockerConfig defaults = new BitLockerConfig();

        BitLockerConfig next = ConfigDocument.applyUpdate(defaults, "{}", INSTALLED);

        assertThat(ConfigDocument.toStored(next)).isEqualTo(ConfigDocument.toStored(defaults));
        assertThat(ConfigDocument.changedPaths(defaults, next)).isEmpty();
    }

    // ---- Merge ----

    @Test
    void anUpdateOfOneNestedKeyKeepsTheSiblingsAndOtherSections() throws ConfigValidationException {
        BitLockerConfig current = apply("{'enabled':true,'ticketing':{'system':'servicenow','apiVersion':'v2',"
                + "'incidentTypes':['incident','problem'],'maxDevicesPerTicket':5},'stepUp':{'acr':'3'}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current,
                json("{'ticketing':{'baseUrl':'https://acme.service-now.com'}}"), INSTALLED);

        assertThat(next.ticketing.baseUrl).isEqualTo("https://acme.service-now.com");
        assertThat(next.ticketing.system).isEqualTo("servicenow");
        assertThat(next.ticketing.apiVersion).isEqualTo("v2");
        assertThat(next.ticketing.incidentTypes).containsExactly("incident", "problem");
        assertThat(next.ticketing.maxDevicesPerTicket).isEqualTo(5);
        assertThat(next.stepUp.acr).isEqualTo("3");
        assertThat(next.enabled).isTrue();
    }

    @Test
    void aListInAnUpdateReplacesTheStoredListInsteadOfAppending() throws ConfigValidationException {
        BitLockerConfig current = apply("{'ticketing':{'incidentTypes':['Incident','Problem']},"
                + "'notifications':{'auditorEmails':['a@example.com','b@example.com']}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current,
                json("{'ticketing':{'incidentTypes':['Service request']},"
                        + "'notifications':{'auditorEmails':['c@example.com']}}"), INSTALLED);

        assertThat(next.ticketing.incidentTypes).containsExactly("Service request");
        assertThat(next.notifications.auditorEmails).containsExactly("c@example.com");
    }

    @Test
    void anEmptyListInAnUpdateEmptiesTheStoredList() throws ConfigValidationException {
        BitLockerConfig current = apply("{'notifications':{'auditorEmails':['a@example.com']}}");

        BitLockerConfig next = ConfigDocument.applyUpdate(current, json("{'notifications':{'auditorEmails':[]}}"), INSTALLED);

        assertThat(next.notifications.auditorEmails).isEmpty();
    }

    @Test
    void anUpdateDoesNotModifyTheCurrentConfiguration() throws ConfigValidationException {
        BitLockerConfig current = apply("{'stepUp':{'acr':'3'},'ticketing':{'incidentTypes':['Incident']}}");

        ConfigDocument.applyUpdate(current, json("{'stepUp':{'acr':'4'},'ticketing':{'incidentTypes':['Problem']}}"), INSTALLED);

        assertThat(current.stepUp.acr).isEqualTo("3");
        assertThat(current.ticketing.incidentTypes).containsExactly("Incident");
    }

    @Test
    void aRejectedUpdateLeavesTheCurrentConfigurationUntouched() throws ConfigValidationException {
        BitLockerConfig current = apply("{'enabled':true,'stepUp':{'maxAgeSeconds':600}}");
        String before = ConfigDocument.toStored(current);

        rejectionOf(current, json("{'enabled':false,'stepUp':{'maxAgeSeconds':0}}"));

        assertThat(ConfigDocument.toStored(current)).isEqualTo(before);
    }

    // ---- Unknown keys ----

    @Test
    void anUnknownTopLevelKeyIsRejectedByName() {
        assertThat(rejectionOf("{'enabled':true,'kekRotation':true}")).contains("kekRotation");
    }

    @Test
    void anUnknownNestedKeyIsRejectedByItsPath() {
        assertThat(rejectionOf("{'ticketing':{'system':'jira','projectKey':'IT'}}"))
                .contains("ticketing.projectKey");
    }

    @Test
    void aKeyInTheWrongCaseIsUnknown() {
        assertThat(rejectionOf("{'entra':{'tenantID':'contoso'}}")).contains("tenantID");
    }

    // ---- Wrong types ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'enabled':'true'}                              | enabled",
            "{'enabled':1}                                   | enabled",
            "{'enabled':null}                                | enabled",
            "{'ticketing':{'annotate':'false'}}              | ticketing.annotate",
            "{'stepUp':{'maxAgeSeconds':'20'}}               | stepUp.maxAgeSeconds",
            "{'stepUp':{'maxAgeSeconds':1.5}}                | stepUp.maxAgeSeconds",
            "{'stepUp':{'maxAgeSeconds':true}}               | stepUp.maxAgeSeconds",
            "{'limits':{'revealsPerUserPerHour':null}}       | limits.revealsPerUserPerHour",
            "{'ticketing':{'incidentTypes':'Incident'}}      | ticketing.incidentTypes",
            "{'ticketing':{'incidentTypes':[1]}}             | ticketing.incidentTypes",
            "{'notifications':{'auditorEmails':'a@b.example'}} | notifications.auditorEmails",
            "{'stepUp':{'acr':2}}                            | stepUp.acr",
            "{'keySource':true}                              | keySource",
            "{'ticketing':{'baseUrl':null}}                  | ticketing.baseUrl",
            "{'local':{'kek':null}}                          | local.kek",
            "{'stepUp':'strict'}                             | stepUp",
            "{'ticketing':null}                              | ticketing",
            "{'limits':null}                                 | limits",
            "{'local':[]}                                    | local",
    })
    void aValueOfTheWrongTypeIsRejectedNamingTheKey(String body, String key) {
        assertThat(rejectionOf(body)).contains("'" + key);
    }

    @Test
    void anIntegerOutOfRangeIsRejectedNamingTheKey() {
        assertThat(rejectionOf("{'stepUp':{'maxAgeSeconds':3000000000}}")).contains("'stepUp.maxAgeSeconds'");
    }

    @Test
    void aNullSectionIsRejectedAsNotAnObject() {
        assertThat(rejectionOf("{'ticketing':null}")).isEqualTo("'ticketing' must be an object");
    }

    // ---- Invalid values ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'keySource':'vault'}                                     | keySource",
            "{'keySource':'LOCAL'}                                     | keySource",
            "{'keySource':null}                                        | keySource",
            "{'ticketing':{'system':'zendesk'}}                        | ticketing.system",
            "{'ticketing':{'system':'Jira'}}                           | ticketing.system",
            "{'ticketing':{'system':'jira','apiVersion':'4'}}          | ticketing.apiVersion",
            "{'ticketing':{'system':'jira','apiVersion':'v3'}}         | ticketing.apiVersion",
            "{'ticketing':{'maxDevicesPerTicket':0}}                   | ticketing.maxDevicesPerTicket",
            "{'ticketing':{'maxDevicesPerTicket':-1}}                  | ticketing.maxDevicesPerTicket",
            "{'ticketing':{'incidentTypes':[]}}                        | ticketing.incidentTypes",
            "{'ticketing':{'incidentTypes':['Incident','  ']}}         | ticketing.incidentTypes",
            "{'ticketing':{'incidentTypes':[null]}}                    | ticketing.incidentTypes",
            "{'ticketing':{'baseUrl':'jira.example.com'}}              | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'ftp://jira.example.com'}}        | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'https://'}}                      | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'https://jira example.com'}}      | ticketing.baseUrl",
            "{'ticketing':{'baseUrl':'javascript:alert(1)'}}           | ticketing.baseUrl",
            "{'entra':{'authorityHost':''}}                            | entra.authorityHost",
            "{'entra':{'graphBaseUrl':'graph.microsoft.com'}}          | entra.graphBaseUrl",
            "{'entra':{'ownerAttribute':' '}}                          | entra.ownerAttribute",
            "{'entra':{'syncIntervalMinutes':0}}                       | entra.syncIntervalMinutes",
            "{'entra':{'syncIntervalMinutes':10081}}                   | entra.syncIntervalMinutes",
            "{'stepUp':{'acr':''}}                                     | stepUp.acr",
            "{'stepUp':{'acr':'   '}}                                  | stepUp.acr",
            "{'stepUp':{'acr':'gold\\\"'}}                              | stepUp.acr",
            "{'stepUp':{'acr':'gold silver'}}                          | stepUp.acr",
            "{'stepUp':{'maxAgeSeconds':0}}                            | stepUp.maxAgeSeconds",
            "{'stepUp':{'maxAgeSeconds':86401}}                        | stepUp.maxAgeSeconds",
            "{'rotation':{'retainPreviousDays':-1}}                    | rotation.retainPreviousDays",
            "{'notifications':{'auditorEmails':['not-an-email']}}      | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':['audit@localhost']}}   | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':['a b@example.com']}}   | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':['ok@example.com','']}} | notifications.auditorEmails",
            "{'notifications':{'auditorEmails':[null]}}                | notifications.auditorEmails",
            "{'limits':{'revealsPerUserPerHour':0}}                    | limits.revealsPerUserPerHour",
            "{'limits':{'requestsPerUserPerHour':0}}                   | limits.requestsPerUserPerHour",
            "{'limits':{'requestsPerUserPerHour':1001}}                | limits.requestsPerUserPerHour",
            "{'access':{'clients':['']}}                               | access.clients",
            "{'access':{'clients':[]}}                                 | access.clients",
            "{'access':{'clients':['*','bitlocker-console']}}          | access.clients",
            "{'access':{'clients':['bitlocker-console','*']}}          | access.clients",
            "{'access':{'clients':'bitlocker-console'}}                | access.clients",
            "{'escrow':{'deviceBinding':'tpm'}}                        | escrow.deviceBinding",
    })
    void anInvalidValueIsRejectedNamingTheKey(String body, String key) {
        assertThat(rejectionOf(body)).contains("'" + key + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "AQIDBAUGBwgJCgsMDQ4PEA==",                              // 16 bytes
            "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw==",          // 31 bytes
            "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAh",          // 33 bytes
            "not base64 at all!",
            "${vault.}",
            "${env.BITLOCKER_KEK}",
    })
    void aKekThatIsNotA256BitKeyOrAVaultReferenceIsRejected(String kek) {
        assertThat(rejectionOf("{'local':{'kek':'" + kek + "'}}")).contains("'local.kek'");
    }

    /** SPEC §8's document, as documented. */
    @Test
    void theWholeDocumentedDocumentIsAccepted() throws ConfigValidationException {
        BitLockerConfig c = apply("{'enabled':true,'keySource':'local','local':{'kek':'${vault.bitlocker-kek}'},"
                + "'entra':{'tenantId':'','clientId':'','clientSecret':'','certificate':'',"
                + "'authorityHost':'https://login.microsoftonline.com/','graphBaseUrl':'https://graph.microsoft.com',"
                + "'ownerIdentityProvider':'','ownerAttribute':'email','syncIntervalMinutes':15},"
                + "'ticketing':{'system':'jira','baseUrl':'','apiVersion':'3','username':'','token':'',"
                + "'incidentTypes':['Incident'],'requireDeviceReference':true,'maxDevicesPerTicket':1,'annotate':true,"
                + "'breakGlass':false},'stepUp':{'acr':'2','maxAgeSeconds':300},"
                + "'selfService':{'enabled':true,'requireStepUp':true},'rotation':{'afterReveal':true,'retainPreviousDays':7},"
                + "'notifications':{'notifyOwner':true,'auditorEmails':[],'approverEmails':[]},"
                + "'limits':{'revealsPerUserPerHour':20,'requestsPerUserPerHour':10},"
                + "'access':{'clients':['bitlocker-console','account-console']},'escrow':{'deviceBinding':'dpop'},"
                + "'approval':{'requiredFor':[],'useWithinMinutes':60,'pendingHours':24},"
                + "'forwarding':{'syslog':{'enabled':false,'host':'','port':6514,'tls':true},"
                + "'webhook':{'enabled':false,'url':'','secret':''}}}");

        assertThat(c.enabled).isTrue();
        assertThat(c.approval.useWithinMinutes).isEqualTo(60);
        assertThat(c.forwarding.syslog.port).isEqualTo(6514);
    }

    @Test
    void dualControlIsConfiguredPerRoute() throws ConfigValidationException {
        BitLockerConfig c = apply("{'approval':{'requiredFor':['helpdesk','breakGlass'],'useWithinMinutes':15}}");

        assertThat(c.approval.requiredFor).containsExactly("helpdesk", "breakGlass");
        assertThat(c.approval.useWithinMinutes).isEqualTo(15);
        assertThat(rejectionOf("{'approval':{'requiredFor':['owner']}}")).contains("approval.requiredFor");
    }

    @Test
    void anEnabledSinkNeedsItsDestination() throws ConfigValidationException {
        assertThat(rejectionOf("{'forwarding':{'syslog':{'enabled':true}}}")).contains("forwarding.syslog.host");
        assertThat(rejectionOf("{'forwarding':{'webhook':{'enabled':true,'url':'https://siem.example.com/hook'}}}"))
                .contains("forwarding.webhook.secret");
        assertThat(rejectionOf("{'forwarding':{'webhook':{'enabled':true,'url':'http://siem.example.com/hook','secret':'k'}}}"))
                .contains("https");
        BitLockerConfig c = apply("{'forwarding':{'syslog':{'enabled':true,'host':'siem.example.com','port':6514},"
                + "'webhook':{'enabled':true,'url':'https://siem.example.com/hook','secret':'k'}}}");
        assertThat(c.forwarding.syslog.enabled).isTrue();
        assertThat(c.forwarding.webhook.enabled).isTrue();
    }

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
    void accessAndDeviceBindingHaveTheirDocumentedDefaultsAndTakeValidValues() throws ConfigValidationException {
        BitLockerConfig defaults = ConfigDocument.fromStored(null);
        assertThat(defaults.access.clients).containsExactly("bitlocker-console", "account-console");
        assertThat(defaults.limits.requestsPerUserPerHour).isEqualTo(10);
        assertThat(apply("{'access':{'clients':['*']}}").access.clients).containsExactly("*");
        assertThat(apply("{'limits':{'requestsPerUserPerHour':1000}}").limits.requestsPerUserPerHour).isEqualTo(1000);
        assertThat(defaults.escrow.deviceBinding).isEqualTo("dpop");

        BitLockerConfig c = apply("{'access':{'clients':['bitlocker-console','bitlocker-cli']},'escrow':{'deviceBinding':'none'}}");
        assertThat(c.access.clients).containsExactly("bitlocker-console", "bitlocker-cli");
        assertThat(c.escrow.deviceBinding).isEqualTo("none");
    }

    @Test
    void a256BitBase64KekIsAccepted() throws ConfigValidationException {
        assertThat(apply("{'local':{'kek':'" + KEK + "'}}").local.kek).isEqualTo(KEK);
    }

    @Test
    void aKekVaultReferenceIsAcceptedAsItIs() throws ConfigValidationException {
        assertThat(apply("{'local':{'kek':'${vault.bitlocker-kek}'}}").local.kek)
                .isEqualTo("${vault.bitlocker-kek}");
    }

    @Test
    void anEmptyKekMeansNoKekAndIsAccepted() throws ConfigValidationException {
        BitLockerConfig withKek = apply("{'local':{'kek':'" + KEK + "'}}");

        assertThat(ConfigDocument.applyUpdate(withKek, json("{'local':{'kek':''}}"), INSTALLED).local.kek).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void jiraAcceptsApiVersionsTwoAndThree(String version) throws ConfigValidationException {
        assertThat(apply("{'ticketing':{'system':'jira','apiVersion':'" + version + "'}}").ticketing.apiVersion)
                .isEqualTo(version);
    }

    @Test
    void theBoundaryValuesOfTheRangesAreAccepted() throws ConfigValidationException {
        BitLockerConfig c = apply("{'ticketing':{'maxDevicesPerTicket':1000},'stepUp':{'maxAgeSeconds':1},"
                + "'rotation':{'retainPreviousDays':0},'entra':{'syncIntervalMinutes':10080},"
                + "'limits':{'revealsPerUserPerHour':1}}");

        assertThat(c.ticketing.maxDevicesPerTicket).isEqualTo(1000);
        assertThat(c.stepUp.maxAgeSeconds).isEqualTo(1);
        assertThat(c.rotation.retainPreviousDays).isZero();
        assertThat(c.entra.syncIntervalMinutes).isEqualTo(10080);
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(1);
    }

    @Test
    void aFullValidDocumentIsAccepted() throws ConfigValidationException {
        BitLockerConfig c = apply("{'enabled':true,'keySource':'entra','local':{'kek':'${vault.kek}'},"
                + "'entra':{'tenantId':'contoso.onmicrosoft.com','clientId':'app','clientSecret':'s3cret',"
                + "'certificate':'','authorityHost':'https://login.microsoftonline.com/',"
                + "'graphBaseUrl':'https://graph.test:8090','ownerIdentityProvider':'entra',"
                + "'ownerAttribute':'upn','syncIntervalMinutes':30},"
                + "'ticketing':{'system':'jira','baseUrl':'https://acme.atlassian.net','apiVersion':'2',"
                + "'username':'bot@acme.com','token':'tok','incidentTypes':['Incident','[System] Incident'],"
                + "'requireDeviceReference':false,'maxDevicesPerTicket':2,'annotate':false,'breakGlass':true},"
                + "'stepUp':{'acr':'gold','maxAgeSeconds':120},"
                + "'selfService':{'enabled':false,'requireStepUp':false},"
                + "'rotation':{'afterReveal':false,'retainPreviousDays':30},"
                + "'notifications':{'notifyOwner':false,'auditorEmails':['audit@acme.com']},"
                + "'limits':{'revealsPerUserPerHour':5}}");

        assertThat(c.keySource).isEqualTo("entra");
        assertThat(c.entra.graphBaseUrl).isEqualTo("https://graph.test:8090");
        assertThat(c.ticketing.incidentTypes).containsExactly("Incident", "[System] Incident");
        assertThat(c.ticketing.breakGlass).isTrue();
        assertThat(c.stepUp.acr).isEqualTo("gold");
        assertThat(c.selfService.enabled).isFalse();
        assertThat(c.limits.revealsPerUserPerHour).isEqualTo(5);
    }

    // ---- Malformed documents ----

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{",
            "{'enabled':true,}",
            "{enabled:true}",
            "{'enabled':true} {'enabled':false}",
            "{'enabled':true}x",
            "{'enabled':true,'enabled':false}",
            "{'stepUp':{'acr':'1','acr':'2'}}",
    })
    void malformedJsonIsRejected(String body) {
        assertThat(rejectionOf(body)).startsWith("malformed JSON");
    }

    @Test
    void aDuplicateKeyIsRejectedEvenWhenBothValuesAreValid() {
        assertThat(rejectionOf("{'enabled':false,'enabled':true}")).contains("malformed JSON").contains("enabled");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[]", "[{}]", "'enabled'", "42", "true", "null", "", "   "})
    void aBodyThatIsNotAJsonObjectIsRejected(String body) {
        assertThat(rejectionOf(body)).isEqualTo("the configuration must be a JSON object");
    }

    @Test
    void aMissingBodyIsRejected() {
        assertThat(rejectionOf(new BitLockerConfig(), null)).isEqualTo("the configuration must be a JSON object");
    }

    // ---- Masking ----

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

    @ParameterizedTest
    @ValueSource(strings = {"http://acme.atlassian.net", "http://10.0.0.5:8080", "ftp://acme.example",
            "https://user:pw@acme.example"})
    void outgoingUrlsAreHttpsOnly(String url) {
        assertThat(rejectionOf("{'ticketing':{'baseUrl':'" + url + "'}}")).contains("'ticketing.baseUrl'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8091", "http://127.0.0.1:8092", "http://[::1]:8093", "https://acme.example"})
    void plainHttpIsAllowedToALoopbackAddressOnly(String url) throws ConfigValidationException {
        assertThat(apply("{'ticketing':{'baseUrl':'" + url + "'}}").ticketing.baseUrl).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil host/../", "siem.example.com:6514", "siem.example.com/", "user@siem.example.com",
            "siem_example.com", "-siem.example.com", "siem..example.com", "999.1.1.1", "1.2.3", "[::1", "::1%lo",
            "tcp://siem.example.com", " siem.example.com"})
    void aSyslogHostIsADnsNameOrAnIpLiteralAndNothingElse(String host) {
        assertThat(rejectionOf("{'forwarding':{'syslog':{'host':'" + host + "'}}}")).contains("'forwarding.syslog.host'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"siem.example.com", "SIEM-01.corp.example", "10.0.0.5", "2001:db8::1", "[2001:db8::1]",
            "::ffff:a00:5"})
    void aSyslogHostMayBeANameOrAnAddress(String host) throws ConfigValidationException {
        assertThat(apply("{'forwarding':{'syslog':{'enabled':true,'host':'" + host + "'}}}").forwarding.syslog.host)
                .isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"siem.example.com", "10.0.0.5", "2001:db8::1", "localhost.attacker.example", "127.0.0.1.nip.io"})
    void plainSyslogToAnotherHostIsRefused(String host) {
        assertThat(rejectionOf("{'forwarding':{'syslog':{'enabled':true,'host':'" + host + "','tls':false}}}"))
                .contains("'forwarding.syslog.tls'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.10.0.2", "localhost", "::1", "[::1]"})
    void plainSyslogIsAllowedToALoopbackAddressOnly(String host) throws ConfigValidationException {
        BitLockerConfig c = apply("{'forwarding':{'syslog':{'enabled':true,'host':'" + host + "','tls':false}}}");
        assertThat(c.forwarding.syslog.tls).isFalse();
        assertThat(c.forwarding.syslog.host).isEqualTo(host);
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

    // ---- Changed paths ----

    @Test
    void changedKeysAreNamedByTheirDottedPath() throws ConfigValidationException {
        BitLockerConfig before = apply("{'ticketing':{'token':'old-t0ken'}}");
        BitLockerConfig after = ConfigDocument.applyUpdate(before, json("{'enabled':true,"
                + "'ticketing':{'token':'new-t0ken','incidentTypes':['Problem']},'stepUp':{'maxAgeSeconds':60}}"), INSTALLED);

        assertThat(ConfigDocument.changedPaths(before, after)).containsExactlyInAnyOrder(
                "enabled", "ticketing.token", "ticketing.incidentTypes", "stepUp.maxAgeSeconds");
    }

    @Test
    void changedPathsNeverContainValues() throws ConfigValidationException {
        BitLockerConfig before = apply("{'ticketing':{'token':'old-t0ken'}}");
        BitLockerConfig after = ConfigDocument.applyUpdate(before, json("{'local':{'kek':'" + KEK + "'},"
                + "'ticketing':{'token':'new-t0ken','baseUrl':'https://acme.atlassian.net'}}"), INSTALLED);

        List<String> changed = ConfigDocument.changedPaths(before, after);

        assertThat(changed).containsExactlyInAnyOrder("local.kek", "ticketing.token", "ticketing.baseUrl");
        assertThat(String.join(" ", changed)).doesNotContain("t0ken").doesNotContain(KEK)
                .doesNotContain("atlassian");
    }

    @Test
    void anUpdateToTheSameValuesChangesNothing() throws ConfigValidationException {
        BitLockerConfig before = apply("{'stepUp':{'acr':'2','maxAgeSeconds':300}}");

        BitLockerConfig after = ConfigDocument.applyUpdate(before, json("{'stepUp':{'acr':'2','maxAgeSeconds':300}}"), INSTALLED);

        assertThat(ConfigDocument.changedPaths(before, after)).isEmpty();
    }
}
