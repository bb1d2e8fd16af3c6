package io.gucun.events.membership;

/** What an election fills: the union's chair (one seat) or its committee (several seats). */
public enum ElectionOffice {
    CHAIR, COMMITTEE
}
