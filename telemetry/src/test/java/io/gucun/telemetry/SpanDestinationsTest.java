package io.gucun.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The span destinations, scrubbing and sampling, on a plain SDK tracer (no application). */
class SpanDestinationsTest {

    @TempDir
    Path dir;

    private static SdkTracerProvider provider(SpanDestinations destinations, GucunSampler sampler) {
        return SdkTracerProvider.builder().setSampler(sampler)
                .setResource(Resource.getDefault().merge(Resource.create(io.opentelemetry.api.common.Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "membership-service"))))
                .addSpanProcessor(new PersonalDataScrubber()).addSpanProcessor(destinations).build();
    }

    @Test
    void spansGoToTheFileAndToTheCollectorWithoutQueriesOrLongNumbers() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (SdkTracerProvider provider = provider(new SpanDestinations(
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/", Optional.of(dir),
                "membership-service", Optional.of("membership-service-2"), 1_000_000), new GucunSampler(1))) {
            Tracer tracer = provider.get("test");
            Span server = tracer.spanBuilder("GET /api/membership/cards/{card}").setSpanKind(SpanKind.SERVER)
                    .setAttribute("url.path", "/api/membership/cards/3101131988051200/history")
                    .setAttribute("url.query", "mobile=13912345678").setAttribute("client.address", "203.0.113.7").startSpan();
            try (Scope ignored = server.makeCurrent()) {
                tracer.spanBuilder("SELECT member").setSpanKind(SpanKind.CLIENT).startSpan().end();
                assertThat(TraceContexts.currentTraceparent()).startsWith("00-" + server.getSpanContext().getTraceId());
            }
            server.end();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            collector.stop(0);
        }
        assertThat(received).contains("/v1/traces");
        List<String> lines = Files.readAllLines(dir.resolve("membership-service-2" + SpanFile.SUFFIX));
        assertThat(lines).hasSize(2);
        String server = lines.stream().filter(l -> l.contains("\"kind\":\"SERVER\"")).findFirst().orElseThrow();
        assertThat(server).contains("\"service\":\"membership-service\"", "/api/membership/cards/{n}/history",
                "\"url.query\":\"(removed)\"").doesNotContain("3101131988051200", "13912345678", "203.0.113.7");
    }

    @Test
    void aCallThatStartsATraceOfItsOwnIsNotKeptButOneInsideARequestIs() {
        var sampler = new GucunSampler(1);
        try (SdkTracerProvider provider = provider(new SpanDestinations(SpanDestinations.NO_COLLECTOR, Optional.of(dir), "dues-service",
                Optional.empty(), 1_000_000), sampler)) {
            Tracer tracer = provider.get("test");
            Span poll = tracer.spanBuilder("SELECT outbox_event").setSpanKind(SpanKind.CLIENT).startSpan();
            assertThat(poll.getSpanContext().isSampled()).isFalse();
            poll.end();
            Span consume = tracer.spanBuilder("consume dues.membership-member").startSpan();
            assertThat(consume.getSpanContext().isSampled()).isTrue();
            consume.end();
        }
        assertThat(new GucunSampler(0).shouldSample(io.opentelemetry.context.Context.root(), "0af7651916cd43dd8448eb211c80319c",
                "GET /", SpanKind.SERVER, io.opentelemetry.api.common.Attributes.empty(), List.of()).getDecision().name())
                .isEqualTo("DROP");
    }

    @Test
    void theFileRollsOverWhenFull() throws Exception {
        try (SdkTracerProvider provider = provider(new SpanDestinations(SpanDestinations.NO_COLLECTOR, Optional.of(dir), "gateway",
                Optional.empty(), 2_000), new GucunSampler(1))) {
            Tracer tracer = provider.get("test");
            for (int i = 0; i < 40; i++) {
                tracer.spanBuilder("GET /api/*").setSpanKind(SpanKind.SERVER).startSpan().end();
            }
        }
        Path file = dir.resolve("gateway" + SpanFile.SUFFIX);
        assertThat(Files.size(file)).isLessThan(3_000);
        assertThat(Files.size(file.resolveSibling(file.getFileName() + ".1"))).isBetween(2_000L, 3_000L);
    }

    @Test
    void aTraceparentComesBackAsTheRemoteParent() {
        var ctx = TraceContexts.fromTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(Span.fromContext(ctx).getSpanContext().getSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(Span.fromContext(TraceContexts.fromTraceparent("garbage")).getSpanContext().isValid()).isFalse();
        assertThat(TraceContexts.currentTraceparent()).isNull();
    }
}
