package io.keygate.bitlocker.it.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.keygate.bitlocker.it.support.ApiDescription;
import org.junit.jupiter.api.Test;

/**
 * The validation the integration tests run on every exchange can fail: answers the description does not allow,
 * fed to it without a server. (The integration tests themselves show that it passes on what the server answers.)
 */
class ApiDescriptionValidationTest {

    private static final String BASE = "http://localhost:8080/realms/r/devices/security/bitlocker";
    private static final String DEVICE = "6f1c1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f6";
    private static final String KEY = "11111111-2222-4333-8444-555555555555";
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final ApiDescription description = ApiDescription.get();

    private static String device(String extra) {
        return "{\"deviceId\":\"" + DEVICE + "\",\"deviceName\":\"PC-1\",\"owner\":null,\"escrowStatus\":\"ESCROWED\","
                + "\"rotation\":null,\"keys\":[{\"keyId\":\"" + KEY + "\",\"volumeType\":\"OPERATING_SYSTEM\","
                + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"state\":\"ACTIVE\",\"hasKeyPackage\":false}]" + extra + "}";
    }

    private static String problem(String code, int status) {
        return "{\"type\":\"urn:bitlocker-keygate:problem:" + code + "\",\"title\":\"t\",\"status\":" + status
                + ",\"detail\":\"d\",\"code\":\"" + code + "\"}";
    }

    @Test
    void aDeviceAsSpecifiedPasses() {
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 200, JSON, device(""))).isEmpty();
        assertThat(description.check("GET", BASE + "/keys?max=5", null, null, 200, JSON,
                "{\"items\":[" + device("") + "],\"next\":null}")).isEmpty();
    }

    @Test
    void aFieldTheDescriptionDoesNotHaveFails() {
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 200, JSON, device(",\"secret\":\"x\"")))
                .anyMatch(p -> p.contains("secret"));
    }

    @Test
    void aMissingRequiredFieldOrAWrongEnumFails() {
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 200, JSON,
                device("").replace("\"rotation\":null,", ""))).isNotEmpty();
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 200, JSON,
                device("").replace("ESCROWED", "escrowed"))).isNotEmpty();
    }

    @Test
    void aProblemCodeTheOperationDoesNotDeclareFails() {
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 404, PROBLEM,
                problem("device_not_found", 404))).isEmpty();
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 404, PROBLEM,
                problem("request_not_found", 404))).isNotEmpty();
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE, null, null, 409, PROBLEM,
                problem("request_closed", 409))).anyMatch(p -> p.contains("409 is not declared"));
    }

    @Test
    void aRequestTheDescriptionForbidsMayBeRefusedButNotAccepted() {
        String unknownField = "{\"ticket\":\"INC0012345\",\"color\":\"red\"}";
        assertThat(description.check("POST", BASE + "/keys/" + DEVICE + "/reveal", JSON, unknownField, 400, PROBLEM,
                problem("invalid_request", 400))).isEmpty();
        String released = "{\"deviceId\":\"" + DEVICE + "\",\"deviceName\":\"PC-1\",\"keyId\":\"" + KEY + "\","
                + "\"volumeType\":\"OPERATING_SYSTEM\",\"createdAt\":\"2026-12-01T10:00:00Z\","
                + "\"recoveryPassword\":\"000000-000000-000000-000000-000000-000000-000000-000000\",\"auditId\":\"a\","
                + "\"ticket\":null,\"rotation\":null}";
        assertThat(description.check("POST", BASE + "/keys/" + DEVICE + "/reveal", JSON, "{}", 200, JSON, released)).isEmpty();
        assertThat(description.check("POST", BASE + "/keys/" + DEVICE + "/reveal", JSON, unknownField, 200, JSON, released))
                .anyMatch(p -> p.contains("accepted"));
    }

    @Test
    void anUndescribedEndpointThatAnswersFails() {
        assertThat(description.check("GET", BASE + "/keys/" + DEVICE + "/secrets", null, null, 200, JSON, "{}")).isNotEmpty();
        assertThat(description.check("PATCH", BASE + "/keys/" + DEVICE, null, null, 405, "text/html", "x")).isEmpty();
    }
}
