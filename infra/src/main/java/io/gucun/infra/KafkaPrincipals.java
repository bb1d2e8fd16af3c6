package io.gucun.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who may do what on Gucun's Kafka: one principal per service ({@code User:<service>}), whose ACLs let it
 * <ul>
 *   <li>write, read and create only its own topics, all named {@code <service>.}: the events it publishes
 *       ({@code <service>.<aggregate>.v1}, see event-contracts' EventCatalog) and its consumers' dead-letter and replay
 *       topics ({@code <service>.<channel>.dlq}, {@code <service>.<channel>.replay});</li>
 *   <li>read the other services' topics it consumes ({@link #READS});</li>
 *   <li>use the consumer groups named after it ({@code <service>-...}: {@code dues-service},
 *       {@code dues-dead-letter-replay}).</li>
 * </ul>
 * The local launcher and the tests apply exactly these; {@code deploy/kafka/acls.sh} applies the same to a cluster
 * (KafkaPrincipalsTest checks that it does, and that {@link #READS} covers every topic the services subscribe to).
 */
public final class KafkaPrincipals {

    public static final List<String> SERVICES = List.of("membership", "dues", "rights", "outreach");

    /** Service → the other services' topics it consumes. */
    public static final Map<String, List<String>> READS = readsTable();

    private static final long WAIT_SECONDS = 30;

    private KafkaPrincipals() {
    }

    private static Map<String, List<String>> readsTable() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("membership", List.of());
        m.put("dues", List.of("membership.org.v1", "membership.enterprise.v1", "membership.member.v1",
                "membership.card.v1", "membership.assessment.v1"));
        m.put("rights", List.of("membership.org.v1", "membership.enterprise.v1"));
        m.put("outreach", List.of("membership.org.v1", "membership.enterprise.v1", "membership.member.v1",
                "membership.appointment.v1", "dues.collection.v1"));
        return Map.copyOf(m);
    }

    /** The ACL bindings of one service's principal. */
    public static List<AclBinding> bindings(String service) {
        if (!READS.containsKey(service)) {
            throw new IllegalArgumentException("not a Gucun service: " + service + " (known: " + SERVICES + ")");
        }
        String principal = "User:" + service;
        List<AclBinding> out = new ArrayList<>();
        ResourcePattern own = new ResourcePattern(ResourceType.TOPIC, service + ".", PatternType.PREFIXED);
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE)) {
            out.add(allow(own, principal, op));
        }
        for (String topic : READS.get(service)) {
            ResourcePattern theirs = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            out.add(allow(theirs, principal, AclOperation.READ));
            out.add(allow(theirs, principal, AclOperation.DESCRIBE));
        }
        ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, service + "-", PatternType.PREFIXED);
        out.add(allow(groups, principal, AclOperation.READ));
        out.add(allow(groups, principal, AclOperation.DESCRIBE));
        return out;
    }

    /** A new random password per service, for a run of the tests or a new local installation. */
    public static Map<String, String> newPasswords() {
        Map<String, String> m = new LinkedHashMap<>();
        SERVICES.forEach(s -> m.put(s, KafkaBroker.newPassword()));
        return m;
    }

    /**
     * Starts {@code broker} with one SCRAM user per service ({@code passwords}: service → password) and their ACLs.
     * A failure to grant stops the broker again.
     */
    public static KafkaBroker start(KafkaBroker.Builder broker, Map<String, String> passwords) {
        SERVICES.forEach(s -> broker.user(s, requirePassword(passwords, s)));
        KafkaBroker started = broker.start();
        try (Admin admin = Admin.create(started.superUserProperties())) {
            grant(admin);
            createReadTopics(admin);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static String requirePassword(Map<String, String> passwords, String service) {
        String password = passwords.get(service);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("no Kafka password for " + service);
        }
        return password;
    }

    /**
     * Creates every service's ACLs through {@code admin} (a super user) and returns once the broker enforces them, so a
     * service started next is never refused a write it is allowed (the outbox would park the event).
     */
    public static void grant(Admin admin) {
        List<AclBinding> all = new ArrayList<>();
        SERVICES.forEach(s -> all.addAll(bindings(s)));
        try {
            admin.createAcls(all).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                Collection<AclBinding> seen = admin.describeAcls(AclBindingFilter.ANY).values()
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                Set<AclBinding> missing = new HashSet<>(all);
                missing.removeAll(seen);
                if (missing.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka does not show " + missing.size() + " ACLs after "
                            + WAIT_SECONDS + " s, e.g. " + missing.iterator().next());
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while granting Kafka ACLs", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot grant the services' Kafka ACLs: " + e, e);
        }
    }

    /**
     * Creates the topics some service reads from another, with the broker's defaults: a consumer may describe and read
     * them but not create them, and a subscription to a topic that does not exist yet would be refused (a consumer's
     * metadata request asks to auto-create it). A deployment creates every topic beforehand (docs/operations.md).
     */
    static void createReadTopics(Admin admin) {
        Set<String> topics = new TreeSet<>();
        READS.values().forEach(topics::addAll);
        List<NewTopic> missing = new ArrayList<>();
        topics.forEach(t -> missing.add(new NewTopic(t, Optional.empty(), Optional.empty())));
        admin.createTopics(missing).values().forEach((topic, created) -> {
            try {
                created.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + topic, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + topic + " within " + WAIT_SECONDS + " s", e);
            }
        });
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation op) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
