package io.gucun.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.component.QuarkusComponentTest;
import io.quarkus.test.component.TestConfigProperty;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The business zone is read from {@code gucun.business-zone}, by BusinessTime and by the clock every service injects. */
@QuarkusComponentTest({BusinessTime.class, ClockProducer.class})
@TestConfigProperty(key = BusinessTime.ZONE_PROPERTY, value = "Asia/Urumqi")
class BusinessZoneConfigTest {

    @Inject
    BusinessTime time;

    @Inject
    Clock clock;

    @Test
    void isTheConfiguredZone() {
        assertThat(time.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        // so YearMonth.now(clock) and LocalDate.now(clock) are business dates wherever the clock is used directly
        assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    }
}
