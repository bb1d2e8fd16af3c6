package io.gucun.dues.approval;

import io.gucun.common.time.BusinessTime;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;

/**
 * A decision kept as a row with a {@code valid_from} and a {@code status} (a policy version): approval makes it
 * APPROVED unless its start has passed meanwhile, rejection REJECTED.
 */
public abstract class DatedRowApproval implements ApprovalSubject {

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    private final String kind;
    private final String table;

    protected DatedRowApproval(String kind, String table) {
        this.kind = kind;
        this.table = table;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void approved(long subjectId, Decision decision) {
        Object from = em.createNativeQuery("select valid_from from " + table + " where id = ?1").setParameter(1, subjectId)
                .getSingleResult();
        ApprovalRules.requireNotStarted(from instanceof LocalDate d ? d : ((java.sql.Date) from).toLocalDate(), time.today());
        status(subjectId, "APPROVED");
    }

    @Override
    public void rejected(long subjectId, Decision decision) {
        status(subjectId, "REJECTED");
    }

    private void status(long subjectId, String status) {
        em.createNativeQuery("update " + table + " set status = ?1 where id = ?2").setParameter(1, status)
                .setParameter(2, subjectId).executeUpdate();
    }
}
