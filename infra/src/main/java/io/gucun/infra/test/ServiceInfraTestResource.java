package io.gucun.infra.test;

import io.gucun.infra.KafkaBroker;
import io.gucun.infra.KafkaPrincipals;
import io.gucun.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real PostgreSQL and (optionally) Kafka for a service's {@code @QuarkusTest}s, on free ports of 127.0.0.1:
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = ServiceInfraTestResource.class, initArgs = {
 *         @ResourceArg(name = ServiceInfraTestResource.DATABASE, value = "dues"),
 *         @ResourceArg(name = ServiceInfraTestResource.KAFKA, value = "true") })
 * class DuesResourceTest { ... }
 * }</pre>
 *
 * Init args: {@value #DATABASE} (required) and {@value #KAFKA} ({@code true}/{@code false}, default true). Both servers
 * use temporary data, deleted by {@link #stop()}. Kafka is secured as in a deployment (SASL/SCRAM, ACLs, see
 * {@link KafkaPrincipals}) with passwords made for this run; the service connects as the principal named like its
 * database, the test's own clients ({@link #kafkaClientProperties()}) as the super user. The service must still set
 * {@code %test.quarkus.devservices.enabled=false}: without Docker the Dev Services would fail the build before this
 * resource's configuration applies.
 */
public class ServiceInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(ServiceInfraTestResource.class.getName());

    /** Init arg: the database to create and point {@code quarkus.datasource.jdbc.url} at. */
    public static final String DATABASE = "database";
    /** Init arg: {@code "true"} (default) to start a Kafka broker too. */
    public static final String KAFKA = "kafka";

    /** Configuration keys returned by {@link #start()}. */
    public static final String JDBC_URL_KEY = "quarkus.datasource.jdbc.url";
    public static final String USERNAME_KEY = "quarkus.datasource.username";
    public static final String PASSWORD_KEY = "quarkus.datasource.password";
    public static final String KAFKA_BOOTSTRAP_KEY = "kafka.bootstrap.servers";

    /**
     * System properties mirroring the addresses. Quarkus may load this class in another class loader than the test's,
     * where the static fields below stay empty; system properties are seen by every class loader.
     */
    public static final String JDBC_URL_PROPERTY = "gucun.test.jdbc-url";
    public static final String KAFKA_BOOTSTRAP_PROPERTY = "gucun.test.kafka-bootstrap-servers";
    /** The test harness's super user and password, for {@link #kafkaClientProperties()} in any class loader. */
    public static final String KAFKA_SUPER_USER_PROPERTY = "gucun.test.kafka-super-user";
    public static final String KAFKA_SUPER_PASSWORD_PROPERTY = "gucun.test.kafka-super-password";

    private static volatile PostgresServer currentPostgres;
    private static volatile String currentJdbcUrl;
    private static volatile KafkaBroker currentKafka;

    private String database;
    private boolean withKafka = true;
    private PostgresServer postgres;
    private KafkaBroker kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the init arg '" + DATABASE
                    + "', e.g. @ResourceArg(name = \"database\", value = \"dues\")");
        }
        String kafkaArg = initArgs.getOrDefault(KAFKA, "true").trim();
        if (!kafkaArg.equalsIgnoreCase("true") && !kafkaArg.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " init arg '" + KAFKA
                    + "' must be true or false, not '" + kafkaArg + "'");
        }
        withKafka = Boolean.parseBoolean(kafkaArg);
    }

    @Override
    public Map<String, String> start() {
        if (database == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs the init arg '" + DATABASE + "'");
        }
        long started = System.nanoTime();
        Map<String, String> passwords = KafkaPrincipals.newPasswords();
        String superPassword = KafkaBroker.newPassword();
        // The broker JVM boots while PostgreSQL starts here: together they take as long as the slower one.
        CompletableFuture<KafkaBroker> kafkaStart = withKafka
                ? CompletableFuture.supplyAsync(() -> KafkaPrincipals.start(
                        KafkaBroker.builder().superUser(KafkaBroker.DEFAULT_SUPER_USER, superPassword), passwords))
                : CompletableFuture.completedFuture(null);
        try {
            postgres = PostgresServer.builder().databases(database).start();
        } catch (RuntimeException e) {
            kafkaStart.thenAccept(broker -> {
                if (broker != null) {
                    broker.close();
                }
            });
            throw e;
        }
        try {
            kafka = kafkaStart.join();
        } catch (CompletionException e) {
            postgres.close();
            postgres = null;
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }

        Map<String, String> config = new LinkedHashMap<>();
        config.put(JDBC_URL_KEY, postgres.jdbcUrl(database));
        config.put(USERNAME_KEY, postgres.username());
        config.put(PASSWORD_KEY, postgres.password());
        System.setProperty(JDBC_URL_PROPERTY, postgres.jdbcUrl(database));
        currentJdbcUrl = postgres.jdbcUrl(database);
        currentPostgres = postgres;
        if (kafka != null) {
            config.put(KAFKA_BOOTSTRAP_KEY, kafka.bootstrapServers());
            // the service's own principal, as the launcher and a deployment give it (GUCUN_KAFKA_USERNAME/PASSWORD)
            config.put("kafka.security.protocol", "SASL_PLAINTEXT");
            config.put("GUCUN_KAFKA_USERNAME", database);
            config.put("GUCUN_KAFKA_PASSWORD", passwords.getOrDefault(database, ""));
            System.setProperty(KAFKA_BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
            System.setProperty(KAFKA_SUPER_USER_PROPERTY, kafka.superUser());
            System.setProperty(KAFKA_SUPER_PASSWORD_PROPERTY, superPassword);
            currentKafka = kafka;
        }
        LOG.log(Level.INFO, "Test infrastructure up in {0,number,#} ms: {1}",
                (System.nanoTime() - started) / 1_000_000,
                config.entrySet().stream().filter(e -> !e.getKey().toLowerCase().contains("password")).toList());
        return config;
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            kafka = null;
            currentKafka = null;
            System.clearProperty(KAFKA_BOOTSTRAP_PROPERTY);
            System.clearProperty(KAFKA_SUPER_USER_PROPERTY);
            System.clearProperty(KAFKA_SUPER_PASSWORD_PROPERTY);
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                postgres = null;
                currentPostgres = null;
                currentJdbcUrl = null;
                System.clearProperty(JDBC_URL_PROPERTY);
            }
        }
    }

    /** {@code 127.0.0.1:<port>} of the running broker, e.g. for a raw consumer in a test. */
    public static String kafkaBootstrapServers() {
        KafkaBroker broker = currentKafka;
        String servers = broker != null ? broker.bootstrapServers() : System.getProperty(KAFKA_BOOTSTRAP_PROPERTY);
        if (servers == null) {
            throw new IllegalStateException("No Kafka broker is running: "
                    + ServiceInfraTestResource.class.getSimpleName()
                    + " is not active for this test, or was started with kafka=false");
        }
        return servers;
    }

    /**
     * Client settings (bootstrap servers, SASL) for the test's own producers, consumers and admin clients: the super
     * user, who may write any topic, as the producing service would, and read any topic and group.
     */
    public static Map<String, Object> kafkaClientProperties() {
        String servers = kafkaBootstrapServers();
        String user = System.getProperty(KAFKA_SUPER_USER_PROPERTY);
        String password = System.getProperty(KAFKA_SUPER_PASSWORD_PROPERTY);
        Map<String, Object> p = new HashMap<>(KafkaBroker.saslProperties(user, password, "SASL_PLAINTEXT"));
        p.put("bootstrap.servers", servers);
        return p;
    }

    /** JDBC URL of the test database (credentials: {@link PostgresServer#USERNAME}/{@link PostgresServer#PASSWORD}). */
    public static String jdbcUrl() {
        String url = currentJdbcUrl != null ? currentJdbcUrl : System.getProperty(JDBC_URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("No PostgreSQL is running: "
                    + ServiceInfraTestResource.class.getSimpleName() + " is not active for this test");
        }
        return url;
    }

    /**
     * The running PostgreSQL server, when this class was loaded by the same class loader as the one Quarkus started
     * the resource with; otherwise use {@link #jdbcUrl()}.
     */
    public static PostgresServer postgres() {
        PostgresServer server = currentPostgres;
        if (server == null) {
            throw new IllegalStateException("No PostgresServer in this class loader: use jdbcUrl() instead");
        }
        return server;
    }

    /**
     * The running broker, when this class was loaded by the same class loader as the one Quarkus started the resource
     * with; otherwise use {@link #kafkaBootstrapServers()}.
     */
    public static KafkaBroker kafka() {
        KafkaBroker broker = currentKafka;
        if (broker == null) {
            throw new IllegalStateException("No KafkaBroker in this class loader: use kafkaBootstrapServers() instead");
        }
        return broker;
    }
}
