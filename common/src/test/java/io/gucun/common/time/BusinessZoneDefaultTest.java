package io.gucun.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.component.QuarkusComponentTest;
import jakarta.inject.Inject;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Without {@code gucun.business-zone} business dates are days in Shanghai. */
@QuarkusComponentTest
class BusinessZoneDefaultTest {

    @Inject
    BusinessTime time;

    @Test
    void isShanghai() {
        assertThat(time.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }
}
