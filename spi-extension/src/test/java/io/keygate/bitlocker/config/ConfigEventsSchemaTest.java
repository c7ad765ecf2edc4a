package io.keygate.bitlocker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.Test;

/** The cluster event crosses nodes the way Keycloak's work cache marshals it: a ProtoStream wrapped message. */
class ConfigEventsSchemaTest {

    @Test
    void aConfigChangeEventSurvivesTheWireWithItsRealm() throws Exception {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        new ConfigEventsSchema().register(context);

        byte[] wire = ProtobufUtil.toWrappedByteArray(context, new ConfigChangedEvent("0f2c6a1e-realm"));
        Object read = ProtobufUtil.fromWrappedByteArray(context, wire);

        assertThat(read).isEqualTo(new ConfigChangedEvent("0f2c6a1e-realm"));
    }

    @Test
    void theEventIsWrittenByItsTypeIdNotItsName() throws Exception {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        new ConfigEventsSchema().register(context);

        byte[] wire = ProtobufUtil.toWrappedByteArray(context, new ConfigChangedEvent("r"));

        assertThat(new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ConfigChangedEvent");
    }
}
