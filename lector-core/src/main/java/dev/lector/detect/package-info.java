/**
 * Text detection with DB (differentiable binarisation): the page is resized so its limit side fits
 * {@link dev.lector.detect.DbParams#limitSidePx()} (see {@link dev.lector.detect.LimitType}), each
 * side a multiple of 32, the det model gives a per-pixel text probability map, and
 * {@link dev.lector.detect.DbPostProcessor} turns that map into {@link dev.lector.detect.DetectedBox}es.
 *
 * <p>Contract: every box this package returns is in <em>original-image</em> pixels (never detector-input
 * or map pixels), clamped to {@code [0, width] x [0, height]}, with its corners clockwise from the
 * top-left ({@link dev.lector.geometry.Quad}); its score is the mean map probability inside the box
 * before unclipping. Boxes come in no particular order; reading order is {@code dev.lector.layout}'s job.
 * Post-processing is pure (no backend, no shared state) and owns and closes every native object it makes.
 */
package dev.lector.detect;
