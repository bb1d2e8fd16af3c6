package io.gucun.infra;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Entry point of the broker's child JVM (see {@link KafkaBroker}).
 *
 * <p>Arguments: {@code <parent-pid> <server.properties> [<cluster-id>]}. With a cluster id it first formats the
 * storage with {@code kafka.tools.StorageTool} in this same JVM (a separate JVM for that would cost seconds). It ends
 * the JVM as soon as the parent process is gone: the parent's shutdown hook covers normal exits, this also covers a
 * parent killed with SIGKILL, where no hook runs, so no broker is left orphaned.
 *
 * <p>The build copies this class alone into {@code target/kafka-libs/launcher}, and it is also in the infra jar, which
 * services load without Kafka's jars: so it reaches Kafka only by reflection and uses nothing else but the JDK.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: KafkaBrokerMain <parent-pid> <server.properties> [<cluster-id to format with>]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        String config = args[1];
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            System.err.println("KafkaBrokerMain: parent process " + parentPid + " is already gone; not starting");
            System.exit(1);
        }
        // System.exit runs Kafka's own shutdown hook, so the broker still shuts down cleanly.
        parent.get().onExit().thenRun(() -> {
            System.err.println("KafkaBrokerMain: parent process " + parentPid + " exited; shutting down");
            System.exit(0);
        });

        if (args.length == 3) {
            String[] format = {"format", "-t", args[2], "-c", config};
            int exitCode = (int) invoke("kafka.tools.StorageTool", "execute",
                    new Class<?>[] {String[].class, PrintStream.class}, format, System.out);
            if (exitCode != 0) {
                System.err.println("KafkaBrokerMain: kafka-storage format failed with exit code " + exitCode);
                System.exit(exitCode);
            }
        }
        invoke("kafka.Kafka", "main", new Class<?>[] {String[].class}, (Object) new String[] {config});
    }

    private static Object invoke(String className, String method, Class<?>[] types, Object... args) throws Throwable {
        try {
            return Class.forName(className).getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
