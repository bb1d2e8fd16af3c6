package io.gucun.events.membership;

/** 普惠 / 商惠 / 特惠. */
public enum BenefitKind {
    /** Inclusive benefit for every member of the offering org's subtree (普惠). */
    UNIVERSAL,
    /** A merchant's discount for every member of the subtree (商惠); names the merchant. */
    MERCHANT,
    /** Targeted aid (特惠) for named members or members of given employment forms. */
    SPECIAL
}
