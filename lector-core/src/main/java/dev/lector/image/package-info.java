/**
 * Bytes to pixels, and the pure pixel operations of the pipeline.
 *
 * <p>{@link dev.lector.image.ImageDecoder} turns input bytes into {@link dev.lector.image.PageImage}s
 * (8-bit BGR, interleaved): the format is recognised from magic bytes, never from a file name
 * ({@link dev.lector.image.ImageHeader}); the declared pixel count is checked against
 * {@link dev.lector.image.ImageLimits} before any full decode (for PDF, each page's size at the
 * configured dpi before it is rendered); a JPEG's EXIF orientation is applied; truncated data is
 * refused rather than half-decoded; transparent PNG and WebP pixels are composited over white.
 * Every failure is an {@link dev.lector.image.InputException} whose reason says whose fault it is
 * and whose message names the numbers involved.
 *
 * <p>{@link dev.lector.image.ImageOps} holds pure functions (input never modified, OpenCV
 * {@code Mat}s always closed) that reproduce PaddleOCR's inference preprocessing: the detector's
 * limit-side resize to multiples of 32 with ImageNet normalisation, the perspective crop of a
 * text quad with the 1.5 aspect rule, and the recognizer's [-1, 1] normalisation into padded batch
 * slots. Channels stay in stored BGR order throughout, as in PaddleOCR.
 */
package dev.lector.image;
