package io.gucun.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.io.ByteArrayInputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON body limit, checked before a body is read. */
class BodyLimitsTest {

    private final BodyLimits limits = new BodyLimits();

    {
        limits.jsonLimit = 1024;
    }

    /** A request as the filter sees it: method, length (-1 = unknown) and headers. */
    private static ContainerRequestContext request(String method, int length, Map<String, String> headers) {
        return (ContainerRequestContext) Proxy.newProxyInstance(BodyLimitsTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getLength" -> length;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void aGetForwardedAsChunkedByAProxyIsNotRefusedAsTooLarge() {
        // The gateway marks HTTP/2 requests whose end it has not seen yet as chunked, GETs included: such a GET
        // must reach authorization (401/403) and its resource, not end in a 413.
        assertThat(limits.limit(request("GET", -1, Map.of("Transfer-Encoding", "chunked")))).isNull();
        assertThat(limits.limit(request("DELETE", -1, Map.of("Transfer-Encoding", "chunked")))).isNull();
    }

    @Test
    void jsonBodiesStayLimited() {
        assertThatThrownBy(() -> limits.limit(request("POST", 4096, Map.of("Content-Type", "application/json"))))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413));
        assertThat(limits.limit(request("POST", 100, Map.of("Content-Type", "application/json")))).isNull();
    }

    @Test
    void aBodyOfUnknownLengthIsReadUpToTheLimitAndRefusedBeyondIt() throws Exception {
        byte[] atLimit = new byte[1024];
        try (var in = new BodyLimits.Bounded(new ByteArrayInputStream(atLimit), 1024, () -> new ApiException(413, "body-too-large", "Body too large", "limited", null, null))) {
            assertThat(in.readAllBytes()).hasSize(1024);
        }
        try (var in = new BodyLimits.Bounded(new ByteArrayInputStream(new byte[0]), 1024, () -> new ApiException(413, "body-too-large", "Body too large", "limited", null, null))) {
            assertThat(in.read()).isEqualTo(-1); // a POST without a body, forwarded chunked by the gateway
        }
        try (var in = new BodyLimits.Bounded(new ByteArrayInputStream(new byte[1025]), 1024, () -> new ApiException(413, "body-too-large", "Body too large", "limited", null, null))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413)).hasMessage("limited");
        }
    }

    @Test
    void partnerCsvFilesAreNotLimitedHere() {
        assertThat(limits.limit(request("POST", -1, Map.of("Content-Type", "text/csv", "Transfer-Encoding", "chunked"))))
                .isNull();
    }
}
