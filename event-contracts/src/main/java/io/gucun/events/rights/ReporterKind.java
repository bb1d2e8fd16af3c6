package io.gucun.events.rights;

/** Who reported the case: a worker, an enterprise union (first discoverer and reporter, 第一发现人/报告人) or an officer. */
public enum ReporterKind {
    WORKER,
    ENTERPRISE_UNION,
    OFFICER
}
