package io.gucun.launcher;

import io.gucun.infra.GucunPaths;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./gucun run}: starts the whole system on loopback with fixed ports, prints where everything is,
 * and stops it all on Ctrl-C. Data is kept under {@code .gucun/run/data} unless {@code --clean} is given.
 */
public final class Launcher {

    /**
     * The launcher's own Kafka admin client would otherwise print its whole configuration. Held in a field:
     * java.util.logging keeps loggers only weakly, and a collected logger forgets its level.
     */
    private static final java.util.logging.Logger KAFKA_CLIENT_LOGS = java.util.logging.Logger.getLogger("org.apache.kafka");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        KAFKA_CLIENT_LOGS.setLevel(java.util.logging.Level.WARNING);
        StackOptions options = new StackOptions(GucunPaths.root());
        try {
            parse(args, options);
        } catch (IllegalArgumentException e) {
            System.err.println("gucun run: " + e.getMessage());
            usage();
            System.exit(2);
        }
        long t0 = System.nanoTime();
        System.out.println("Starting PostgreSQL, Kafka, Keycloak, four services and the gateway on 127.0.0.1 ...");
        Stack stack = new Stack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping everything ...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "gucun-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("gucun run: " + e.getMessage());
            System.exit(1);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String demo;
        try {
            demo = DemoData.ensure(stack);
        } catch (Exception e) {
            demo = "demo organizations not created: " + e.getMessage();
        }
        // localhost, not 127.0.0.1: the console's Keycloak login redirects back to localhost.
        String gateway = stack.gatewayUrl().replace("127.0.0.1", "localhost");
        System.out.printf("""

                Gucun is ready (%d.%01d s).

                  Gateway (all APIs)   %s/api/{membership,dues,rights,outreach}/...
                  API console          %s/console/
                  Keycloak             %s  (realm "union")
                  Kafka                %s  (SASL_PLAINTEXT, SCRAM-SHA-512; passwords in %s)
                  Logs                 %s
                  Data                 %s%s
                  Demo data            %s

                Get a token (demo user admin / admin-dev) and call the API:

                  TOKEN=$(curl -s %s -d grant_type=password -d client_id=union-app \\
                            -d username=admin -d password=admin-dev | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                       -d '{"parentId":5,"name":"顾村镇园区联合工会","kind":"JOINT_AREA","areaType":"PARK"}' %s/api/membership/orgs

                Press Ctrl-C to stop.
                """,
                took.toSeconds(), took.toMillisPart() / 100,
                gateway, gateway, stack.keycloakUrl(),
                stack.kafkaBootstrapServers(), options.home.resolve("data").resolve("secrets.properties"),
                options.home.resolve("logs"), options.home.resolve("data"),
                options.clean ? " (wiped at start)" : " (kept across runs; --clean wipes it)", demo,
                stack.tokenUrl(), gateway);
        stopped.await();
    }

    static void parse(String[] args, StackOptions options) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clean" -> options.clean(true);
                case "--startup-cache" -> options.startupCache(true);
                case "--instances" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--instances needs service=N, e.g. --instances membership=2");
                    }
                    String[] kv = args[++i].split("=", 2);
                    if (kv.length != 2 || !kv[1].matches("[0-9]+")) {
                        throw new IllegalArgumentException("--instances needs service=N, e.g. --instances membership=2");
                    }
                    options.instances(kv[0], Integer.parseInt(kv[1]));
                }
                case "-h", "--help" -> {
                    usage();
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    private static void usage() {
        System.err.println("usage: ./gucun run [--clean] [--startup-cache] [--instances <membership|dues|rights|outreach>=N ...]");
        System.err.println("  --startup-cache  start the apps with the JDK's start-up cache (docs/benchmarks/footprint.md); the first"
                + " stop after a build then waits while each app writes its cache");
    }
}
