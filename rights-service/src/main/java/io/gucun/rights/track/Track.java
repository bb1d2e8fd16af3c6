package io.gucun.rights.track;

/** 四位一体: the four tracks of the rights system. */
public enum Track {
    LEGAL_AID,
    LEGAL_SUPERVISION,
    COLLECTIVE_BARGAINING,
    DEMOCRATIC_MANAGEMENT
}
