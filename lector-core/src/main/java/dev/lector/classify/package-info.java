/**
 * Orientation: text lines turned 0/180 degrees with PaddleOCR's cls model, batched
 * ({@link dev.lector.classify.OrientationClassifier}), and whole pages turned 0/90/180/270
 * decided from the lines ({@link dev.lector.classify.PageOrientation}).
 */
package dev.lector.classify;
