package io.keygate.bitlocker.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.bitlocker.simulators.agent.DeviceAgent;

/** Devices escrowed into a test realm through the real device-agent API. */
public final class Fleet {

    /** A base64 256-bit KEK for test realms. */
    public static final String KEK = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Fleet() {
    }

    /** Every recovery password this test run handed to the server: none may ever show up in its log. */
    public static final java.util.Set<String> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A valid BitLocker recovery password: eight groups, each 11 × a 16-bit value. */
    public static String recoveryPassword() {
        String password = IntStream.range(0, 8).mapToObj(i -> String.format("%06d", 11 * RANDOM.nextInt(65536)))
                .collect(Collectors.joining("-"));
        ISSUED.add(password);
        return password;
    }

    /** The BitLocker shape of a recovery password, to search any text for leaks. */
    public static final java.util.regex.Pattern RECOVERY_PASSWORD_SHAPE =
            java.util.regex.Pattern.compile("\\d{6}(-\\d{6}){7}");

    public static String guid() {
        return UUID.randomUUID().toString();
    }

    public record Key(String keyId, String recoveryPassword, String volumeType) {
    }

    public record Device(String deviceId, String deviceName, List<Key> keys) {
        public Key osKey() {
            return keys.stream().filter(k -> k.volumeType().equals("OPERATING_SYSTEM")).findFirst().orElseThrow();
        }
    }

    /** A plain bearer token of the agent client (no DPoP): for endpoints other than check-in, or unbound realms. */
    public static String agentToken(String realm) {
        return Tokens.clientCredentials(realm, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET);
    }

    /** Every key package (base64) this test run handed to the server: none may ever show up in its log. */
    public static final java.util.Set<String> ISSUED_KEY_PACKAGES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A key package of {@code bytes} random bytes, base64. */
    public static String keyPackage(int bytes) {
        byte[] content = new byte[bytes];
        RANDOM.nextBytes(content);
        String base64 = java.util.Base64.getEncoder().encodeToString(content);
        ISSUED_KEY_PACKAGES.add(base64);
        return base64;
    }

    public static String checkInBody(String deviceName, String owner, String encryption, List<Key> keys) {
        return checkInBody(deviceName, owner, encryption, keys, Map.of());
    }

    /** A check-in whose keys carry the key packages (base64) given by key ID. */
    public static String checkInBody(String deviceName, String owner, String encryption, List<Key> keys,
            Map<String, String> keyPackages) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("deviceName", deviceName);
        if (owner != null) {
            body.put("owner", owner);
        }
        body.put("encryption", encryption);
        ArrayNode array = body.putArray("keys");
        for (Key k : keys) {
            ObjectNode key = array.addObject().put("keyId", k.keyId()).put("recoveryPassword", k.recoveryPassword())
                    .put("volumeType", k.volumeType());
            if (keyPackages.containsKey(k.keyId())) {
                key.put("keyPackage", keyPackages.get(k.keyId()));
            }
        }
        return body.toString();
    }

    /** Every device has its own agent, with its own DPoP key: the one its check-ins prove. */
    private static final Map<String, DeviceAgent> AGENTS = new ConcurrentHashMap<>();

    public static DeviceAgent agent(String realm, String deviceId) {
        return AGENTS.computeIfAbsent(realm + "/" + deviceId, k -> DeviceAgent.withNewKey());
    }

    /** A DPoP-bound token of the agent client for {@code agent}'s key. */
    public static String agentToken(String realm, DeviceAgent agent) {
        try {
            return agent.token(Api.BASE, realm, TestRealm.AGENT_CLIENT, TestRealm.AGENT_SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device's own agent checks in (DPoP-bound token and a proof for this request). */
    public static Api.Reply checkIn(String realm, String deviceId, String body) {
        return checkIn(agent(realm, deviceId), realm, deviceId, body);
    }

    /** {@code agent} checks in for {@code deviceId}: its own device, or someone else's. */
    public static Api.Reply checkIn(DeviceAgent agent, String realm, String deviceId, String body) {
        try {
            HttpResponse<String> r = agent.checkIn(Api.BASE, realm, deviceId, body, agentToken(realm, agent));
            return new Api.Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escrows a new encrypted device with one operating-system key, owned by {@code owner} (may be null). */
    public static Device escrow(String realm, String deviceName, String owner) {
        Device device = new Device(guid(), deviceName, List.of(new Key(guid(), recoveryPassword(), "OPERATING_SYSTEM")));
        Api.Reply reply = checkIn(realm, device.deviceId(), checkInBody(deviceName, owner, "ENCRYPTED", device.keys()));
        assertThat(reply.status()).as("check-in: %s", reply).isEqualTo(200);
        return device;
    }
}
