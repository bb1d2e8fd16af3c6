package io.gucun.membership.member;

import java.sql.SQLException;
import java.util.Optional;

/** Finds which database constraint a failed write violated, so a lost race becomes the same answer as the pre-check. */
public final class Constraints {

    private Constraints() {
    }

    public static Optional<String> violated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve && cve.getConstraintName() != null) {
                return Optional.of(cve.getConstraintName());
            }
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getConstraint() != null) {
                return Optional.of(psql.getServerErrorMessage().getConstraint());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                Optional<String> next = violated(sql.getNextException());
                if (next.isPresent()) {
                    return next;
                }
            }
        }
        return Optional.empty();
    }
}
