/** Text-line orientation (0 / 180 degrees) with PaddleOCR's cls model, batched. */
package dev.lector.classify;
