package io.gucun.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which refusals park an outbox event at once: those sending again cannot change. */
class ParkingTest {

    @Test
    void tooLargeAndNotAuthorizedParkAtOnceATimeoutDoesNot() {
        assertThat(OutboxRelay.refusedForGood(new CompletionException(new RecordTooLargeException("too large")))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new TopicAuthorizationException("not authorized"))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new TimeoutException("Topic x not present in metadata after 30000 ms."))).isFalse();
        assertThat(OutboxRelay.reason(new CompletionException(new RecordTooLargeException("The message is 1100042 bytes"))))
                .isEqualTo("CompletionException <- RecordTooLargeException: The message is 1100042 bytes");
    }
}
