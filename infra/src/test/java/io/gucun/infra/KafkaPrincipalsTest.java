package io.gucun.infra;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACL table against what the services really subscribe to, and against the deployment's ACL script. */
class KafkaPrincipalsTest {

    private static final String INCOMING = "mp.messaging.incoming.";

    @Test
    void everyTopicAServiceSubscribesToIsItsOwnOrOneItMayRead() throws IOException {
        for (String service : KafkaPrincipals.SERVICES) {
            Properties p = properties(service);
            List<String> problems = new ArrayList<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(INCOMING) && key.endsWith(".topics")) {
                    for (String topic : p.getProperty(key).split("\\s*,\\s*")) {
                        if (!topic.startsWith(service + ".") && !KafkaPrincipals.READS.get(service).contains(topic)) {
                            problems.add(service + " subscribes to " + topic + " (" + key + ") but may not read it");
                        }
                    }
                }
                if (key.startsWith(INCOMING) && key.endsWith(".group.id")
                        && !p.getProperty(key).startsWith(service + "-")) {
                    problems.add(service + "'s group " + p.getProperty(key) + " is not named " + service + "-...");
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void aServiceWritesOnlyTopicsNamedAfterIt() {
        for (String service : KafkaPrincipals.SERVICES) {
            for (AclBinding b : KafkaPrincipals.bindings(service)) {
                assertThat(b.entry().principal()).isEqualTo("User:" + service);
                if (b.entry().operation() == AclOperation.WRITE || b.entry().operation() == AclOperation.CREATE) {
                    assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
                    assertThat(b.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                    assertThat(b.pattern().name()).isEqualTo(service + ".");
                }
            }
        }
    }

    @Test
    void theDeploymentsAclScriptGrantsTheSame() throws IOException {
        String script = Files.readString(GucunPaths.root().resolve("deploy/kafka/acls.sh"));
        long grants = script.lines().filter(l -> l.startsWith("allow ")).count();
        assertThat(grants).as("grants in deploy/kafka/acls.sh")
                .isEqualTo(KafkaPrincipals.SERVICES.stream().mapToLong(s -> KafkaPrincipals.bindings(s).size()).sum());
        for (String service : KafkaPrincipals.SERVICES) {
            for (AclBinding b : KafkaPrincipals.bindings(service)) {
                String line = "allow " + service + " " + b.pattern().resourceType().name().toLowerCase() + " "
                        + b.pattern().patternType().name().toLowerCase() + " " + b.pattern().name() + " "
                        + b.entry().operation().name().toLowerCase();
                assertThat(script).as("deploy/kafka/acls.sh grants " + b).contains(line);
            }
        }
    }

    private static Properties properties(String service) throws IOException {
        Path file = GucunPaths.root().resolve(service + "-service/src/main/resources/application.properties");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }
}
