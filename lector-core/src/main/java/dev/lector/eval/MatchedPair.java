package dev.lector.eval;

/** A ground-truth region and the prediction matched to it, by their indices in the inputs. */
public record MatchedPair(int gtIndex, int predIndex, double iou) {}
