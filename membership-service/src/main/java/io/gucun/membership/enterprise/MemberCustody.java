package io.gucun.membership.enterprise;

import io.gucun.membership.org.UnionOrg;
import java.time.OffsetDateTime;

/**
 * Holding a closed enterprise union's members by the union above it (会籍由上级工会代管). Membership transfers do
 * it (TransferService), so enterprises do not depend on members while joining depends on enterprises.
 */
public interface MemberCustody {

    /** What holding the members changed. */
    record Custody(int membersHeld, int transfersSettled, int applicationsRejected) {
    }

    /**
     * Every active member of {@code from} keeps their membership, now held by {@code upper}; pending transfers out of
     * {@code from} are cancelled, transfers and applications into it are rejected, each with {@code why}.
     */
    Custody holdByUpperUnion(UnionOrg from, UnionOrg upper, OffsetDateTime at, String why);
}
