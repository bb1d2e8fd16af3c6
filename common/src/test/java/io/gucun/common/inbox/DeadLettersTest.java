package io.gucun.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.outbox.UnreadableEvent;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A dead letter's reason travels into a topic and a health detail: it names the failure, never personal data. */
class DeadLettersTest {

    record Joined(long memberId, long orgId) {
    }

    @Test
    void aRecordThatDoesNotFitItsContractIsNamedByFieldNotByValue() throws Exception {
        EventReader reader = EventReader.reading().on(Joined.class, j -> { }, "memberId", "orgId");
        EventEnvelope event = new EventEnvelope("e-1", "io.gucun.membership.Joined", null,
                new ObjectMapper().readTree("{\"memberId\":1,\"orgId\":\"31010119900101123X\"}"));
        Throwable failure = null;
        try {
            reader.apply("test", event);
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isInstanceOf(UnreadableEvent.class);
        assertThat(DeadLetters.describe(failure)).contains("UnreadableEvent", "e-1", "orgId").doesNotContain("31010119900101123X");
    }

    @Test
    void anyOtherFailureIsNamedByItsClassesAndSqlStateOnly() {
        RuntimeException failure = new IllegalStateException("member 310101199001011234 not found",
                new SQLException("duplicate key (id_number)=(310101199001011234)", "23505"));
        assertThat(DeadLetters.describe(failure)).isEqualTo("java.lang.IllegalStateException <- java.sql.SQLException (SQLState 23505)");
    }
}
