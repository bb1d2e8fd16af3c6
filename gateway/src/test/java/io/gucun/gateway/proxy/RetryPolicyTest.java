package io.gucun.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void idempotentMethodsMayBeRetried() {
        MultiMap none = MultiMap.caseInsensitiveMultiMap();
        assertThat(RetryPolicy.mayRetry(HttpMethod.GET, none)).isTrue();
        assertThat(RetryPolicy.mayRetry(HttpMethod.HEAD, none)).isTrue();
        assertThat(RetryPolicy.mayRetry(HttpMethod.PUT, none)).isTrue();
        assertThat(RetryPolicy.mayRetry(HttpMethod.DELETE, none)).isTrue();
        assertThat(RetryPolicy.mayRetry(HttpMethod.POST, none)).isFalse();
        assertThat(RetryPolicy.mayRetry(HttpMethod.PATCH, none)).isFalse();
    }

    @Test
    void anIdempotencyKeyMakesAnyRequestRetryable() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("idempotency-key", "abc");
        assertThat(RetryPolicy.mayRetry(HttpMethod.POST, headers)).isTrue();
    }

    @Test
    void atMostOneRetryAndOnlyWithASecondInstance() {
        MultiMap none = MultiMap.caseInsensitiveMultiMap();
        assertThat(RetryPolicy.attempts(HttpMethod.GET, none, 3)).isEqualTo(2);
        assertThat(RetryPolicy.attempts(HttpMethod.GET, none, 1)).isEqualTo(1);
        assertThat(RetryPolicy.attempts(HttpMethod.POST, none, 3)).isEqualTo(1);
    }
}
