package io.keygate.bitlocker.simulators.graph;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Entra ID devices: {@code /devices} ({@code $filter} on deviceId, operatingSystem or displayName, {@code $select},
 * {@code $top} up to 999, {@code $expand=registeredOwners}), {@code /devices/{objectId}} and
 * {@code /devices/{objectId}/registeredOwners}. Needs {@code Device.Read.All}.
 */
final class DirectoryApi {

    private static final Pattern EXPAND_OWNERS = Pattern.compile(
            "^\\s*registeredOwners\\s*(?:\\(\\s*\\$?select\\s*=\\s*([^)]*)\\))?\\s*$", Pattern.CASE_INSENSITIVE);

    private final GraphFleet fleet;

    DirectoryApi(GraphFleet fleet) {
        this.fleet = fleet;
    }

    /** Segments: {@code devices[, objectId[, registeredOwners]]}. */
    ObjectNode handle(GraphCall call) {
        call.requireMethod("GET");
        call.requireAny(GraphPermissions.DEVICE_READ_ALL);
        List<String> segments = call.segments();
        if (segments.size() == 1) {
            return list(call);
        }
        DeviceEntry device = fleet.entryByObjectId(segments.get(1));
        if (segments.size() == 3 && call.segmentIs(2, "registeredOwners")) {
            if (device == null) {
                throw GraphException.resourceNotFound(segments.get(1));
            }
            ObjectNode owners = JsonNodeFactory.instance.objectNode()
                    .put("@odata.context", call.context("directoryObjects"));
            ArrayNode value = owners.putArray("value");
            if (device.owner != null) {
                value.add(user(device.owner, GraphQuery.names(call.query().get("select"))));
            }
            return owners;
        }
        if (segments.size() > 2) {
            throw GraphException.segmentNotFound(segments.get(2));
        }
        if (device == null) {
            throw GraphException.resourceNotFound(segments.get(1));
        }
        Set<String> ownerSelect = expandedOwners(call);
        ObjectNode item = JsonNodeFactory.instance.objectNode().put("@odata.context", call.context("devices/$entity"));
        item.setAll(render(device, call.query().select(), ownerSelect));
        return item;
    }

    private ObjectNode list(GraphCall call) {
        int size = call.query().top(call.pageSize(), 999);
        Set<String> select = call.query().select();
        Set<String> ownerSelect = expandedOwners(call);
        String context = select.isEmpty() ? "devices" : "devices(" + String.join(",", select) + ")";
        GraphQuery.Filter filter = call.query().filter();
        if (filter != null && filter.property().equalsIgnoreCase("deviceId")) {
            DeviceEntry device = fleet.entryByDeviceId(filter.value());
            List<DeviceEntry> found = device == null ? List.of() : List.of(device);
            return call.page(context, after -> found, d -> d.seq, d -> true, size, d -> render(d, select, ownerSelect));
        }
        Predicate<DeviceEntry> matches = d -> true;
        if (filter != null && filter.property().equalsIgnoreCase("operatingSystem")) {
            matches = d -> d.operatingSystem.equalsIgnoreCase(filter.value());
        } else if (filter != null && filter.property().equalsIgnoreCase("displayName")) {
            matches = d -> d.name.equalsIgnoreCase(filter.value());
        } else if (filter != null) {
            throw GraphException.badRequest("Unsupported or invalid query filter clause specified for property '"
                    + filter.property() + "' of resource 'Device'.");
        }
        return call.page(context, after -> fleet.deviceEntries().tailMap(after, false).values(), d -> d.seq, matches,
                size, d -> render(d, select, ownerSelect));
    }

    /** The owner properties {@code $expand=registeredOwners(…)} asks for (empty: all), or null without expand. */
    private static Set<String> expandedOwners(GraphCall call) {
        String expand = call.query().get("expand");
        if (expand == null || expand.isBlank()) {
            return null;
        }
        Matcher matcher = EXPAND_OWNERS.matcher(expand);
        if (!matcher.matches()) {
            throw GraphException.badRequest("Parsing OData Select and Expand failed: Could not find a property named '"
                    + expand.split("\\(")[0].trim() + "' on type 'microsoft.graph.device'.");
        }
        return GraphQuery.names(matcher.group(1));
    }

    private static ObjectNode render(DeviceEntry device, Set<String> select, Set<String> ownerSelect) {
        ObjectNode item = JsonNodeFactory.instance.objectNode()
                .put("id", device.objectId.toString())
                .putNull("deletedDateTime")
                .put("accountEnabled", true)
                .put("approximateLastSignInDateTime", "2026-06-01T08:00:00Z")
                .put("deviceId", device.deviceId.toString())
                .put("displayName", device.name)
                .put("isCompliant", true)
                .put("isManaged", true)
                .put("operatingSystem", device.operatingSystem)
                .put("operatingSystemVersion", "10.0.22631.4169")
                .put("trustType", "AzureAd");
        GraphCall.selected(item, select);
        if (ownerSelect != null) {
            ArrayNode owners = item.putArray("registeredOwners");
            if (device.owner != null) {
                owners.add(user(device.owner, ownerSelect));
            }
        }
        return item;
    }

    private static ObjectNode user(GraphUser user, Set<String> select) {
        ObjectNode item = JsonNodeFactory.instance.objectNode()
                .put("@odata.type", "#microsoft.graph.user")
                .put("id", user.id())
                .put("userPrincipalName", user.userPrincipalName())
                .put("mail", user.mail());
        return GraphCall.selected(item, select, "@odata.type", "id");
    }
}
