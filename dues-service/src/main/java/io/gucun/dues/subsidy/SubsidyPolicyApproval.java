package io.gucun.dues.subsidy;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.approval.ApprovalSubject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;

/** A subsidy policy version takes effect when a second officer approves it, unless its start has passed meanwhile. */
@ApplicationScoped
public class SubsidyPolicyApproval implements ApprovalSubject {

    static final String KIND = "SUBSIDY_POLICY";

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
        Object from = em.createNativeQuery("select valid_from from subsidy_policy where id = ?1").setParameter(1, subjectId)
                .getSingleResult();
        LocalDate validFrom = from instanceof LocalDate d ? d : ((java.sql.Date) from).toLocalDate();
        // Grants already recorded from that day on were decided under the version in force then: never rewrite them.
        if (validFrom.isBefore(time.today())) {
            throw new ApiException(422, "reaches-back", "Rule violated", "it would start on " + validFrom
                    + ", before today; members who joined since then were granted under the version in force: propose it"
                    + " again with a later start", List.of(new FieldError("validFrom", "is in the past")), null);
        }
        em.createNativeQuery("update subsidy_policy set status = 'APPROVED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }

    @Override
    public void rejected(long subjectId, Decision decision) {
        em.createNativeQuery("update subsidy_policy set status = 'REJECTED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }
}
