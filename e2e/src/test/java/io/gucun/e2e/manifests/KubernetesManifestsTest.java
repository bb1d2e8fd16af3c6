package io.gucun.e2e.manifests;

import static io.gucun.e2e.manifests.Yamls.at;
import static io.gucun.e2e.manifests.Yamls.list;
import static io.gucun.e2e.manifests.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gucun.infra.GucunPaths;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/k8s: every file parses, the overlays build into complete sets, and the rules hold; broken copies fail. */
class KubernetesManifestsTest {

    private static final Path ROOT = GucunPaths.root();
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final Map<String, AppConfig> APPS = AppConfig.loadAll(ROOT);
    private static final KubernetesRules RULES = new KubernetesRules(APPS);

    @Test
    void everyManifestParsesAndNamesItsKind() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            for (Map<String, Object> doc : Yamls.documents(f)) {
                assertThat(doc).as(f.toString()).containsKey("kind");
                if (!f.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat((String) at(doc, "metadata", "name")).as(f + " metadata.name").isNotBlank();
                }
            }
        }
    }

    @Test
    void theLocalOverlayIsACompleteSetThatPassesTheRules() {
        List<Map<String, Object>> local = Kustomize.build(K8S.resolve("overlays/local"));
        assertThat(RULES.check(local, Set.of())).isEmpty();
        assertThat(local).allSatisfy(r -> assertThat(r.get("kind").equals("Namespace") || "gucun".equals(at(r, "metadata", "namespace"))).isTrue());
        assertThat(images(local)).allMatch(i -> i.matches("gucun/[a-z-]+:dev"));
        assertThat(KubernetesRules.ofKind(local, "Deployment")).allSatisfy(d -> assertThat((Integer) at(d, "spec", "replicas")).isEqualTo(1));
    }

    @Test
    void theProdOverlayPassesTheRulesWithItsSecretsCreatedAsTheReadmeSays() throws IOException {
        Set<String> documented = documentedSecrets();
        assertThat(documented).contains("gucun-pii", "gucun-db-membership", "gucun-kafka-dues", "gucun-kafka-ca");
        List<Map<String, Object>> prod = Kustomize.build(K8S.resolve("overlays/prod"));
        assertThat(KubernetesRules.ofKind(prod, "Secret")).as("prod secrets are never committed").isEmpty();
        assertThat(RULES.check(prod, documented)).isEmpty();
        assertThat(referencedSecrets(prod)).as("every Secret the Deployments use is in the README's commands")
                .isSubsetOf(documented);
        assertThat(images(prod)).allMatch(i -> i.startsWith("registry.example.org/gucun/") && i.endsWith(":0.1.0"));
        Map<String, Object> membership = Kustomize.find(prod, "Deployment", "membership-service");
        assertThat((String) at(membership, "spec", "template", "spec", "containers", 0, "resources", "limits", "memory")).isEqualTo("768Mi");
    }

    @Test
    void everyDeploymentOfTheBaseHasProbesResourcesAndItsConfiguration() {
        List<Map<String, Object>> base = Kustomize.build(K8S.resolve("base"));
        // The base alone lacks only the Secrets, which every environment provides its own way.
        assertThat(RULES.check(base, referencedSecrets(base))).isEmpty();
        assertThat(KubernetesRules.byName(base, "Deployment").keySet()).containsExactlyInAnyOrderElementsOf(AppConfig.APPS);
    }

    // --- the rules catch real mistakes -----------------------------------------------------------------------------------

    @Test
    void aDeploymentWithoutItsReadinessProbeOrLimitsFails() {
        List<Map<String, Object>> local = Yamls.copy(Kustomize.build(K8S.resolve("overlays/local")));
        Map<String, Object> c = container(local, "dues-service");
        c.remove("readinessProbe");
        map(c, "resources").remove("limits");
        assertThat(RULES.check(local, Set.of())).containsExactlyInAnyOrder(
                "Deployment dues-service container dues-service: readinessProbe should GET /q/health/ready, is null",
                "Deployment dues-service container dues-service has no resources.limits.cpu",
                "Deployment dues-service container dues-service has no resources.limits.memory");
    }

    @Test
    void aMisspelledVariableAndAMissingOneAreBothReported() {
        List<Map<String, Object>> local = Yamls.copy(Kustomize.build(K8S.resolve("overlays/local")));
        Map<String, Object> data = map(Kustomize.find(local, "ConfigMap", "rights-service-config"), "data");
        data.put("GUCUN_DB_ULR", data.remove("GUCUN_DB_URL"));
        assertThat(RULES.check(local, Set.of())).containsExactlyInAnyOrder(
                "Deployment rights-service container rights-service sets GUCUN_DB_ULR, which rights-service does not read",
                "Deployment rights-service container rights-service does not set GUCUN_DB_URL, which rights-service needs in a container");
    }

    @Test
    void aSecretFromAConfigMapAndAReferenceToAMissingSecretKeyFail() {
        List<Map<String, Object>> local = Yamls.copy(Kustomize.build(K8S.resolve("overlays/local")));
        map(Kustomize.find(local, "ConfigMap", "membership-service-config"), "data").put("GUCUN_PII_HASH_KEY", "not-secret");
        List<Map<String, Object>> env = list(container(local, "membership-service"), "env");
        env.removeIf(e -> "GUCUN_PII_HASH_KEY".equals(e.get("name")));
        map(Kustomize.find(local, "Secret", "gucun-pii"), "data").remove("k1");
        assertThat(RULES.check(local, Set.of())).containsExactlyInAnyOrder(
                "Deployment membership-service container membership-service takes the secret GUCUN_PII_HASH_KEY from ConfigMap membership-service-config, not a Secret",
                "Deployment membership-service container membership-service: GUCUN_PII_KEY_K1 refers to key k1 of Secret gucun-pii, which it does not hold",
                "Deployment rights-service container rights-service: GUCUN_PII_KEY_K1 refers to key k1 of Secret gucun-pii, which it does not hold",
                "Deployment outreach-service container outreach-service: GUCUN_PII_KEY_K1 refers to key k1 of Secret gucun-pii, which it does not hold");
    }

    @Test
    void aServiceWithoutItsNetworkPolicyOrOpenToAnyoneOrKafkaWithoutTlsFails() {
        List<Map<String, Object>> local = Yamls.copy(Kustomize.build(K8S.resolve("overlays/local")));
        local.remove(Kustomize.find(local, "NetworkPolicy", "dues-service"));
        list(Kustomize.find(local, "NetworkPolicy", "rights-service"), "spec", "ingress").getFirst().remove("from");
        map(Kustomize.find(local, "ConfigMap", "gucun-common"), "data").put("GUCUN_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        assertThat(RULES.check(local, Set.of())).containsExactlyInAnyOrder(
                "no NetworkPolicy of its own for dues-service",
                "NetworkPolicy rights-service lets anyone reach rights-service: only the gateway may",
                "ConfigMap gucun-common sets GUCUN_KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT: Kafka is reached only over SASL_SSL");
    }

    @Test
    void eachServiceLogsInToKafkaAsItselfAndTrustsTheBrokersCa() {
        List<Map<String, Object>> prod = Kustomize.build(K8S.resolve("overlays/prod"));
        for (String service : List.of("membership", "dues", "rights", "outreach")) {
            Map<String, Object> c = container(prod, service + "-service");
            assertThat(list(c, "env")).as(service).anySatisfy(e -> {
                assertThat(e.get("name")).isEqualTo("GUCUN_KAFKA_PASSWORD");
                assertThat((String) at(e, "valueFrom", "secretKeyRef", "name")).isEqualTo("gucun-kafka-" + service);
            });
            List<Map<String, Object>> volumes = list(Kustomize.find(prod, "Deployment", service + "-service"),
                    "spec", "template", "spec", "volumes");
            assertThat(volumes).as(service).anySatisfy(v -> assertThat((String) at(v, "secret", "secretName")).isEqualTo("gucun-kafka-ca"));
        }
        Map<String, Object> common = map(Kustomize.find(prod, "ConfigMap", "gucun-common"), "data");
        assertThat((String) common.get("GUCUN_KAFKA_TRUSTSTORE")).isEqualTo("/etc/gucun/kafka/ca.crt");
        assertThat((String) common.get("GUCUN_KAFKA_BOOTSTRAP")).endsWith(":9093");
    }

    @Test
    void anAutoscalerOrBudgetForADeploymentThatDoesNotExistFails() {
        List<Map<String, Object>> local = Yamls.copy(Kustomize.build(K8S.resolve("overlays/local")));
        map(Kustomize.find(local, "HorizontalPodAutoscaler", "gateway"), "spec", "scaleTargetRef").put("name", "gateway-v2");
        map(Kustomize.find(local, "PodDisruptionBudget", "rights-service"), "spec", "selector", "matchLabels")
                .put("app.kubernetes.io/name", "right-service");
        assertThat(RULES.check(local, Set.of())).containsExactlyInAnyOrder(
                "HorizontalPodAutoscaler gateway targets Deployment/gateway-v2, which is not a Deployment here",
                "PodDisruptionBudget rights-service selects {app.kubernetes.io/name=right-service}: no Deployment's pods");
    }

    @Test
    void aPortThatIsNotTheAppsOrAGatewayRouteToNoServiceFails() {
        List<Map<String, Object>> local = Yamls.copy(Kustomize.build(K8S.resolve("overlays/local")));
        list(container(local, "rights-service"), "ports").getFirst().put("containerPort", 8080);
        map(Kustomize.find(local, "ConfigMap", "gateway-config"), "data")
                .put("GUCUN_GATEWAY_ROUTES_DUES_UPSTREAMS", "http://dues-service:8083");
        assertThat(RULES.check(local, Set.of())).containsExactlyInAnyOrder(
                "Deployment rights-service container rights-service exposes port 8080, but rights-service listens on 8083",
                "GUCUN_GATEWAY_ROUTES_DUES_UPSTREAMS names http://dues-service:8083, which is no Service port here");
    }

    @Test
    void anOverlayWithAMissingResourceOrAPatchWithoutTargetDoesNotBuild(@TempDir Path tmp) throws IOException {
        Path k8s = tmp.resolve("k8s");
        copyTree(K8S, k8s);
        Files.delete(k8s.resolve("base/rights.yaml"));
        assertThatThrownBy(() -> Kustomize.build(k8s.resolve("overlays/prod")))
                .isInstanceOf(Kustomize.BuildException.class).hasMessageContaining("resource rights.yaml does not exist");

        copyTree(K8S.resolve("base"), k8s.resolve("base"));
        Path patch = k8s.resolve("overlays/prod/autoscaling.yaml");
        Files.writeString(patch, Files.readString(patch).replace("name: gateway", "name: gateway-old"));
        assertThatThrownBy(() -> Kustomize.build(k8s.resolve("overlays/prod")))
                .isInstanceOf(Kustomize.BuildException.class)
                .hasMessageContaining("patch target HorizontalPodAutoscaler/gateway-old is not among the resources");
    }

    // --- kustomize itself, where it is installed -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"local", "prod"})
    void kustomizeBuildsTheSameSetWhereItIsInstalled(String overlay) throws Exception {
        Optional<List<String>> command = kustomizeCommand();
        assumeTrue(command.isPresent(), "neither kustomize nor kubectl is installed: the built-in resolution above stands alone");
        List<String> cmd = new java.util.ArrayList<>(command.get());
        cmd.add(K8S.resolve("overlays/" + overlay).toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();

        List<Map<String, Object>> real = Yamls.documents(new StringReader(out));
        List<Map<String, Object>> ours = Kustomize.build(K8S.resolve("overlays/" + overlay));
        assertThat(ids(real)).isEqualTo(ids(ours));
        assertThat(images(real)).isEqualTo(images(ours));
        for (String app : AppConfig.APPS) {
            assertThat(container(real, app)).as(app).isEqualTo(container(ours, app));
        }
        assertThat(RULES.check(real, documentedSecrets())).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------------

    private static Optional<List<String>> kustomizeCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kustomize"))) {
                return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
            }
        }
        return Optional.empty();
    }

    /** Secret names in deploy/k8s/README.md's `kubectl create secret ... NAME` commands. */
    static Set<String> documentedSecrets() throws IOException {
        Matcher m = Pattern.compile("kubectl -n gucun create secret generic ([a-z0-9-]+)\\s")
                .matcher(Files.readString(K8S.resolve("README.md")));
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> referencedSecrets(List<Map<String, Object>> resources) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> c : Kustomize.containers(resources)) {
            list(c, "env").forEach(e -> {
                String name = at(e, "valueFrom", "secretKeyRef", "name");
                if (name != null) {
                    out.add(name);
                }
            });
            list(c, "envFrom").forEach(e -> {
                String name = at(e, "secretRef", "name");
                if (name != null) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    private static Map<String, Object> container(List<Map<String, Object>> resources, String deployment) {
        return list(Kustomize.find(resources, "Deployment", deployment), "spec", "template", "spec", "containers").getFirst();
    }

    private static List<String> images(List<Map<String, Object>> resources) {
        return Kustomize.containers(resources).stream().map(c -> (String) c.get("image")).sorted().toList();
    }

    private static Set<String> ids(List<Map<String, Object>> resources) {
        return resources.stream().map(r -> r.get("kind") + "/" + at(r, "metadata", "namespace") + "/" + at(r, "metadata", "name"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
