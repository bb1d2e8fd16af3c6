package io.gucun.membership.card;

/** What can be done to a card. */
public enum CardAction {
    ACTIVATE, FREEZE, UNFREEZE, REPORT_LOST, REPLACE, CLOSE
}
