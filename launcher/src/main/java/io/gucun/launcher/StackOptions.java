package io.gucun.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run the stack: where its data lives, whether to wipe it, the instances per service, and
 * whether ports are the documented fixed ones (local run) or free ones (tests).
 */
public final class StackOptions {

    public static final int GATEWAY_PORT = 8080;
    /** membership 8081, dues 8082, rights 8083, outreach 8084; a second instance adds 10 (8091, ...). */
    public static final int FIRST_SERVICE_PORT = 8081;
    public static final int KEYCLOAK_PORT = 8180;
    public static final int KEYCLOAK_MANAGEMENT_PORT = 8190;
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int POSTGRES_PORT = 15432;

    Path root;
    Path home;
    boolean clean;
    boolean fixedPorts = true;
    /** Generous: on a 2-core machine shared with other builds an app has been seen to need more than 120 s to boot. */
    java.time.Duration appReady = java.time.Duration.ofSeconds(300);
    /**
     * Whether apps start with the JDK's start-up cache (JvmOptions.forApp with the app's folder). Opt-in
     * ({@code ./gucun run --startup-cache}, the benchmarks): the first stop after a build waits while each app writes
     * its cache, and on this machine kind the cache moved start time by less than the noise (docs/benchmarks/footprint.md).
     */
    boolean startupCache = false;
    final Map<String, Integer> instances = new LinkedHashMap<>();
    final Map<String, String> gatewayProperties = new LinkedHashMap<>();

    public StackOptions(Path root) {
        this.root = root;
        this.home = root.resolve(".gucun").resolve("run");
        for (String s : Stack.SERVICES) {
            instances.put(s, 1);
        }
    }

    /** For tests: a throwaway home and free ports. */
    public static StackOptions ephemeral(Path root, Path home) {
        StackOptions o = new StackOptions(root);
        o.home = home;
        o.clean = true;
        o.fixedPorts = false;
        o.startupCache = false;
        return o;
    }

    public StackOptions clean(boolean clean) {
        this.clean = clean;
        return this;
    }

    public StackOptions instances(String service, int count) {
        if (!instances.containsKey(service)) {
            throw new IllegalArgumentException("unknown service '" + service + "'; one of " + instances.keySet());
        }
        if (count < 1 || count > 5) {
            throw new IllegalArgumentException("instances of " + service + " must be 1 to 5, not " + count);
        }
        instances.put(service, count);
        return this;
    }

    /** With or without the JDK's start-up cache (AOT cache / AppCDS), see {@link JvmOptions#forApp(String, Path)}. */
    public StackOptions startupCache(boolean on) {
        this.startupCache = on;
        return this;
    }

    /** A configuration property for the gateway on top of its application.properties (e.g. a rate limit). */
    public StackOptions gatewayProperty(String key, String value) {
        gatewayProperties.put(key, value);
        return this;
    }

    /** How long each app may take to report ready (longer on a loaded machine, e.g. for many instances). */
    public StackOptions appReady(java.time.Duration timeout) {
        this.appReady = timeout;
        return this;
    }

    int port(int fixed) {
        return fixedPorts ? fixed : 0;
    }
}
