package io.gucun.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.outbox.EventEnvelope;
import io.gucun.events.membership.OrgEvents.OrgClosed;
import io.gucun.events.membership.OrgEvents.OrgRenamed;
import io.gucun.events.membership.OrgKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tolerant, typed reader every consumer uses: records in, unknown types and versions skipped, unknown fields ignored. */
class EventReaderTest {

    private final List<Object> seen = new ArrayList<>();
    private final EventReader reader = EventReader.reading()
            .on(OrgRenamed.class, seen::add, "orgId", "newName")
            .on(OrgClosed.class, seen::add, "orgId", "closedAt");

    private static EventEnvelope event(String type, String json) throws Exception {
        return new EventEnvelope("e-1", type, "7", EventReader.MAPPER.readTree(json));
    }

    @Test
    void theDataIsReadIntoTheContractRecordIgnoringFieldsItDoesNotKnow() throws Exception {
        reader.apply("test", event("io.gucun.membership.OrgRenamed",
                "{\"orgId\":7,\"path\":\"1.7\",\"oldName\":\"a\",\"newName\":\"b\",\"addedLater\":{\"x\":1}}"));
        reader.apply("test", event("io.gucun.membership.OrgClosed",
                "{\"orgId\":7,\"kind\":\"TOWN\",\"closedAt\":\"2026-06-30T09:00:00+08:00\"}"));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo(new OrgRenamed(7, "1.7", "a", "b"));
        OrgClosed closed = (OrgClosed) seen.get(1);
        assertThat(closed.kind()).isEqualTo(OrgKind.TOWN);
        assertThat(closed.closedAt().toInstant().toString()).isEqualTo("2026-06-30T01:00:00Z");
    }

    @Test
    void anEnumValueItDoesNotKnowReadsAsNull() throws Exception {
        reader.apply("test", event("io.gucun.membership.OrgClosed", "{\"orgId\":7,\"kind\":\"HAMLET\"}"));
        assertThat(((OrgClosed) seen.getFirst()).kind()).isNull();
    }

    @Test
    void typesItDoesNotReadAndVersionsItDoesNotKnowAreSkipped() throws Exception {
        reader.apply("test", event("io.gucun.membership.OrgMoved", "{\"orgId\":7}"));
        reader.apply("test", event("io.gucun.membership.OrgRenamed.v2", "{\"orgId\":7,\"name\":{\"zh\":\"b\"}}"));
        assertThat(seen).isEmpty();
    }

    @Test
    void dataThatDoesNotFitTheContractIsRefusedNotZeroed() throws Exception {
        assertThatThrownBy(() -> reader.apply("test", event("io.gucun.membership.OrgRenamed", "{\"orgId\":\"seven\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OrgRenamed");
    }

    @Test
    void theTypeCarriesNameAndVersion() throws Exception {
        assertThat(event("io.gucun.membership.OrgCreated", "{}").name()).isEqualTo("OrgCreated");
        assertThat(event("io.gucun.membership.OrgCreated", "{}").version()).isEqualTo(1);
        assertThat(event("io.gucun.membership.OrgCreated.v2", "{}").name()).isEqualTo("OrgCreated");
        assertThat(event("io.gucun.membership.OrgCreated.v2", "{}").version()).isEqualTo(2);
    }
}
