package io.keygate.bitlocker.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.infinispan.protostream.FileDescriptorSource;
import org.infinispan.protostream.ProtobufTagMarshaller;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;
import org.infinispan.protostream.TagReader;
import org.infinispan.protostream.TagWriter;
import org.infinispan.protostream.descriptors.WireType;

/**
 * The ProtoStream schema of the extension's cluster events. Keycloak collects every
 * {@link SerializationContextInitializer} named in {@code META-INF/services} when it builds (its own is the
 * generated {@code KeycloakModelSchemaImpl}) and registers them with the marshaller of its Infinispan caches,
 * the cluster provider's work cache among them. Written by hand: one message of three string fields does not
 * need ProtoStream's annotation processor in the build. The type ID is outside Infinispan's and Keycloak's
 * ranges (below 65536, and 65536–65656 in 26.7.3), and the one the configuration's event had: field 1 is still
 * the realm, so an event of an earlier version reads as "every cache of the realm".
 */
public final class CacheEventsSchema implements SerializationContextInitializer {

    static final String FILE = "keygate-bitlocker-events.proto";
    static final int CACHE_INVALIDATION_TYPE_ID = 7_340_001;
    static final String SCHEMA = "syntax = \"proto3\";\n"
            + "package keygate.bitlocker;\n"
            + "/**\n * @TypeId(" + CACHE_INVALIDATION_TYPE_ID + ")\n */\n"
            + "message CacheInvalidationEvent {\n  string realmId = 1;\n  string cache = 2;\n  repeated string ids = 3;\n}\n";

    @Override
    public void registerSchema(SerializationContext context) {
        context.registerProtoFiles(FileDescriptorSource.fromString(FILE, SCHEMA));
    }

    @Override
    public void registerMarshallers(SerializationContext context) {
        context.registerMarshaller(new CacheInvalidationMarshaller());
    }

    private static final class CacheInvalidationMarshaller implements ProtobufTagMarshaller<CacheInvalidationEvent> {

        private static final int REALM_ID = WireType.makeTag(1, WireType.LENGTH_DELIMITED);
        private static final int CACHE = WireType.makeTag(2, WireType.LENGTH_DELIMITED);
        private static final int IDS = WireType.makeTag(3, WireType.LENGTH_DELIMITED);

        @Override
        public Class<? extends CacheInvalidationEvent> getJavaClass() {
            return CacheInvalidationEvent.class;
        }

        @Override
        public String getTypeName() {
            return "keygate.bitlocker.CacheInvalidationEvent";
        }

        @Override
        public CacheInvalidationEvent read(ReadContext context) throws IOException {
            TagReader in = context.getReader();
            String realmId = null;
            String cache = null;
            List<String> ids = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == REALM_ID) {
                    realmId = in.readString();
                } else if (tag == CACHE) {
                    cache = in.readString();
                } else if (tag == IDS) {
                    ids.add(in.readString());
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return new CacheInvalidationEvent(realmId, cache, ids);
        }

        @Override
        public void write(WriteContext context, CacheInvalidationEvent event) throws IOException {
            TagWriter out = context.getWriter();
            if (event.realmId() != null) {
                out.writeString(1, event.realmId());
            }
            if (event.cache() != null) {
                out.writeString(2, event.cache());
            }
            for (String id : event.ids()) {
                out.writeString(3, id);
            }
        }
    }
}
