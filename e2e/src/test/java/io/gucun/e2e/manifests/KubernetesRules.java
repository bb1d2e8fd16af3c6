package io.gucun.e2e.manifests;

import static io.gucun.e2e.manifests.Yamls.at;
import static io.gucun.e2e.manifests.Yamls.list;
import static io.gucun.e2e.manifests.Yamls.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a built overlay must hold, as a list of problems (empty = fine): each app's Deployment with the three
 * Quarkus health probes, requests and limits, an image and its configuration from ConfigMaps and Secrets that
 * exist; every variable set is one the app reads, every variable the app needs in a container is set, secrets
 * come from Secrets; autoscalers and disruption budgets point at Deployments that exist; Services select pods;
 * NetworkPolicies deny by default, every app has its own, and only the gateway reaches a service; Kafka is never
 * reached without TLS.
 */
final class KubernetesRules {

    private static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");

    private final Map<String, AppConfig> apps;

    KubernetesRules(Map<String, AppConfig> apps) {
        this.apps = apps;
    }

    /**
     * @param resources a built overlay
     * @param externalSecrets Secrets created outside the overlay (prod), which may be referenced without being in it
     */
    List<String> check(List<Map<String, Object>> resources, Set<String> externalSecrets) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> configMaps = byName(resources, "ConfigMap");
        Map<String, Map<String, Object>> secrets = byName(resources, "Secret");
        Map<String, Map<String, Object>> deployments = byName(resources, "Deployment");

        for (String app : apps.keySet()) {
            if (!deployments.containsKey(app)) {
                problems.add("no Deployment for " + app);
            }
            if (find(resources, "Service", app) == null) {
                problems.add("no Service for " + app);
            }
            if (find(resources, "HorizontalPodAutoscaler", app) == null) {
                problems.add("no HorizontalPodAutoscaler for " + app);
            }
            if (find(resources, "PodDisruptionBudget", app) == null) {
                problems.add("no PodDisruptionBudget for " + app);
            }
        }
        deployments.forEach((name, d) -> checkDeployment(name, d, configMaps, secrets, externalSecrets, problems));
        checkNetworkPolicies(resources, deployments, problems);
        for (Map<String, Object> cm : configMaps.values()) {
            Object protocol = map(cm, "data").get("GUCUN_KAFKA_SECURITY_PROTOCOL");
            if (protocol != null && !"SASL_SSL".equals(protocol)) {
                problems.add("ConfigMap " + at(cm, "metadata", "name") + " sets GUCUN_KAFKA_SECURITY_PROTOCOL " + protocol
                        + ": Kafka is reached only over SASL_SSL");
            }
        }

