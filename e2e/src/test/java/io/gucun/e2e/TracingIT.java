package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.e2e.Api.Response;
import io.gucun.launcher.Stack;
import io.gucun.launcher.Traces;
import io.gucun.launcher.Traces.Span;
import io.gucun.launcher.Traces.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request, one trace: a member registered through the gateway is found, by the request id the gateway returned, in a
 * trace that runs from the gateway through membership-service, its outbox relay's publish to Kafka and dues-service's
 * consumer to the subsidy posting, read from the span files the local stack writes ({@code ./gucun trace}).
 */
@ExtendWith(RealStack.class)
class TracingIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final long GUCUN_TOWN = 5;

    @Test
    void aRegistrationIsOneTraceFromTheGatewayThroughKafkaToTheSubsidyPosting(Api api, Stack stack) throws Exception {
        String officer = api.user("officer.gucun");
        Response org = api.post(officer, "/api/membership/orgs", String.format(
                "{\"parentId\":%d,\"name\":\"园区联合工会 %s\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}",
                GUCUN_TOWN, UUID.randomUUID().toString().substring(0, 8)));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        String idNumber = Ids.residentId();
        String mobile = Ids.mobile();
        Response registered = api.post(officer, "/api/membership/members", String.format("""
                {"idNumber":"%s","name":"赵敏","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                 "employmentForm":"PLATFORM_GIG","orgId":%d}""", idNumber, mobile, org.json().get("id").asLong()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String requestId = registered.header("X-Request-Id");
        assertThat(requestId).isNotBlank();

        // spans reach the files in batches, the consumer's after Kafka: wait for the subsidy posting to show up
        Trace trace = awaitTrace(stack, requestId, t -> t.spans().stream().anyMatch(s -> s.name().equals("subsidy posting")));
        System.out.println(Traces.render(trace, requestId));

        Span gateway = only(trace, "gateway", "SERVER");
        assertThat(gateway.attributes()).containsEntry(Traces.REQUEST_ID, requestId);
        assertThat(trace.roots()).as("one tree, rooted at the gateway").containsExactly(gateway);
        // registering publishes several events (MemberRegistered, MemberJoined, CardIssued): follow the one behind the subsidy
        Span subsidy = trace.spans().stream().filter(s -> s.service().equals("dues-service") && s.name().equals("subsidy posting"))
                .findFirst().orElseThrow();
        List<Span> chain = ancestors(trace, subsidy);
        assertThat(chain).as("the subsidy posting descends from the request, through Kafka:\n" + Traces.render(trace, requestId))
                .satisfiesExactly(
                        consume -> assertThat(consume).matches(s -> s.service().equals("dues-service")
                                && s.name().equals("consume dues.membership-member")),
                        receive -> assertThat(receive).matches(s -> s.service().equals("dues-service") && s.kind().equals("CONSUMER")),
                        publish -> assertThat(publish).matches(s -> s.service().equals("membership-service")
                                && s.kind().equals("PRODUCER") && s.name().equals("membership.member.v1 publish")),
                        server -> assertThat(server).matches(s -> s.service().equals("membership-service") && s.kind().equals("SERVER")),
                        proxy -> assertThat(proxy).matches(s -> s.service().equals("gateway") && s.kind().equals("CLIENT")),
                        root -> assertThat(root).isEqualTo(gateway));
        // the database work is in the trace too, without its values
        assertThat(trace.spans()).anyMatch(s -> s.service().equals("dues-service") && s.kind().equals("CLIENT")
                && s.attributes().keySet().stream().anyMatch(k -> k.startsWith("db.")));

        // no personal data in any attribute of any span of the trace
        for (Span s : trace.spans()) {
            assertThat(s.attributes().values()).as(s.service() + " " + s.name())
                    .noneMatch(v -> v.contains(idNumber) || v.contains(mobile) || v.contains("赵敏"));
        }
    }

    private static Trace awaitTrace(Stack stack, String requestId, java.util.function.Predicate<Trace> complete)
            throws InterruptedException {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        Optional<Trace> trace = Optional.empty();
        while (System.nanoTime() < deadline) {
            trace = Traces.byRequestId(stack.spanDirectory(), requestId);
            if (trace.isPresent() && complete.test(trace.get())) {
                return trace.get();
            }
            Thread.sleep(500);
        }
        List<Span> all = Traces.read(stack.spanDirectory());
        throw new AssertionError("no complete trace for request " + requestId + " in " + stack.spanDirectory() + ": "
                + trace.map(t -> Traces.render(t, requestId)).orElse("none at all") + "\nlatest of the " + all.size()
                + " spans kept:\n" + all.stream().skip(Math.max(0, all.size() - 40))
                .map(s -> s.service() + " " + s.kind() + " " + s.name() + " trace " + s.traceId() + " parent " + s.parentSpanId()
                        + " " + s.attributes()).collect(java.util.stream.Collectors.joining("\n")));
    }

    private static Span only(Trace trace, String service, String kind) {
        var spans = trace.spans().stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)).toList();
        assertThat(spans).as(service + " " + kind + " spans in\n" + Traces.render(trace, "")).isNotEmpty();
        return spans.getFirst();
    }

    private static java.util.List<Span> ancestors(Trace trace, Span span) {
        java.util.List<Span> chain = new java.util.ArrayList<>();
        for (Span s = span; s != null; ) {
            String parent = s.parentSpanId();
            s = trace.spans().stream().filter(p -> p.spanId().equals(parent)).findFirst().orElse(null);
            if (s != null) {
                chain.add(s);
            }
        }
        return chain;
    }
}
