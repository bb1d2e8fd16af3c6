package io.gucun.e2e.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What environment an app reads, from its own {@code application.properties} and, for an app built on module
 * {@code common}, the defaults every service shares ({@code common/.../META-INF/microprofile-config.properties}): the {@code ${NAME:default}}
 * placeholders, and every property key under the MicroProfile Config environment rule (upper case, anything not
 * alphanumeric becomes {@code _}: {@code quarkus.oidc.auth-server-url} ← {@code QUARKUS_OIDC_AUTH_SERVER_URL}).
 */
record AppConfig(String app, Map<String, String> placeholders, Map<String, String> keys) {

    /** Read by the image's entrypoint (deploy/docker/Dockerfile.jvm), not by the app. */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND");

    /** The apps, by module directory; each module is also the Deployment's and the compose service's name. */
    static final List<String> APPS = List.of("membership-service", "dues-service", "rights-service", "outreach-service", "gateway");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    static AppConfig load(Path root, String app) {
        Properties p = new Properties();
        // every app takes module telemetry (tracing), with its defaults
        read(root.resolve("telemetry/src/main/resources/META-INF/microprofile-config.properties"), p);
        if (usesCommon(root, app)) {
            read(root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"), p);
        }
        read(root.resolve(app).resolve("src/main/resources/application.properties"), p);
        Map<String, String> placeholders = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key);
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                placeholders.put(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
            if (!key.startsWith("%")) {
                keys.put(envName(key), value);
            }
        }
        return new AppConfig(app, placeholders, keys);
    }

    private static boolean usesCommon(Path root, String app) {
        try {
            return Files.readString(root.resolve(app).resolve("pom.xml"))
                    .matches("(?s).*<groupId>io\\.gucun</groupId>\\s*<artifactId>common</artifactId>.*");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + app + "/pom.xml", e);
        }
    }

    private static void read(Path file, Properties into) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static Map<String, AppConfig> loadAll(Path root) {
        Map<String, AppConfig> m = new LinkedHashMap<>();
        APPS.forEach(app -> m.put(app, load(root, app)));
        return m;
    }

    static String envName(String propertyKey) {
        return propertyKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** Whether setting this variable changes anything in the app. */
    boolean reads(String variable) {
        return placeholders.containsKey(variable) || keys.containsKey(variable) || IMAGE_VARIABLES.contains(variable);
    }

    /**
     * Variables a container must set: placeholders with an empty default (secrets, keys) and anything whose
     * default points at the loopback address, where nothing listens inside a container or pod.
     */
    Set<String> required() {
        Set<String> out = new LinkedHashSet<>();
        // An empty default is a secret (a database password works empty only under a laptop's trust authentication).
        placeholders.forEach((name, def) -> {
            if (def.isBlank() || loopback(def)) {
                out.add(name);
            }
        });
        keys.forEach((name, value) -> {
            if (!value.contains("${") && loopback(value) && !name.startsWith("QUARKUS_HTTP_CORS")) {
                out.add(name);
            }
        });
        return out;
    }

    /** Variables whose values are secrets: they must come from a Kubernetes Secret, never a ConfigMap or a literal. */
    Set<String> secret() {
        Set<String> out = new LinkedHashSet<>();
        placeholders.forEach((name, def) -> {
            if (name.contains("PASSWORD") || name.matches("GUCUN_PII_(KEY_.*|HASH_KEY)")) {
                out.add(name);
            }
        });
        return out;
    }

    private static boolean loopback(String value) {
        return value.contains("127.0.0.1") || value.contains("localhost");
    }
}
