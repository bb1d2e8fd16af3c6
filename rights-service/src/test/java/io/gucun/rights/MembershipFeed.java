package io.gucun.rights;

import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Plays membership-service in tests: publishes its org and enterprise events (CloudEvents, binary mode) to the real
 * Kafka broker and waits until rights-service's consumers have applied them. Ids are unique per test run.
 */
public final class MembershipFeed {

    private static final AtomicLong IDS = new AtomicLong(1000 + (System.nanoTime() % 1000) * 1000);

    private MembershipFeed() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** Publishes OrgCreated under {@code parentPath} and waits until it is known; returns the new org's path. */
    public static String org(String parentPath, String kind, String name) {
        long id = nextId();
        long parentId = Long.parseLong(parentPath.substring(parentPath.lastIndexOf('.') + 1));
        String path = parentPath + "." + id;
        send("membership.org.v1", String.valueOf(id), UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated",
                "{\"orgId\":" + id + ",\"parentId\":" + parentId + ",\"path\":\"" + path + "\",\"name\":\"" + name
                        + "\",\"kind\":\"" + kind + "\",\"regionCode\":\"310113\"}");
        await(() -> QuarkusTransaction.requiringNew().call(() -> KnownOrg.findById(id) != null));
        return path;
    }

    /** A minimal tree: district → town → park joint union → enterprise union, with one enterprise under the park. */
    public record Tree(String district, String town, String park, String enterpriseUnion, String creditCode, long enterpriseId) {
        public long townId() {
            return idOf(town);
        }

        public long parkId() {
            return idOf(park);
        }

        public long districtId() {
            return idOf(district);
        }

        public long enterpriseUnionId() {
            return idOf(enterpriseUnion);
        }
    }

    public static Tree tree() {
        String district = org("1", "DISTRICT", "宝山区总工会");
        String town = org(district, "TOWN", "顾村镇总工会");
        String park = org(town, "JOINT_AREA", "顾村镇园区联合工会");
        String enterpriseUnion = org(park, "ENTERPRISE", "某企业工会");
        String code = creditCode(nextId());
        long enterpriseId = enterprise(code, "上海顾村精密机械有限公司", park);
        return new Tree(district, town, park, enterpriseUnion, code, enterpriseId);
    }

    /** Publishes EnterpriseRegistered under the org at {@code orgPath} and waits until it is known. */
    public static long enterprise(String creditCode, String name, String orgPath) {
        long id = nextId();
        send("membership.enterprise.v1", String.valueOf(id), UUID.randomUUID().toString(),
                "io.gucun.membership.EnterpriseRegistered",
                "{\"enterpriseId\":" + id + ",\"creditCode\":\"" + creditCode + "\",\"name\":\"" + name + "\",\"orgId\":"
                        + idOf(orgPath) + ",\"orgPath\":\"" + orgPath + "\",\"employeeCount\":86,\"futureField\":1}");
        await(() -> QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.findById(id) != null));
        return id;
    }

    public static long idOf(String path) {
        return Long.parseLong(path.substring(path.lastIndexOf('.') + 1));
    }

    /** A valid Unified Social Credit Code (GB 32100) built from {@code n}: both check characters computed. */
    public static String creditCode(long n) {
        return TestIds.creditCode(n);
    }

    public static void send(String topic, String key, String id, String type, String data) {
        KafkaEvents.send(topic, key, id, type, data);
    }

    public static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("condition not met within 30 s");
    }
}
