package io.gucun.e2e;

import io.gucun.infra.GucunPaths;
import io.gucun.launcher.DemoData;
import io.gucun.launcher.Stack;
import io.gucun.launcher.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real stack (PostgreSQL, Kafka, Keycloak, every service, the gateway on free ports) shared by every end-to-end
 * test class of the run: starting it takes a minute, so it starts once and stops when JUnit closes its root store.
 * Test classes use {@code @ExtendWith(RealStack.class)} and take an {@link Api} or the {@link Stack} as a parameter.
 */
public final class RealStack implements BeforeAllCallback, ParameterResolver {

    private static final String GATEWAY_PREFIX = "gucun.e2e.gateway.";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealStack.class);

    /** Closed by JUnit when the root store closes, after the last test class. */
    private record Running(Stack stack, Api api) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        /** Stops the stack and deletes its data (a few hundred MB); the logs stay for a look after a failure. */
        @Override
        public void close() {
            stack.close();
            try (Stream<Path> walk = Files.walk(stack.home().resolve("data"))) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete the e2e stack's data: " + e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Running.class, k -> {
            try {
                // The suites call as a handful of demo users and partner clients far faster than real ones would; the
                // limits themselves are tested in the gateway's own tests.
                StackOptions options = StackOptions.ephemeral(GucunPaths.root(), Files.createTempDirectory("gucun-e2e"))
                        .gatewayProperty("gucun.gateway.rate-limit.enabled", "false");
                // Experiments, e.g. -Dgucun.e2e.gateway.quarkus.log.console.async=true for a benchmark run
                System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(GATEWAY_PREFIX))
                        .forEach(key -> options.gatewayProperty(key.substring(GATEWAY_PREFIX.length()), System.getProperty(key)));
                Stack stack = new Stack(options).start();
                // The demo orgs 2..5 the realm's demo users are scoped to (officer.gucun: 1.3.4.5, officer.beijing: 1.2).
                String demo = DemoData.ensure(stack);
                if (!demo.startsWith("demo organizations created")) {
                    stack.close();
                    throw new IllegalStateException(demo);
                }
                return new Running(stack, new Api(stack));
            } catch (Exception e) {
                throw new IllegalStateException("the real stack did not start", e);
            }
        }, Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == Api.class || type == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Running r = running(c);
        return p.getParameter().getType() == Api.class ? r.api() : r.stack();
    }
}
