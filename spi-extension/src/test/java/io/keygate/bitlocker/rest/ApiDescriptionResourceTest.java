package io.keygate.bitlocker.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import org.junit.jupiter.api.Test;

/**
 * The served description cannot drift from the code's own lists: a problem code or audit action added to the code
 * must be described (the integration tests check the exchanges themselves against it).
 */
class ApiDescriptionResourceTest {

    private static String description() throws IOException {
        try (InputStream in = ApiDescriptionResource.class.getResourceAsStream(ApiDescriptionResource.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyProblemCodeIsDescribedWithItsStatusAndType() throws IOException {
        String yaml = description();
        for (ProblemCode code : ProblemCode.values()) {
            Pattern described = Pattern.compile("    problem\\." + code.code() + ":\\n"
                    + "      \\$ref: '#/components/schemas/Problem'\\n"
                    + "      properties:\\n"
                    + "        type: \\{const: '" + Pattern.quote(Problem.TYPE_PREFIX + code.code()) + "'}\\n"
                    + "        status: \\{const: " + code.status() + "}\\n");
            assertTrue(described.matcher(yaml).find(), code.code() + " is not described with status " + code.status());
            assertTrue(yaml.contains("/problem." + code.code() + "'"), code.code() + " is answered by no operation");
        }
    }

    @Test
    void everyAuditActionIsInTheDescription() throws IOException {
        String yaml = description();
        String actions = yaml.substring(yaml.indexOf("    AuditAction:"), yaml.indexOf("    AuditOutcome:"));
        for (AuditAction action : AuditAction.values()) {
            assertTrue(Pattern.compile("[\\[ ]" + action.name() + "[,\\]]").matcher(actions).find(), action.name());
        }
    }
}
