package io.gucun.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A sent event carries its producer's CloudEvents source, as the producer's outbox relay would set it. */
class KafkaEventsTest {

    @Test
    void theSourceOfAnEventIsItsProducingService() {
        assertThat(KafkaEvents.source("io.gucun.membership.OrgCreated")).isEqualTo("/gucun/membership");
        assertThat(KafkaEvents.source("io.gucun.rights.EnterpriseBlacklisted")).isEqualTo("/gucun/rights");
        assertThatThrownBy(() -> KafkaEvents.source("OrgCreated")).isInstanceOf(IllegalArgumentException.class);
    }
}
