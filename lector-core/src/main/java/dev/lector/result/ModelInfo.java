package dev.lector.result;

/** Names of the models that produced a result; {@code cls} is null when no classifier is loaded. */
public record ModelInfo(String det, String rec, String cls) {}
