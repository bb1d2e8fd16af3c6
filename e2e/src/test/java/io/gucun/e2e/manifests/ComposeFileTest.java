package io.gucun.e2e.manifests;

import static io.gucun.e2e.manifests.Yamls.at;
import static io.gucun.e2e.manifests.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gucun.infra.GucunPaths;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/compose: the whole system with health checks and start order; broken copies fail. */
class ComposeFileTest {

    private static final Path ROOT = GucunPaths.root();
    private static final Path DIR = ROOT.resolve("deploy/compose");
    private static final Path FILE = DIR.resolve("compose.yaml");
    private static final ComposeRules RULES = new ComposeRules(AppConfig.loadAll(ROOT));

    private static Map<String, Object> compose() {
        return Yamls.copy(Yamls.single(FILE));
    }

    @Test
    void theComposeFilePassesTheRules() {
        assertThat(RULES.check(compose(), DIR)).isEmpty();
    }

    @Test
    void theAppsStartAfterTheirInfrastructureAndTheGatewayAfterTheServices() throws Exception {
        Map<String, Object> services = map(compose(), "services");
        for (String service : List.of("membership-service", "dues-service", "rights-service", "outreach-service")) {
            assertThat(map(services, service, "depends_on").keySet()).as(service).contains("postgres", "kafka", "kafka-acls", "keycloak");
        }
        assertThat(map(services, "gateway", "depends_on").keySet())
                .contains("membership-service", "dues-service", "rights-service", "outreach-service");
        assertThat((List<?>) at(services, "keycloak", "volumes"))
                .anySatisfy(v -> assertThat((String) v).startsWith("../keycloak/union-realm.json:/opt/keycloak/data/import/"));
        assertThat(Files.readString(ROOT.resolve("deploy/kafka/compose-broker.sh"))).contains("process.roles=broker,controller");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaSpeaksOnlySaslSslAndEachServiceLogsInAsItselfAfterItsAclsExist() throws Exception {
        Map<String, Object> services = map(compose(), "services");
        String broker = Files.readString(ROOT.resolve("deploy/kafka/compose-broker.sh"));
        assertThat(broker).contains("listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_SSL",
                "listeners=SASL_SSL://:9092,CONTROLLER://127.0.0.1:9093,EXTERNAL://:29092",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false", "--add-scram");
        assertThat((List<Object>) at(services, "kafka", "entrypoint")).contains("/gucun/compose-broker.sh");
        Map<String, Object> acls = map(services, "kafka-acls", "environment");
        for (String service : List.of("membership", "dues", "rights", "outreach")) {
            Map<String, Object> s = map(services, service + "-service");
            Map<String, Object> env = map(s, "environment");
            assertThat(env).as(service).doesNotContainKey("GUCUN_KAFKA_SECURITY_PROTOCOL").doesNotContainKey("GUCUN_KAFKA_USERNAME");
            // the password the service logs in with is the one the ACL job gives its user
            assertThat(env.get("GUCUN_KAFKA_PASSWORD")).as(service)
                    .isEqualTo(acls.get("GUCUN_KAFKA_PASSWORD_" + service.toUpperCase()));
            assertThat((String) env.get("GUCUN_KAFKA_PASSWORD")).contains(service + "-kafka-local-only");
            assertThat((String) env.get("GUCUN_KAFKA_TRUSTSTORE")).isEqualTo("/etc/gucun/kafka/ca.crt");
            assertThat((List<Object>) s.get("volumes")).as(service).contains("kafka-ca:/etc/gucun/kafka:ro");
            assertThat(map(s, "depends_on", "kafka-acls")).containsEntry("condition", "service_completed_successfully");
        }
    }

    @Test
    void waitingForAJobOtherwiseThanForItsSuccessFails() {
        Map<String, Object> c = compose();
        map(c, "services", "kafka", "depends_on").put("kafka-tls", Map.of("condition", "service_healthy"));
        assertThat(RULES.check(c, DIR)).containsExactly(
                "service kafka should wait for the job kafka-tls to succeed (condition service_completed_successfully), not service_healthy");
    }

    @Test
    void theInfrastructureImagesAreTheVersionsTheProjectTestsAgainst() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Map<String, Object> services = map(compose(), "services");
        assertThat((String) at(services, "kafka", "image")).isEqualTo("apache/kafka:" + property(pom, "kafka.version"));
        assertThat((String) at(services, "keycloak", "image"))
                .isEqualTo("quay.io/keycloak/keycloak:" + property(pom, "keycloak.version"));
        assertThat((String) at(services, "postgres", "image"))
                .isEqualTo("postgres:" + property(pom, "postgres-binaries.version").split("\\.")[0]);
    }

    private static String property(String pom, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + java.util.regex.Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name + " in the root pom").isTrue();
        return m.group(1).trim();
    }

