package io.gucun.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

    @Test
    void httpsIsAcceptedEverywhere() {
        assertThat(WebhookEndpoint.problemWith("https://credit.example.cn/hooks/gucun", false)).isEmpty();
    }

    @Test
    void plainHttpOnlyForLoopbackInALocalProfile() {
        assertThat(WebhookEndpoint.problemWith("http://127.0.0.1:9999/hook", true)).isEmpty();
        assertThat(WebhookEndpoint.problemWith("http://localhost:9999/hook", true)).isEmpty();
        assertThat(WebhookEndpoint.problemWith("http://[::1]:9999/hook", true)).isEmpty();
        assertThat(WebhookEndpoint.problemWith("http://127.0.0.1:9999/hook", false)).contains("must use https");
        assertThat(WebhookEndpoint.problemWith("http://credit.example.cn/hook", true)).isPresent();
        assertThat(WebhookEndpoint.problemWith("http://10.0.0.8/hook", true)).isPresent();
    }

    @Test
    void garbageAndTrickyUrlsAreRejected() {
        assertThat(WebhookEndpoint.problemWith(null, false)).contains("is required");
        assertThat(WebhookEndpoint.problemWith("not a url", false)).isPresent();
        assertThat(WebhookEndpoint.problemWith("/relative", false)).isPresent();
        assertThat(WebhookEndpoint.problemWith("ftp://x.example.cn/", false)).isPresent();
        assertThat(WebhookEndpoint.problemWith("https://user:pw@x.example.cn/", false)).isPresent();
    }
}
