package io.keygate.bitlocker.simulators.graph;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /informationProtection/bitlocker/recoveryKeys}: the key list (never with the password, no {@code $top},
 * paged by {@code $skiptoken}) and one key, with the password only for {@code $select=key} and
 * {@code BitlockerKey.Read.All}. Counts password reads per key.
 */
final class BitLockerApi {

    private final GraphFleet fleet;
    private final Map<String, AtomicInteger> keyReads = new ConcurrentHashMap<>();
    private final AtomicInteger totalKeyReads = new AtomicInteger();
    /** While set, every read of a password answers this key instead (see {@link GraphSimulator#answerKeyReadsWith}). */
    private volatile String substituteKeyId;

    BitLockerApi(GraphFleet fleet) {
        this.fleet = fleet;
    }

    /** Segments: {@code informationProtection, bitlocker, recoveryKeys[, id]}. */
    ObjectNode handle(GraphCall call) {
        if (!call.segmentIs(1, "bitlocker") || !call.segmentIs(2, "recoveryKeys") || call.segments().size() > 4) {
            throw GraphException.segmentNotFound(call.segments().get(call.segments().size() - 1));
        }
        call.requireMethod("GET");
        return call.segments().size() == 3 ? list(call) : one(call, call.segments().get(3));
    }

    int keyReads(String keyId) {
        AtomicInteger reads = keyReads.get(keyId.toLowerCase(Locale.ROOT));
        return reads == null ? 0 : reads.get();
    }

    int keyReads() {
        return totalKeyReads.get();
    }

    void clearKeyReads() {
        keyReads.clear();
        totalKeyReads.set(0);
    }

    void answerKeyReadsWith(String keyId) {
        substituteKeyId = keyId;
    }

    private ObjectNode list(GraphCall call) {
        call.requireAny(GraphPermissions.BITLOCKER_KEY_READ_BASIC_ALL, GraphPermissions.BITLOCKER_KEY_READ_ALL);
        if (call.query().has("top")) {
            throw GraphException.badRequest("The query parameter '$top' is not supported");
        }
        GraphQuery.Filter filter = call.query().filter();
        String context = "informationProtection/bitlocker/recoveryKeys";
        if (filter == null) {
            return call.page(context, after -> fleet.keyEntries().tailMap(after, false).values(), KeyEntry::seq,
                    key -> true, call.pageSize(), BitLockerApi::render);
        }
        if (!filter.property().equalsIgnoreCase("deviceId")) {
            throw GraphException.badRequest("Invalid filter clause: filtering on '" + filter.property()
                    + "' is not supported; use deviceId.");
        }
        if (GraphFleet.uuid(filter.value()) == null) {
            throw GraphException.badRequest("Invalid filter clause: '" + filter.value() + "' is not a valid GUID.");
        }
        DeviceEntry device = fleet.entryByDeviceId(filter.value());
        List<KeyEntry> keys = device == null ? List.of() : Arrays.asList(device.keys);
        return call.page(context, after -> keys, KeyEntry::seq, key -> true, call.pageSize(), BitLockerApi::render);
    }

    private ObjectNode one(GraphCall call, String keyId) {
        boolean withKey = call.query().select().contains("key");
        if (withKey) {
            call.requireAny(GraphPermissions.BITLOCKER_KEY_READ_ALL);
        } else {
            call.requireAny(GraphPermissions.BITLOCKER_KEY_READ_BASIC_ALL, GraphPermissions.BITLOCKER_KEY_READ_ALL);
        }
        KeyEntry key = fleet.keyEntry(keyId);
        if (key == null) {
            throw GraphException.notFound();
        }
        String substitute = substituteKeyId;
        if (withKey && substitute != null && fleet.keyEntry(substitute) != null) {
            key = fleet.keyEntry(substitute);
        }
        ObjectNode item = JsonNodeFactory.instance.objectNode().put("@odata.context",
                call.context("informationProtection/bitlocker/recoveryKeys" + (withKey ? "(key)" : "") + "/$entity"));
        item.setAll(render(key));
        if (withKey) {
            item.put("key", RecoveryPasswords.of(key.id().toString()));
            keyReads.computeIfAbsent(key.id().toString(), id -> new AtomicInteger()).incrementAndGet();
            totalKeyReads.incrementAndGet();
        }
        return item;
    }

    /** A key without its password; {@code volumeType} as a number for some keys, as a name for others. */
    private static ObjectNode render(KeyEntry key) {
        boolean numeric = (key.id().getLeastSignificantBits() & 1) == 0;
        return JsonNodeFactory.instance.objectNode()
                .put("id", key.id().toString())
                .put("createdDateTime", DateTimeFormatter.ISO_INSTANT.format(key.created()))
                .put("deviceId", key.device().deviceId.toString())
                .put("volumeType", numeric ? Integer.toString(key.volumeType().number()) : key.volumeType().graphName());
    }
}
