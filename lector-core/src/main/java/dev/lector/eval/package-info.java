/**
 * Accuracy and speed evaluation against labelled images ({@code labels.jsonl}), as
 * {@code lector eval} runs it. Pure Java, no models: {@link dev.lector.eval.LabelSet} reads the
 * labels, {@link dev.lector.eval.DetectionMatcher} matches predicted boxes to ground-truth polygons
 * (IoU on the real polygons, greedy one-to-one, ICDAR don't-care rule),
 * {@link dev.lector.eval.TextMetrics} compares texts on Unicode code points, and
 * {@link dev.lector.eval.EvalAccumulator} sums images into an {@link dev.lector.eval.EvalReport}
 * (micro-averaged detection P/R/H, line exact match and CER, page CER and char-bag F1, speed).
 * The reference reading order of a page is the order of its lines in the labels file.
 */
package dev.lector.eval;
