package io.gucun.dues.rebate;

import io.gucun.common.time.BusinessTime;
import io.gucun.dues.approval.ApprovalSubject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** A rebate policy version takes effect when a second officer approves it, unless its start has passed meanwhile. */
@ApplicationScoped
public class PolicyApproval implements ApprovalSubject {

    static final String KIND = "REBATE_POLICY";

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void approved(long subjectId, Decision decision) {
        RebateService.requireNotStarted(RebateService.toDate(em.createNativeQuery("select valid_from from rebate_policy where id = ?1")
                .setParameter(1, subjectId).getSingleResult()), time.today());
        em.createNativeQuery("update rebate_policy set status = 'APPROVED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }

    @Override
    public void rejected(long subjectId, Decision decision) {
        em.createNativeQuery("update rebate_policy set status = 'REJECTED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }
}
