package io.gucun.events.rights;

/** 两书: the two letters of legal supervision. */
public enum NoticeKind {
    /** 整改意见书: tells the enterprise what to put right. */
    RECTIFICATION,
    /** 处理建议书: proposes handling to the authorities when the enterprise does not put it right. */
    HANDLING_PROPOSAL
}
