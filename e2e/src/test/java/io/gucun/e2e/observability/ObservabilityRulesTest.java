package io.gucun.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.GucunPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The check {@code promtool check rules} would make of deploy/observability/prometheus/alerts.yml, and more, without
 * installing Prometheus: the structure of every group and rule, balanced expressions, a runbook section in
 * docs/operations.md for every alert, and every metric an alert or the Grafana dashboard reads is one the services
 * export: a {@code gucun_*} metric is registered by name in a service's code, the others are exported by Quarkus's
 * binders and asserted in the owning service's tests (listed below).
 */
class ObservabilityRulesTest {

    private static final Path ROOT = GucunPaths.root();
    private static final Path ALERTS = ROOT.resolve("deploy/observability/prometheus/alerts.yml");
    private static final Path DASHBOARD = ROOT.resolve("deploy/observability/grafana/gucun-dashboard.json");
    private static final Path RUNBOOKS = ROOT.resolve("docs/operations.md");

    /** Exported by Quarkus, not named in our code; each asserted in a service test that scrapes /q/metrics. */
    private static final Map<String, String> FROM_QUARKUS = Map.of(
            "http_server_requests_seconds_count", "GatewayTest.metricsNameServicesNotPaths",
            "http_server_requests_seconds_bucket", "GatewayTest.metricsNameServicesNotPaths (LatencyHistogram)",
            "kafka_consumer_fetch_manager_records_lag_max", "DeadLetterTest (dues-service)");
    private static final Set<String> FUNCTIONS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "histogram_quantile", "max_over_time", "min_over_time", "avg_over_time", "absent", "clamp_min", "by", "without",
            "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "topk", "bottomk", "humanizePercentage");
    private static final Pattern DURATION = Pattern.compile("[0-9]+(ms|s|m|h|d|w|y)");

    @Test
    void everyAlertRuleIsWellFormedAndHasARunbook() throws IOException {
        Map<String, Object> file = yaml(ALERTS);
        assertThat(file).containsOnlyKeys("groups");
        List<Map<String, Object>> groups = list(file.get("groups"));
        assertThat(groups).isNotEmpty();
        String runbooks = Files.readString(RUNBOOKS);
        Set<String> alerts = new LinkedHashSet<>();
        Set<String> groupNames = new LinkedHashSet<>();
        for (Map<String, Object> group : groups) {
            assertThat(group).containsKeys("name", "rules");
            assertThat(groupNames.add((String) group.get("name"))).as("group names are unique").isTrue();
            for (Map<String, Object> rule : list(group.get("rules"))) {
                String alert = (String) rule.get("alert");
                assertThat(alert).as("rule %s", rule).matches("[A-Za-z_][A-Za-z0-9_]*");
                assertThat(alerts.add(alert)).as("alert %s defined once", alert).isTrue();
                assertThat(rule.keySet()).as(alert).contains("alert", "expr", "labels", "annotations")
                        .isSubsetOf("alert", "expr", "for", "labels", "annotations", "keep_firing_for");
                String expr = String.valueOf(rule.get("expr")).trim();
                assertThat(expr).as(alert).isNotBlank();
                assertBalanced(alert, expr);
                if (rule.containsKey("for")) {
                    assertThat(String.valueOf(rule.get("for"))).as(alert + " for").matches(DURATION);
                }
                Map<String, Object> labels = map(rule.get("labels"));
                assertThat(labels.get("severity")).as(alert + " severity").isIn("critical", "warning", "info");
                Map<String, Object> annotations = map(rule.get("annotations"));
                assertThat(annotations).as(alert).containsKeys("summary", "runbook_url");
                String anchor = alert.toLowerCase();
                assertThat(annotations.get("runbook_url")).as(alert).isEqualTo("docs/operations.md#" + anchor);
                assertThat(runbooks).as("a runbook section for " + alert).containsPattern("(?m)^#+ " + Pattern.quote(alert) + "$");
            }
        }
        assertThat(alerts).contains("GucunOutboxStuck", "GucunDeadLetters", "GucunConsumerLag", "GucunErrorRate",
                "GucunLatencyHigh", "GucunSignUpsPending", "GucunSubsidiesOwed");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsExported() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (Map<String, Object> group : list(yaml(ALERTS).get("groups"))) {
            list(group.get("rules")).forEach(rule -> exprs.add(String.valueOf(rule.get("expr"))));
        }
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(7);
        dashboard.path("panels").forEach(panel -> {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        });
        String code = mainSources();
        Set<String> metrics = new LinkedHashSet<>();
        exprs.forEach(e -> metrics.addAll(metricNames(e)));
        assertThat(metrics).contains("gucun_outbox_oldest_unpublished_seconds", "gucun_consumer_dead_letters_total",
                "gucun_outreach_signups_pending", "gucun_dues_grants_owed");
        for (String metric : metrics) {
            if (FROM_QUARKUS.containsKey(metric)) {
                continue;
            }
            assertThat(metric).as("a Gucun metric").startsWith("gucun_");
            assertThat(micrometerNames(metric)).as(metric + " is registered in a service's code")
                    .anyMatch(name -> code.contains("\"" + name + "\""));
        }
    }

    @Test
    void theCheckFindsAMetricNobodyExports() throws IOException {
        String code = mainSources();
        assertThat(metricNames("sum by (job) (rate(gucun_nobody_exports_this_total{job=\"x\"}[5m])) > 0"))
                .containsExactly("gucun_nobody_exports_this_total");
        assertThat(micrometerNames("gucun_nobody_exports_this_total")).noneMatch(name -> code.contains("\"" + name + "\""));
        assertThat(micrometerNames("gucun_outbox_oldest_unpublished_seconds")).anyMatch(name -> code.contains("\"" + name + "\""));
    }

    /** Metric names in a PromQL expression: identifiers outside label matchers, strings and ranges, not functions. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            String token = m.group();
            if (!FUNCTIONS.contains(token) && token.contains("_")) {
                names.add(token);
            }
        }
        return names;
    }

    /** The Micrometer names a Prometheus name may come from: dots for underscores, without the unit or type suffix. */
    static List<String> micrometerNames(String metric) {
        List<String> names = new ArrayList<>();
        String base = metric.replaceAll("_(total|bucket|count|sum|max)$", "");
        names.add(base.replace('_', '.'));
        for (String unit : List.of("_seconds", "_fen", "_bytes")) {
            if (base.endsWith(unit)) {
                names.add(base.substring(0, base.length() - unit.length()).replace('_', '.'));
            }
        }
        return names;
    }

    private static void assertBalanced(String alert, String expr) {
        int depth = 0;
        for (char c : expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "").toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            assertThat(depth).as(alert + ": brackets in " + expr).isNotNegative();
        }
        assertThat(depth).as(alert + ": brackets in " + expr).isZero();
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT, 16)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/")).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (Map<String, Object>) new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
