package io.gucun.membership.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.pii.BlindIndexes;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * The active-member counter per org (V27) against a fresh count, through inserts, updates that move members between
 * orgs and statuses, and deletes, each touching several rows in one statement as bulk loads and lapse runs do.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class OrgMemberCounterTest {

    @Inject
    EntityManager em;

    @Inject
    BlindIndexes indexes;

    @Test
    void theCounterFollowsEveryChangeOfActiveMembersPerOrg() {
        long a = org("counter test A");
        long b = org("counter test B");
        int version = indexes.idNumber().current().version();
        sql("insert into member (id_number_cipher, id_number_hash, id_number_masked, name, mobile_cipher, mobile_hash,"
                + " mobile_masked, birth_year, region_code, employment_form, status, org_id, registered_at, registered_by,"
                // Fake ciphers and hashes: marked as made under the current key so the re-hash job has nothing to do.
                + " id_number_hash_version, mobile_hash_version)"
                + " select 'k1:x', md5('counter-test-' || " + a + " || '-' || i) || md5('' || i), '110105********0000', '测试',"
                + " 'k1:y', 'h', '138****0000', 1990, '110105', 'STANDARD', case when i <= 3 then 'ACTIVE' else 'REGISTERED' end,"
                + " case when i <= 3 then " + a + " end, now(), 'counter-test', " + version + ", " + version
                + " from generate_series(1, 5) i");
        assertCounts(a, 3, b, 0);

        // two move to B (a transfer), a registered person is admitted to B, one leaves
        sql("update member set org_id = " + b + " where org_id = " + a + " and id in (select id from member where org_id = "
                + a + " order by id limit 2)");
        assertCounts(a, 1, b, 2);
        sql("update member set status = 'ACTIVE', org_id = " + b + " where registered_by = 'counter-test' and status = 'REGISTERED'"
                + " and id = (select min(id) from member where registered_by = 'counter-test' and status = 'REGISTERED')");
        assertCounts(a, 1, b, 3);
        sql("update member set status = 'LEFT' where org_id = " + a);
        assertCounts(a, 0, b, 3);
        // an update that changes nothing the counter cares about
        sql("update member set version = version + 1 where registered_by = 'counter-test'");
        assertCounts(a, 0, b, 3);

        sql("delete from member where registered_by = 'counter-test' and org_id = " + b + " and status = 'ACTIVE'"
                + " and id = (select max(id) from member where org_id = " + b + ")");
        assertCounts(a, 0, b, 2);
        assertThat(mismatches()).as("orgs whose counter differs from a fresh count").isZero();
    }

    private long org(String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long id = ((Number) em.createNativeQuery("select nextval('union_org_id_seq')").getSingleResult()).longValue();
            em.createNativeQuery("insert into union_org (id, parent_id, path, name, kind, status, created_at, created_by)"
                    + " values (:id, 1, cast(:path as ltree), :name, 'PROVINCE', 'ACTIVE', now(), 'counter-test')")
                    .setParameter("id", id).setParameter("path", "1." + id).setParameter("name", name).executeUpdate();
            return id;
        });
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }

    private void assertCounts(long a, long expectedA, long b, long expectedB) {
        assertThat(count(a)).as("active members of org A").isEqualTo(expectedA);
        assertThat(count(b)).as("active members of org B").isEqualTo(expectedB);
        assertThat(mismatches()).as("orgs whose counter differs from a fresh count").isZero();
    }

    private long count(long org) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(sum(members), 0) from org_member_count where org_id = :o").setParameter("o", org)
                .getSingleResult()).longValue());
    }

    private long mismatches() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select count(*) from org_member_count c
                full join (select org_id, count(*) as members from member where status = 'ACTIVE' group by org_id) f
                  on f.org_id = c.org_id
                where c.members is distinct from f.members""").getSingleResult()).longValue());
    }
}
