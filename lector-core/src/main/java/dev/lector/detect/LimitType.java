package dev.lector.detect;

/** How the detector's input side limit applies: cap the longer side, or raise the shorter one. */
public enum LimitType {
    /** Scale down so the longer side is at most the limit (never up). */
    MAX,
    /** Scale up so the shorter side is at least the limit (never down). */
    MIN
}
