package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.Test;

/** The cluster event crosses nodes the way Keycloak's work cache marshals it: a ProtoStream wrapped message. */
class CacheEventsSchemaTest {

    @Test
    void anInvalidationSurvivesTheWireWithItsRealmCacheAndIds() throws Exception {
        SerializationContext context = context();
        CacheInvalidationEvent sent = new CacheInvalidationEvent("0f2c6a1e-realm", "devices", List.of("pk-1", "pk-2"));

        Object read = ProtobufUtil.fromWrappedByteArray(context, ProtobufUtil.toWrappedByteArray(context, sent));

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void aRealmWideInvalidationOfEveryCacheSurvivesTheWire() throws Exception {
        SerializationContext context = context();
        CacheInvalidationEvent sent = new CacheInvalidationEvent("r", null, List.of());

        Object read = ProtobufUtil.fromWrappedByteArray(context, ProtobufUtil.toWrappedByteArray(context, sent));

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void theEventIsWrittenByItsTypeIdNotItsName() throws Exception {
        byte[] wire = ProtobufUtil.toWrappedByteArray(context(), new CacheInvalidationEvent("r", "config", List.of()));

        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("CacheInvalidationEvent");
    }

    @Test
    void theConfigurationEventOfAnEarlierVersionReadsAsEveryCacheOfItsRealm() throws Exception {
        SerializationContext context = context();
        // What 7340001 carried before: the realm alone, as field 1.
        CacheInvalidationEvent realmOnly = new CacheInvalidationEvent("0f2c6a1e-realm", null, null);

        Object read = ProtobufUtil.fromWrappedByteArray(context, ProtobufUtil.toWrappedByteArray(context, realmOnly));

        assertThat(read).isEqualTo(new CacheInvalidationEvent("0f2c6a1e-realm", null, List.of()));
    }

    private static SerializationContext context() {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        new CacheEventsSchema().register(context);
        return context;
    }
}
