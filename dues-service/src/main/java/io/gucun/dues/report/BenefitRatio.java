package io.gucun.dues.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Spending on members divided by the members' dues, in percent, against the target of 150–200% (a district union in
 * Ningbo: 150%–200% of members' dues go to projects that benefit members directly).
 */
public record BenefitRatio(long spendingFen, long duesFen, BigDecimal percent, Status status) {

    public static final BigDecimal TARGET_LOW = BigDecimal.valueOf(150);
    public static final BigDecimal TARGET_HIGH = BigDecimal.valueOf(200);

    public enum Status { NO_DUES, BELOW_TARGET, WITHIN_TARGET, ABOVE_TARGET }

    /** The percentage rounded half up to one decimal; the status compares the exact ratio. */
    public static BenefitRatio of(long spendingFen, long duesFen) {
        if (duesFen <= 0) {
            return new BenefitRatio(spendingFen, duesFen, null, Status.NO_DUES);
        }
        BigDecimal exact = BigDecimal.valueOf(spendingFen).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(duesFen), 10, RoundingMode.HALF_UP);
        Status status = exact.compareTo(TARGET_LOW) < 0 ? Status.BELOW_TARGET
                : exact.compareTo(TARGET_HIGH) > 0 ? Status.ABOVE_TARGET : Status.WITHIN_TARGET;
        return new BenefitRatio(spendingFen, duesFen, exact.setScale(1, RoundingMode.HALF_UP), status);
    }
}
