package io.gucun.launcher;

import io.gucun.infra.KafkaBroker;
import io.gucun.infra.KafkaPrincipals;
import io.gucun.infra.LoopbackPorts;
import io.gucun.infra.PostgresServer;
import io.gucun.infra.keycloak.KeycloakServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The whole system on one machine: PostgreSQL (one database per service), a Kafka broker, Keycloak with
 * realm {@code union}, every service (N instances each) and the gateway, all on 127.0.0.1.
 */
public final class Stack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("membership", "dues", "rights", "outreach");

    private final StackOptions options;
    private final Path logs;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private final Map<String, List<AppProcess>> services = new LinkedHashMap<>();
    private AppProcess gateway;
    /** Apps started on top of the stack for same-run comparisons (benchmarks), by name. */
    private final Map<String, AppProcess> extras = new LinkedHashMap<>();
    private Map<String, String> secrets;
    private int gatewayPort;

    public Stack(StackOptions options) {
        this.options = options;
        this.logs = options.home.resolve("logs");
    }

    /** Starts everything and returns once every app reports ready; on any failure stops what started and throws. */
    public Stack start() throws Exception {
        checkFixedPortsFree();
        try {
            Files.createDirectories(logs);
            Path data = options.home.resolve("data");
            secrets = secrets(data);
            var pg = CompletableFuture.supplyAsync(() -> PostgresServer.builder()
                    .port(options.port(StackOptions.POSTGRES_PORT))
                    .dataDirectory(data.resolve("postgres"))
                    .startupTimeout(options.appReady)
                    .clean(options.clean)
                    .startupTimeout(options.appReady)
                    .databases(SERVICES)
                    .start());
            var broker = CompletableFuture.supplyAsync(() -> KafkaPrincipals.start(kafkaWithSuperUser()
                    .port(options.port(StackOptions.KAFKA_PORT))
                    .controllerPort(options.port(StackOptions.KAFKA_CONTROLLER_PORT))
                    .dataDirectory(data.resolve("kafka"))
                    .startupTimeout(options.appReady)
                    .clean(options.clean)
                    // as long as an app may take: the broker's 60 s and Keycloak's 180 s ran out with the machine at load 30
                    .startupTimeout(options.appReady), kafkaPasswords()));
            var kc = CompletableFuture.supplyAsync(() -> KeycloakServer.builder()
                    .home(data.resolve("keycloak"))
                    .httpPort(options.port(StackOptions.KEYCLOAK_PORT))
                    .managementPort(options.port(StackOptions.KEYCLOAK_MANAGEMENT_PORT))
                    // as long as each app may take: on a loaded 2-core machine Keycloak has needed more than 180 s
                    // and Kafka more than 60 s (their own defaults), PostgreSQL likewise
                    .startupTimeout(options.appReady)
                    .clean(options.clean)
                    .startupTimeout(options.appReady)
                    .start());
            // Wait for all three before judging, so a failure of one never leaves another running unowned.
            postgres = settle(pg);
            kafka = settle(broker);
            keycloak = settle(kc);
            for (CompletableFuture<?> f : List.of(pg, broker, kc)) {
                join(f);
            }

            // The gateway's port is fixed before the services start: outreach-service calls membership through it.
            gatewayPort = options.fixedPorts ? StackOptions.GATEWAY_PORT : LoopbackPorts.free();
            List<AppProcess> started = new ArrayList<>();
            for (int i = 0; i < SERVICES.size(); i++) {
                String service = SERVICES.get(i);
                List<AppProcess> instances = new ArrayList<>();
                for (int n = 0; n < options.instances.get(service); n++) {
                    int port = options.fixedPorts ? StackOptions.FIRST_SERVICE_PORT + i + 10 * n : LoopbackPorts.free();
                    String name = service + "-service" + (n == 0 ? "" : "-" + (n + 1));
                    AppProcess app = AppProcess.start(name, runJar(service + "-service"), port,
                            withSpanFile(serviceProperties(service, secrets, gatewayPort), name), logs,
                            appOptions(service + "-service"));
                    instances.add(app);
                    started.add(app);
                }
                services.put(service, instances);
            }
            for (AppProcess app : started) {
                app.awaitReady(options.appReady);
            }
            gateway = AppProcess.start("gateway", runJar("gateway"), gatewayPort,
                    withSpanFile(gatewayProperties(), "gateway"), logs, appOptions("gateway"));
            gateway.awaitReady(options.appReady);
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** An app started beside the stack, e.g. to compare two builds or two sets of JVM options in one run. */
    public record Extra(String name, String url, long pid, Duration ready) {
    }

    /** Starts one more instance of a service (not behind the gateway) with the given JVM options, on a free port. */
    public Extra startExtraService(String service, String name, List<String> jvmOptions) throws Exception {
        return startExtra(name, runJar(service + "-service"), serviceProperties(service, secrets, gatewayPort), jvmOptions);
    }

    private Extra startExtra(String name, Path jar, Map<String, String> properties, List<String> jvmOptions)
            throws Exception {
        if (extras.containsKey(name)) {
            throw new IllegalArgumentException(name + " is already running");
        }
        AppProcess app = AppProcess.start(name, jar, LoopbackPorts.free(), properties, logs, jvmOptions);
        extras.put(name, app);
        app.awaitReady(options.appReady);
        return new Extra(name, app.url(), app.pid(), app.ready());
    }

    /** Stops an app started by {@link #startExtraService}. */
    public void stopExtra(String name) {
        AppProcess app = extras.remove(name);
        if (app != null) {
            app.close();
        }
    }

    private void checkFixedPortsFree() {
        if (!options.fixedPorts) {
            return;
        }
        LoopbackPorts.resolve(StackOptions.GATEWAY_PORT, "gateway");
        for (int i = 0; i < SERVICES.size(); i++) {
            for (int n = 0; n < options.instances.get(SERVICES.get(i)); n++) {
                LoopbackPorts.resolve(StackOptions.FIRST_SERVICE_PORT + i + 10 * n, SERVICES.get(i) + "-service");
            }
        }
        LoopbackPorts.resolve(StackOptions.KEYCLOAK_PORT, "Keycloak");
        LoopbackPorts.resolve(StackOptions.KEYCLOAK_MANAGEMENT_PORT, "Keycloak management");
        LoopbackPorts.resolve(StackOptions.KAFKA_PORT, "Kafka");
        LoopbackPorts.resolve(StackOptions.KAFKA_CONTROLLER_PORT, "Kafka controller");
        LoopbackPorts.resolve(StackOptions.POSTGRES_PORT, "PostgreSQL");
    }

    private Map<String, String> serviceProperties(String service, Map<String, String> secrets, int gatewayPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(service));
        p.put("quarkus.datasource.username", postgres.username());
        p.put("quarkus.datasource.password", postgres.password());
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // its own Kafka principal (ACLs: it writes only its own topics), on the loopback listener without TLS
        p.put("GUCUN_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        p.put("GUCUN_KAFKA_USERNAME", service);
        p.put("GUCUN_KAFKA_PASSWORD", secrets.get(KAFKA_PASSWORD + service));
        p.put("quarkus.oidc.auth-server-url", keycloak.issuerUrl());
        p.put("quarkus.log.console.json.enabled", "false");
        // a developer machine: partners may try their webhook receiver on loopback over plain http
        p.put("gucun.webhooks.allow-loopback-http", "true");
        // rights encrypts the partners' webhook secrets with the same installation key
        if (service.equals("membership") || service.equals("outreach") || service.equals("rights")) {
            p.put("gucun.pii.keys.k1", secrets.get("pii-key-k1"));
            p.put("gucun.pii.active-key", "k1");
        }
        if (service.equals("membership") || service.equals("outreach")) {
            // the root of the keyed hashes (docs/partners/keys.md): only where hashes are made
            p.put("gucun.pii.hash-key", secrets.get("pii-hash-key"));
        }
        if (service.equals("outreach")) {
            p.put("gucun.membership.url", "http://127.0.0.1:" + gatewayPort);
            // partner files wait here for their import: with the rest of the installation's data, not in /tmp
            p.put("gucun.outreach.import.directory", options.home.resolve("data").resolve("outreach-imports").toString());
        }
        return p;
    }

    /** Where the apps keep their recent spans, one file per app instance, for {@code ./gucun trace}. */
    public Path spanDirectory() {
        return spanDirectory(options.home);
    }

    /** The span directory of the installation at {@code home} ({@code .gucun/run} for {@code ./gucun run}). */
    public static Path spanDirectory(Path home) {
        return home.resolve("data").resolve("traces");
    }

    /** No collector runs locally: each app writes its finished spans to a bounded file of its own instead. */
    private Map<String, String> withSpanFile(Map<String, String> properties, String instance) {
        properties.put("gucun.tracing.span-directory", spanDirectory().toString());
        properties.put("gucun.tracing.instance", instance);
        return properties;
    }

    private Map<String, String> gatewayProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        services.forEach((service, instances) -> p.put("gucun.gateway.routes." + service + ".upstreams",
                instances.stream().map(AppProcess::url).collect(Collectors.joining(","))));
        p.put("quarkus.oidc.auth-server-url", keycloak.issuerUrl());
        p.put("quarkus.log.console.json.enabled", "false");
        p.putAll(options.gatewayProperties);
        return p;
    }

    private static final String KAFKA_PASSWORD = "kafka-password-";
    private static final String KAFKA_SUPER_USER = "kafka-super-user";

    private KafkaBroker.Builder kafkaWithSuperUser() {
        return KafkaBroker.builder().superUser(KafkaBroker.DEFAULT_SUPER_USER, secrets.get(KAFKA_PASSWORD + KAFKA_SUPER_USER));
    }

    private Map<String, String> kafkaPasswords() {
        Map<String, String> m = new LinkedHashMap<>();
        SERVICES.forEach(s -> m.put(s, secrets.get(KAFKA_PASSWORD + s)));
        return m;
    }

    /**
     * Personal-data keys and Kafka passwords for this installation, made once and kept beside the data they protect, so
     * a restart can still read what was written and log in to the broker its storage was formatted for. They never
     * enter the repository (.gucun/ is ignored); {@code --clean} makes new ones.
     */
    private Map<String, String> secrets(Path data) throws IOException {
        Path file = data.resolve("secrets.properties");
        if (options.clean) {
            Files.deleteIfExists(file);
        }
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        } else {
            SecureRandom random = new SecureRandom();
            for (String name : List.of("pii-key-k1", "pii-hash-key")) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                props.setProperty(name, Base64.getEncoder().encodeToString(key));
            }
        }
        // also for an installation made before Kafka had users (its broker storage then needs one --clean)
        boolean added = false;
        for (String user : kafkaUsers()) {
            if (props.getProperty(KAFKA_PASSWORD + user) == null) {
                props.setProperty(KAFKA_PASSWORD + user, KafkaBroker.newPassword());
                added = true;
            }
        }
        if (added) {
            Files.createDirectories(data);
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Generated personal-data keys and Kafka passwords for this local installation;"
                        + " losing the keys makes stored ID numbers unreadable");
            }
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        Map<String, String> m = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
        return m;
    }

    private static List<String> kafkaUsers() {
        List<String> users = new ArrayList<>(SERVICES);
        users.add(KAFKA_SUPER_USER);
        return users;
    }

    private List<String> appOptions(String module) {
        return options.startupCache ? JvmOptions.forApp("256m", runJar(module).getParent()) : JvmOptions.forApp("256m");
    }

    /**
     * Whether a start with the start-up cache would train it first (after a build): a training run is slower, so a
     * measurement starts the stack once beforehand.
     */
    public static boolean startupCachesUntrained(Path root) {
        List<String> modules = new ArrayList<>(SERVICES.stream().map(s -> s + "-service").toList());
        modules.add("gateway");
        return modules.stream().anyMatch(m -> JvmOptions.needsTraining(root.resolve(m).resolve("target/quarkus-app")));
    }

    private Path runJar(String module) {
        return options.root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static <T> T settle(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloak.httpPort();
    }

    public String tokenUrl() {
        return keycloak.tokenUrl();
    }

    /** Everything this installation writes: data of every server, logs, partner files. */
    public Path home() {
        return options.home;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Client settings for a tool or test beside the stack: bootstrap servers and the super user's SASL login (it may
     * read and write everything), plus {@code extra}.
     */
    public Map<String, Object> kafkaClientProperties(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(kafka.superUserProperties());
        p.putAll(extra);
        return p;
    }

    public String jdbcUrl(String service) {
        return postgres.jdbcUrl(service);
    }

    public List<String> serviceUrls(String service) {
        return services.get(service).stream().map(AppProcess::url).toList();
    }

    /** name → how long each app took from its start to its first ready answer (started concurrently), for reports. */
    public Map<String, Duration> readyTimes() {
        Map<String, Duration> m = new LinkedHashMap<>();
        services.values().forEach(list -> list.forEach(a -> m.put(a.name, a.ready())));
        if (gateway != null) {
            m.put("gateway", gateway.ready());
        }
        return m;
    }

    /** name → pid of every process the stack runs, for reports. */
    public Map<String, Long> pids() {
        Map<String, Long> m = new LinkedHashMap<>();
        services.values().forEach(list -> list.forEach(a -> m.put(a.name, a.pid())));
        if (gateway != null) {
            m.put("gateway", gateway.pid());
        }
        return m;
    }

    // --- fault injection: what the fault suite (e2e's FaultsIT) does to a running stack ---------------------------

    /** Names of the running service instances, e.g. {@code membership-service}, {@code membership-service-2}. */
    public List<String> instanceNames() {
        return services.values().stream().flatMap(List::stream).map(a -> a.name).toList();
    }

    /** The base URL of one instance, e.g. for its {@code /q/health/ready}. */
    public String instanceUrl(String instance) {
        return instance(instance).url();
    }

    /** {@code kill -9} of one service instance; returns its pid once it is gone. Its port stays in the gateway's routes. */
    public synchronized long kill(String instance) {
        AppProcess app = instance(instance);
        long pid = app.pid();
        app.kill();
        return pid;
    }

    /**
     * Starts a killed instance again on its port with its configuration (the gateway finds it there again) and returns
     * once it reports ready.
     */
    public void restart(String instance) throws IOException, InterruptedException {
        AppProcess again;
        synchronized (this) {
            AppProcess app = instance(instance);
            again = app.startAgain();
            services.values().forEach(list -> list.replaceAll(a -> a == app ? again : a));
        }
        again.awaitReady(options.appReady);
    }

    /** Stops the Kafka broker (controlled shutdown); its data and ports are kept for {@link #startKafka()}. */
    public synchronized void stopKafka() {
        kafka.close();
    }

    /** Starts the Kafka broker again on the same ports with the same data (topics, offsets, consumer groups). */
    public synchronized void startKafka() {
        if (kafka.isAlive()) {
            throw new IllegalStateException("Kafka is running: " + kafka);
        }
        kafka = kafkaWithSuperUser().port(kafka.port()).controllerPort(kafka.controllerPort())
                .dataDirectory(kafka.dataDirectory()).clean(false).startupTimeout(options.appReady).start();
    }

    /** Stops PostgreSQL (fast shutdown: open connections are cut); its data and port are kept for {@link #startPostgres()}. */
    public synchronized void stopPostgres() {
        postgres.close();
    }

    /** Starts PostgreSQL again on the same port with the same data. */
    public synchronized void startPostgres() {
        postgres = PostgresServer.builder().port(postgres.port()).dataDirectory(postgres.dataDirectory()).clean(false)
                .startupTimeout(options.appReady).databases(SERVICES).start();
    }

    private AppProcess instance(String name) {
        return services.values().stream().flatMap(List::stream).filter(a -> a.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance '" + name + "'; running: " + instanceNames()));
    }

    /** Stops apps first (so they flush and close connections), then Keycloak, Kafka and PostgreSQL. */
    @Override
    public void close() {
        extras.values().forEach(AppProcess::close);
        extras.clear();
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        services.values().forEach(list -> list.forEach(AppProcess::close));
        services.clear();
        closeQuietly(keycloak);
        keycloak = null;
        closeQuietly(kafka);
        kafka = null;
        closeQuietly(postgres);
        postgres = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("while stopping " + c + ": " + e);
        }
    }
}