        for (Map<String, Object> hpa : ofKind(resources, "HorizontalPodAutoscaler")) {
            String name = at(hpa, "metadata", "name");
            Map<String, Object> ref = map(hpa, "spec", "scaleTargetRef");
            if (!"Deployment".equals(ref.get("kind")) || !deployments.containsKey(ref.get("name"))) {
                problems.add("HorizontalPodAutoscaler " + name + " targets " + ref.get("kind") + "/" + ref.get("name")
                        + ", which is not a Deployment here");
            }
            Integer min = at(hpa, "spec", "minReplicas");
            Integer max = at(hpa, "spec", "maxReplicas");
            if (min == null || max == null || min < 1 || max < min) {
                problems.add("HorizontalPodAutoscaler " + name + " has minReplicas " + min + ", maxReplicas " + max);
            }
        }
        for (Map<String, Object> pdb : ofKind(resources, "PodDisruptionBudget")) {
            String name = at(pdb, "metadata", "name");
            Map<String, Object> selector = map(pdb, "spec", "selector", "matchLabels");
            if (selector.isEmpty() || deployments.values().stream().noneMatch(d -> selects(selector, d))) {
                problems.add("PodDisruptionBudget " + name + " selects " + selector + ": no Deployment's pods");
            }
            if (at(pdb, "spec", "minAvailable") == null && at(pdb, "spec", "maxUnavailable") == null) {
                problems.add("PodDisruptionBudget " + name + " has neither minAvailable nor maxUnavailable");
            }
        }
        for (Map<String, Object> cm : configMaps.values()) {
            map(cm, "data").forEach((key, value) -> {
                if (key.matches("GUCUN_GATEWAY_ROUTES_[A-Z]+_UPSTREAMS")) {
                    for (String url : String.valueOf(value).split(",")) {
                        java.net.URI u = java.net.URI.create(url.trim());
                        Map<String, Object> target = find(resources, "Service", u.getHost());
                        boolean portMatches = target != null && list(target, "spec", "ports").stream()
                                .anyMatch(p -> Objects.equals(p.get("port"), u.getPort()));
                        if (!portMatches) {
                            problems.add(key + " names " + url + ", which is no Service port here");
                        }
                    }
                }
            });
        }
        for (Map<String, Object> svc : ofKind(resources, "Service")) {
            String name = at(svc, "metadata", "name");
            if ("ExternalName".equals(at(svc, "spec", "type"))) {
                if (at(svc, "spec", "externalName") == null) {
                    problems.add("ExternalName Service " + name + " names no host");
                }
                continue;
            }
            Map<String, Object> selector = map(svc, "spec", "selector");
            if (selector.isEmpty() || deployments.values().stream().noneMatch(d -> selects(selector, d))) {
                problems.add("Service " + name + " selects " + selector + ": no Deployment's pods");
            }
        }
        return problems;
    }

    private void checkDeployment(String name, Map<String, Object> d, Map<String, Map<String, Object>> configMaps,
                                 Map<String, Map<String, Object>> secrets, Set<String> externalSecrets, List<String> problems) {
        String where = "Deployment " + name;
        if (!selects(map(d, "spec", "selector", "matchLabels"), d)) {
            problems.add(where + ": its selector does not match its pod labels");
        }
        List<Map<String, Object>> containers = list(d, "spec", "template", "spec", "containers");
        if (containers.isEmpty()) {
            problems.add(where + " has no containers");
        }
        for (Map<String, Object> c : containers) {
            String cw = where + " container " + c.get("name");
            if (!(c.get("image") instanceof String image) || image.isBlank()) {
                problems.add(cw + " has no image");
            }
            PROBES.forEach((probe, path) -> {
                Object actual = at(c, probe, "httpGet", "path");
                if (!path.equals(actual)) {
                    problems.add(cw + ": " + probe + " should GET " + path + ", is " + actual);
                }
            });
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (at(c, "resources", kind, resource) == null) {
                        problems.add(cw + " has no resources." + kind + "." + resource);
                    }
                }
            }
            Map<String, String> env = environment(cw, c, configMaps, secrets, externalSecrets, problems);

            if (env.values().stream().noneMatch(s -> s.startsWith("ConfigMap"))) {
                problems.add(cw + " takes no configuration from a ConfigMap");
            }
            AppConfig app = apps.get(name);
            if (app == null) {
                problems.add(where + " is not one of the apps " + apps.keySet());
                continue;
            }
            Integer port = at(c, "ports", 0, "containerPort");
            String listens = app.keys().get("QUARKUS_HTTP_PORT");
            if (!env.containsKey("QUARKUS_HTTP_PORT") && port != null && !String.valueOf(port).equals(listens)) {
                problems.add(cw + " exposes port " + port + ", but " + name + " listens on " + listens);
            }
            env.keySet().stream().filter(v -> !app.reads(v))
                    .forEach(v -> problems.add(cw + " sets " + v + ", which " + name + " does not read"));
            app.required().stream().filter(v -> !env.containsKey(v))
                    .forEach(v -> problems.add(cw + " does not set " + v + ", which " + name + " needs in a container"));
            app.secret().stream().filter(env::containsKey).filter(v -> !env.get(v).startsWith("Secret"))
                    .forEach(v -> problems.add(cw + " takes the secret " + v + " from " + env.get(v) + ", not a Secret"));
        }
    }

    private void checkNetworkPolicies(List<Map<String, Object>> resources, Map<String, Map<String, Object>> deployments,
                                      List<String> problems) {
        List<Map<String, Object>> policies = ofKind(resources, "NetworkPolicy");
        boolean defaultDeny = policies.stream().anyMatch(p -> map(p, "spec", "podSelector").isEmpty()
                && policyTypes(p).containsAll(List.of("Ingress", "Egress"))
                && list(p, "spec", "ingress").isEmpty() && list(p, "spec", "egress").isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (String app : apps.keySet()) {
            Map<String, Object> d = deployments.get(app);
            if (d == null) {
                continue;
            }
            boolean own = policies.stream().anyMatch(p -> app.equals(at(p, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"))
                    && policyTypes(p).containsAll(List.of("Ingress", "Egress")));
            if (!own) {
                problems.add("no NetworkPolicy of its own for " + app);
            }
            if (app.equals("gateway")) {
                continue; // ingress reaches the gateway, and only it
            }
            for (Map<String, Object> p : policies) {
                if (!selectsOrAll(map(p, "spec", "podSelector", "matchLabels"), d, map(p, "spec", "podSelector"))) {
                    continue;
                }
                for (Map<String, Object> rule : list(p, "spec", "ingress")) {
                    List<Map<String, Object>> from = list(rule, "from");
                    boolean onlyGateway = !from.isEmpty() && from.stream().allMatch(f -> f.size() == 1
                            && "gateway".equals(at(f, "podSelector", "matchLabels", "app.kubernetes.io/name")));
                    if (!onlyGateway) {
                        problems.add("NetworkPolicy " + at(p, "metadata", "name") + " lets " + (from.isEmpty() ? "anyone" : from)
                                + " reach " + app + ": only the gateway may");
                    }
                }
            }
        }
    }

    private static List<String> policyTypes(Map<String, Object> policy) {
        Object types = at(policy, "spec", "policyTypes");
        return types instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static boolean selectsOrAll(Map<String, Object> matchLabels, Map<String, Object> deployment, Map<String, Object> podSelector) {
        return podSelector.isEmpty() || selects(matchLabels, deployment);
    }

    /** variable → where it comes from ("ConfigMap x", "Secret y", "value"); reports references that lead nowhere. */
    private static Map<String, String> environment(String cw, Map<String, Object> c, Map<String, Map<String, Object>> configMaps,
                                                   Map<String, Map<String, Object>> secrets, Set<String> externalSecrets,
                                                   List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : list(c, "envFrom")) {
            String cm = at(from, "configMapRef", "name");
            String secret = at(from, "secretRef", "name");
            if (cm != null) {
                if (!configMaps.containsKey(cm)) {
                    problems.add(cw + " takes env from ConfigMap " + cm + ", which does not exist");
                } else {
                    map(configMaps.get(cm), "data").keySet().forEach(k -> env.put(k, "ConfigMap " + cm));
                }
            } else if (secret != null) {
                if (!secrets.containsKey(secret) && !externalSecrets.contains(secret)) {
                    problems.add(cw + " takes env from Secret " + secret + ", which does not exist");
                } else if (secrets.containsKey(secret)) {
                    map(secrets.get(secret), "data").keySet().forEach(k -> env.put(k, "Secret " + secret));
                }
            }
        }
        for (Map<String, Object> e : list(c, "env")) {
            String var = (String) e.get("name");
            Map<String, Object> cmRef = map(e, "valueFrom", "configMapKeyRef");
            Map<String, Object> secretRef = map(e, "valueFrom", "secretKeyRef");
            if (!cmRef.isEmpty()) {
                Map<String, Object> cm = configMaps.get(cmRef.get("name"));
                if (cm == null || !map(cm, "data").containsKey(cmRef.get("key"))) {
                    problems.add(cw + ": " + var + " refers to ConfigMap " + cmRef.get("name") + " key " + cmRef.get("key")
                            + ", which does not exist");
                }
                env.put(var, "ConfigMap " + cmRef.get("name"));
            } else if (!secretRef.isEmpty()) {
                String name = (String) secretRef.get("name");
                Map<String, Object> secret = secrets.get(name);
                if (secret == null && !externalSecrets.contains(name)) {
                    problems.add(cw + ": " + var + " refers to Secret " + name + ", which does not exist");
                } else if (secret != null && !map(secret, "data").containsKey(secretRef.get("key"))
                        && !map(secret, "stringData").containsKey(secretRef.get("key"))) {
                    problems.add(cw + ": " + var + " refers to key " + secretRef.get("key") + " of Secret " + name
                            + ", which it does not hold");
                }
                env.put(var, "Secret " + name);
            } else {
                env.put(var, "value");
            }
        }
        return env;
    }

    static Map<String, Map<String, Object>> byName(List<Map<String, Object>> resources, String kind) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        ofKind(resources, kind).forEach(r -> m.put(at(r, "metadata", "name"), r));
        return m;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    private static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        return Kustomize.find(resources, kind, name);
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> deployment) {
        Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }
}
