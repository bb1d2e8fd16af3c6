package io.gucun.outreach;

import io.gucun.testsupport.KafkaEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes membership-service's events to the real test broker the way its outbox relay does (CloudEvents binary
 * headers, JSON value), so outreach's consumers are exercised end to end.
 */
public final class MembershipFeed {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private MembershipFeed() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** Publishes a membership event as its outbox relay would; returns the event id. */
    public static String publish(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        republish(topic, key, type, json, id);
        return id;
    }

    /** Publishes with a given event id (to test redelivery). */
    public static void republish(String topic, String key, String type, String json, String id) {
        KafkaEvents.send(topic, key, id, "io.gucun.membership." + type, json);
    }

    public static void orgCreated(long id, Long parentId, String path, String kind) {
        publish("membership.org.v1", String.valueOf(id), "OrgCreated", """
                {"orgId": %d, "parentId": %s, "path": "%s", "name": "org %d", "kind": "%s", "regionCode": "310113"}"""
                .formatted(id, parentId, path, id, kind));
    }

    public static void enterpriseRegistered(long id, String creditCode, long orgId, String orgPath, int employees,
                                            String establishedOn, String grid) {
        publish("membership.enterprise.v1", String.valueOf(id), "EnterpriseRegistered", """
                {"enterpriseId": %d, "creditCode": "%s", "name": "企业 %d", "orgId": %d, "orgPath": "%s",
                 "employeeCount": %d, "establishedOn": "%s", "gridCode": "%s"}"""
                .formatted(id, creditCode, id, orgId, orgPath, employees, establishedOn, grid));
    }

    public static void unionFounded(long enterpriseId, String creditCode, long unionOrgId, String orgPath) {
        publish("membership.enterprise.v1", String.valueOf(enterpriseId), "UnionFounded", """
                {"enterpriseId": %d, "creditCode": "%s", "unionOrgId": %d, "orgPath": "%s", "foundedAt": "%s"}"""
                .formatted(enterpriseId, creditCode, unionOrgId, orgPath, Instant.now()));
    }

    public static void memberJoined(long memberId, long orgId, String orgPath, String via) {
        publish("membership.member.v1", String.valueOf(memberId), "MemberJoined", """
                {"memberId": %d, "orgId": %d, "orgPath": "%s", "joinedAt": "%s", "via": "%s"}"""
                .formatted(memberId, orgId, orgPath, Instant.now(), via));
    }

    /** MemberJoined as membership publishes it now: with the member's ID-number index under key {@code version}. */
    public static void memberJoined(long memberId, long orgId, String orgPath, String idNumberHash, int version) {
        publish("membership.member.v1", String.valueOf(memberId), "MemberJoined", """
                {"memberId": %d, "orgId": %d, "orgPath": "%s", "joinedAt": "%s", "via": "ON_SITE", "idNumberHash": "%s",
                 "idNumberHashVersion": %d}""".formatted(memberId, orgId, orgPath, Instant.now(), idNumberHash, version));
    }

    public static void memberLeft(long memberId, long orgId, String reason, String idNumberHash, int version) {
        publish("membership.member.v1", String.valueOf(memberId), "MemberLeft", """
                {"memberId": %d, "orgId": %d, "reason": "%s", "at": "%s", "idNumberHash": "%s", "idNumberHashVersion": %d}"""
                .formatted(memberId, orgId, reason, Instant.now(), idNumberHash, version));
    }

    /** The re-hash job's (or publishAll's) event: the member's ID-number index as it is now. */
    public static void memberIdNumberIndexed(long memberId, String idNumberHash, int version) {
        publish("membership.member.v1", String.valueOf(memberId), "MemberIdNumberIndexed", """
                {"memberId": %d, "idNumberHash": "%s", "idNumberHashVersion": %d}""".formatted(memberId, idNumberHash, version));
    }

    public static void memberTransferred(long memberId, long fromOrgId, long toOrgId, String toOrgPath) {
        publish("membership.member.v1", String.valueOf(memberId), "MemberTransferred", """
                {"memberId": %d, "fromOrgId": %d, "toOrgId": %d, "toOrgPath": "%s", "at": "%s", "reason": "moved"}"""
                .formatted(memberId, fromOrgId, toOrgId, toOrgPath, Instant.now()));
    }

    /** Polls until the condition holds (consumers are asynchronous), failing after the timeout. */
    public static void await(String what, Callable<Boolean> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e; // not there yet (e.g. the row does not exist): try again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what, e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what, last);
    }
}
