package io.gucun.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.component.QuarkusComponentTest;
import io.quarkus.test.component.TestConfigProperty;
import jakarta.inject.Inject;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The business zone is read from {@code gucun.business-zone} (the clock is mocked: only the zone matters here). */
@QuarkusComponentTest
@TestConfigProperty(key = BusinessTime.ZONE_PROPERTY, value = "Asia/Urumqi")
class BusinessZoneConfigTest {

    @Inject
    BusinessTime time;

    @Test
    void isTheConfiguredZone() {
        assertThat(time.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    }
}
