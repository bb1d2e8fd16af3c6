package io.gucun.e2e.manifests;

import static io.gucun.e2e.manifests.Yamls.at;
import static io.gucun.e2e.manifests.Yamls.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the compose file must hold, as a list of problems: every service has an image or a build (whose Dockerfile
 * exists) and a health check, unless it is a one-shot job ({@code restart: "no"}); {@code depends_on} names defined
 * services, waiting for {@code service_healthy} where that service has a health check and for
 * {@code service_completed_successfully} where it is a job; bind mounts exist; each app sets only variables it reads and every one it
 * needs in a container; and PostgreSQL, Kafka and Keycloak are there.
 */
final class ComposeRules {

    private final Map<String, AppConfig> apps;

    ComposeRules(Map<String, AppConfig> apps) {
        this.apps = apps;
    }

    List<String> check(Map<String, Object> compose, Path composeDir) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose, "services");
        for (String required : List.of("postgres", "kafka", "keycloak")) {
            if (!services.containsKey(required)) {
                problems.add("no service " + required);
            }
        }
        for (String app : apps.keySet()) {
            if (!services.containsKey(app)) {
                problems.add("no service " + app);
            }
        }
        services.forEach((name, value) -> {
            Map<String, Object> s = map(value);
            String where = "service " + name;
            if (s.get("image") == null && s.get("build") == null) {
                problems.add(where + " has neither image nor build");
            }
            if (s.get("build") != null) {
                Object context = s.get("build") instanceof String str ? str : at(s, "build", "context");
                String dockerfile = at(s, "build", "dockerfile");
                Path ctx = composeDir.resolve(String.valueOf(context)).normalize();
                if (!Files.isDirectory(ctx)) {
                    problems.add(where + ": build context " + context + " does not exist");
                } else if (!Files.isRegularFile(ctx.resolve(dockerfile == null ? "Dockerfile" : dockerfile))) {
                    problems.add(where + ": Dockerfile " + dockerfile + " does not exist");
                }
            }
            if (at(s, "healthcheck", "test") == null && !isJob(s)) {
                problems.add(where + " has no health check");
            }
            for (Map.Entry<String, Object> dep : dependencies(s).entrySet()) {
                Object target = services.get(dep.getKey());
                if (target == null) {
                    problems.add(where + " depends on " + dep.getKey() + ", which is not defined");
                } else if (isJob(map(target))) {
                    if (!"service_completed_successfully".equals(dep.getValue())) {
                        problems.add(where + " should wait for the job " + dep.getKey() + " to succeed (condition"
                                + " service_completed_successfully), not " + dep.getValue());
                    }
                } else if (at(target, "healthcheck", "test") == null && "service_healthy".equals(dep.getValue())) {
                    problems.add(where + " waits for " + dep.getKey() + " to be healthy, but it has no health check");
                } else if (at(target, "healthcheck", "test") != null && !"service_healthy".equals(dep.getValue())) {
                    problems.add(where + " should wait for " + dep.getKey() + " to be healthy (condition service_healthy),"
                            + " not " + dep.getValue());
                }
            }
            for (Object volume : (List<?>) s.getOrDefault("volumes", List.of())) {
                String v = String.valueOf(volume);
                if (v.startsWith(".") && !Files.exists(composeDir.resolve(v.substring(0, v.indexOf(':'))))) {
                    problems.add(where + " mounts " + v.substring(0, v.indexOf(':')) + ", which does not exist");
                }
            }
            AppConfig app = apps.get(name);
            Object portArg = at(s, "build", "args", "PORT");
            if (app != null && portArg != null && !String.valueOf(portArg).equals(app.keys().get("QUARKUS_HTTP_PORT"))) {
                problems.add(where + " builds its image for port " + portArg + ", but " + name + " listens on "
                        + app.keys().get("QUARKUS_HTTP_PORT"));
            }
            if (app != null && s.get("build") != null && !name.equals(at(s, "build", "args", "APP"))) {
                problems.add(where + " builds its image from " + at(s, "build", "args", "APP") + ", not " + name);
            }
            if (app != null) {
                Map<String, Object> env = environment(s);
                env.keySet().stream().filter(v -> !app.reads(v))
                        .forEach(v -> problems.add(where + " sets " + v + ", which " + name + " does not read"));
                app.required().stream().filter(v -> !env.containsKey(v))
                        .forEach(v -> problems.add(where + " does not set " + v + ", which " + name + " needs in a container"));
            }
        });
        return problems;
    }

    /** A one-shot job (certificates, ACLs): runs once, others wait for it to succeed, it has no health. */
    private static boolean isJob(Map<String, Object> service) {
        return "no".equals(String.valueOf(service.get("restart")));
    }

    /** depends_on as service → condition (the short list form means service_started). */
    private static Map<String, Object> dependencies(Map<String, Object> service) {
        Object d = service.get("depends_on");
        Map<String, Object> out = new LinkedHashMap<>();
        if (d instanceof List<?> l) {
            l.forEach(name -> out.put(String.valueOf(name), "service_started"));
        } else if (d instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), at(v, "condition") == null ? "service_started" : at(v, "condition")));
        }
        return out;
    }

    private static Map<String, Object> environment(Map<String, Object> service) {
        Object e = service.get("environment");
        Map<String, Object> out = new LinkedHashMap<>();
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else if (e instanceof List<?> l) {
            l.forEach(item -> {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            });
        }
        return out;
    }
}
