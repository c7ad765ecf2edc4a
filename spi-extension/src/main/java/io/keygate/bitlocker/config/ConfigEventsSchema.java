package io.keygate.bitlocker.config;

import java.io.IOException;

import org.infinispan.protostream.FileDescriptorSource;
import org.infinispan.protostream.ProtobufTagMarshaller;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;
import org.infinispan.protostream.TagReader;
import org.infinispan.protostream.descriptors.WireType;

/**
 * The ProtoStream schema of the extension's cluster events. Keycloak collects every
 * {@link SerializationContextInitializer} named in {@code META-INF/services} when it builds (its own is the
 * generated {@code KeycloakModelSchemaImpl}) and registers them with the marshaller of its Infinispan caches,
 * the cluster provider's work cache among them. Written by hand: one message of one string field does not
 * need ProtoStream's annotation processor in the build. The type ID is outside Infinispan's and Keycloak's
 * ranges (below 65536, and 65536–65656 in 26.7.3).
 */
public final class ConfigEventsSchema implements SerializationContextInitializer {

    static final String FILE = "keygate-bitlocker-events.proto";
    static final int CONFIG_CHANGED_TYPE_ID = 7_340_001;
    static final String SCHEMA = "syntax = \"proto3\";\n"
            + "package keygate.bitlocker;\n"
            + "/**\n * @TypeId(" + CONFIG_CHANGED_TYPE_ID + ")\n */\n"
            + "message ConfigChangedEvent {\n  string realmId = 1;\n}\n";

    @Override
    public void registerSchema(SerializationContext context) {
        context.registerProtoFiles(FileDescriptorSource.fromString(FILE, SCHEMA));
    }

    @Override
    public void registerMarshallers(SerializationContext context) {
        context.registerMarshaller(new ConfigChangedMarshaller());
    }

    private static final class ConfigChangedMarshaller implements ProtobufTagMarshaller<ConfigChangedEvent> {

        private static final int REALM_ID = WireType.makeTag(1, WireType.LENGTH_DELIMITED);

        @Override
        public Class<? extends ConfigChangedEvent> getJavaClass() {
            return ConfigChangedEvent.class;
        }

        @Override
        public String getTypeName() {
            return "keygate.bitlocker.ConfigChangedEvent";
        }

        @Override
        public ConfigChangedEvent read(ReadContext context) throws IOException {
            TagReader in = context.getReader();
            String realmId = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == REALM_ID) {
                    realmId = in.readString();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return new ConfigChangedEvent(realmId);
        }

        @Override
        public void write(WriteContext context, ConfigChangedEvent event) throws IOException {
            if (event.realmId() != null) {
                context.getWriter().writeString(1, event.realmId());
            }
        }
    }
}