    @Test
    void thePostgresInitScriptCreatesADatabaseForEveryServiceTheComposeFileConnectsTo() throws Exception {
        String script = Files.readString(DIR.resolve("postgres-init/10-databases.sh"));
        Map<String, Object> services = map(compose(), "services");
        for (String service : List.of("membership", "dues", "rights", "outreach")) {
            assertThat(script).contains(" " + service);
            assertThat((String) at(services, service + "-service", "environment", "GUCUN_DB_URL")).endsWith("/" + service);
            assertThat((String) at(services, "postgres", "environment", "GUCUN_DB_PASSWORD_" + service.toUpperCase())).isNotBlank();
        }
    }

    @Test
    void aServiceWithoutHealthCheckOrWaitingForAnUndefinedServiceFails() {
        Map<String, Object> c = compose();
        Map<String, Object> services = map(c, "services");
        map(services, "rights-service").remove("healthcheck");
        map(services, "gateway", "depends_on").put("billing-service", Map.of("condition", "service_healthy"));
        assertThat(RULES.check(c, DIR)).containsExactlyInAnyOrder(
                "service rights-service has no health check",
                "service gateway depends on billing-service, which is not defined",
                "service gateway waits for rights-service to be healthy, but it has no health check");
    }

    @Test
    void startingBeforeTheDatabaseIsHealthyOrWithoutImageFails() {
        Map<String, Object> c = compose();
        Map<String, Object> services = map(c, "services");
        map(services, "dues-service", "depends_on").put("postgres", Map.of("condition", "service_started"));
        map(services, "outreach-service").remove("image");
        map(services, "outreach-service").remove("build");
        assertThat(RULES.check(c, DIR)).containsExactlyInAnyOrder(
                "service dues-service should wait for postgres to be healthy (condition service_healthy), not service_started",
                "service outreach-service has neither image nor build");
    }

    @Test
    void aVariableNoAppReadsAndAMissingRequiredOneFail() {
        Map<String, Object> c = compose();
        Map<String, Object> env = map(c, "services", "gateway", "environment");
        env.put("GUCUN_GATEWAY_ROUTES_BILLING_UPSTREAMS", "http://billing:8085");
        env.remove("QUARKUS_OIDC_AUTH_SERVER_URL");
        map(c, "services", "outreach-service", "environment").remove("GUCUN_MEMBERSHIP_URL");
        assertThat(RULES.check(c, DIR)).containsExactlyInAnyOrder(
                "service gateway sets GUCUN_GATEWAY_ROUTES_BILLING_UPSTREAMS, which gateway does not read",
                "service gateway does not set QUARKUS_OIDC_AUTH_SERVER_URL, which gateway needs in a container",
                "service outreach-service does not set GUCUN_MEMBERSHIP_URL, which outreach-service needs in a container");
    }

    @Test
    void anImageBuiltForAnotherPortOrFromAnotherAppFails() {
        Map<String, Object> c = compose();
        map(c, "services", "dues-service", "build", "args").put("PORT", "8081");
        map(c, "services", "rights-service", "build", "args").put("APP", "dues-service");
        assertThat(RULES.check(c, DIR)).containsExactlyInAnyOrder(
                "service dues-service builds its image for port 8081, but dues-service listens on 8082",
                "service rights-service builds its image from dues-service, not rights-service");
    }

    @Test
    void theImageCopiesWhatTheBuildWritesForEveryApp() throws Exception {
        List<String> sources = Files.readAllLines(ROOT.resolve("deploy/docker/Dockerfile.jvm")).stream()
                .filter(l -> l.startsWith("COPY "))
                .map(l -> l.split("\\s+")[l.split("\\s+").length - 2])
                .toList();
        assertThat(sources).contains("${APP}/target/quarkus-app/lib/", "deploy/docker/health.sh");
        String ignore = Files.readString(ROOT.resolve(".dockerignore"));
        for (String app : AppConfig.APPS) {
            for (String source : sources) {
                String path = source.replace("${APP}", app).replace("*.jar", "quarkus-run.jar");
                assertThat(ROOT.resolve(path)).as("%s (run the build first)", path).exists();
            }
        }
        assertThat(ignore).contains("!*/target/quarkus-app/", "!deploy/docker/health.sh");
    }

    @Test
    void dockerComposeAcceptsTheFileWhereItIsInstalled() throws Exception {
        Path binary = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "docker-compose"))) {
                binary = Path.of(dir, "docker-compose");
                break;
            }
        }
        assumeTrue(binary != null, "docker-compose is not installed: the rules above stand alone");
        Process p = new ProcessBuilder(binary.toString(), "-f", FILE.toString(), "config", "-q").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
