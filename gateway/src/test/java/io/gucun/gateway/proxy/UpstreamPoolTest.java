package io.gucun.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {

    @Test
    void handsOutInstancesRoundRobin() {
        UpstreamPool pool = UpstreamPool.of("dues", List.of("http://127.0.0.1:8082", "http://127.0.0.1:8092",
                "http://127.0.0.1:8102"));
        assertThat(pool.candidates().get(0).port()).isEqualTo(8082);
        assertThat(pool.candidates().get(0).port()).isEqualTo(8092);
        assertThat(pool.candidates().get(0).port()).isEqualTo(8102);
        assertThat(pool.candidates().get(0).port()).isEqualTo(8082);
    }

    @Test
    void healthyInstancesComeFirstButDownOnesAreStillListed() {
        UpstreamPool pool = UpstreamPool.of("dues", List.of("http://127.0.0.1:8082", "http://127.0.0.1:8092"));
        pool.upstreams().get(0).markDown();
        for (int i = 0; i < 4; i++) {
            List<Upstream> candidates = pool.candidates();
            assertThat(candidates).extracting(Upstream::port).containsExactly(8092, 8082);
        }
        assertThat(pool.healthyCount()).isEqualTo(1);
        pool.upstreams().get(1).markDown();
        assertThat(pool.candidates()).hasSize(2);
        assertThat(pool.healthyCount()).isZero();
        assertThat(pool.upstreams().get(0).markHealthy()).isTrue();
        assertThat(pool.upstreams().get(0).markHealthy()).isFalse();
    }

    @Test
    void parsesUpstreamUrls() {
        Upstream plain = Upstream.parse("m", "http://localhost:8081");
        assertThat(plain.host()).isEqualTo("localhost");
        assertThat(plain.port()).isEqualTo(8081);
        assertThat(plain.ssl()).isFalse();
        Upstream tls = Upstream.parse("m", " https://membership.internal/ ");
        assertThat(tls.port()).isEqualTo(443);
        assertThat(tls.ssl()).isTrue();
    }

    @Test
    void refusesUpstreamsWithPathsOrOtherSchemes() {
        assertThatThrownBy(() -> Upstream.parse("m", "http://localhost:8081/api")).hasMessageContaining("no path");
        assertThatThrownBy(() -> Upstream.parse("m", "ftp://localhost:8081")).hasMessageContaining("expected http");
        assertThatThrownBy(() -> UpstreamPool.of("m", List.of())).hasMessageContaining("at least one");
    }
}
