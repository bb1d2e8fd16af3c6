package io.gucun.dues.org;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.replica.OrgReplica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import java.util.UUID;

/** Builds the local org tree the way membership's OrgCreated events do, without waiting for Kafka. */
public final class OrgFixtures {

    private OrgFixtures() {
    }

    /** Creates (or re-creates) the org at {@code path} (its id is the last segment). */
    public static void org(String path, String kind) {
        String[] ids = path.split("\\.");
        long id = Long.parseLong(ids[ids.length - 1]);
        Long parent = ids.length > 1 ? Long.valueOf(ids[ids.length - 2]) : null;
        java.util.HashMap<String, Object> data = new java.util.HashMap<>(Map.of("orgId", id, "path", path,
                "name", kind + " " + id, "kind", kind));
        data.put("parentId", parent);
        apply("OrgCreated", data);
    }

    static void apply(String type, Map<String, Object> data) {
        OrgReplica replica = CDI.current().select(OrgReplica.class).get();
        ObjectMapper mapper = CDI.current().select(ObjectMapper.class).get();
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), "io.gucun.membership." + type, null,
                mapper.valueToTree(data));
        QuarkusTransaction.requiringNew().run(() -> replica.events().apply("dues-test", event));
    }
}
