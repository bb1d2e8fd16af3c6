package io.gucun.dues.rebate;

/** How an enterprise is treated by a rebate policy (差异化缴拨, 因企制宜). */
public enum EnterpriseCategory {
    /** Has its union and is not small: the policy's standard grassroots share (e.g. 60%, or at least 80% in Gucun). */
    STANDARD,
    /** Has its union and at most the policy's small-firm headcount: typically a full refund. */
    SMALL_FIRM,
    /** Has no union yet: no rebate; the share is held in the collecting org's preparatory fund. */
    NO_UNION;

    public static EnterpriseCategory of(boolean hasUnion, Integer employees, int smallFirmMaxEmployees) {
        if (!hasUnion) {
            return NO_UNION;
        }
        return employees != null && employees <= smallFirmMaxEmployees ? SMALL_FIRM : STANDARD;
    }
}
