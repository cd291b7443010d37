/**
 * Exact rewrites of ONNX graphs before they are loaded ({@link dev.lector.onnx.graph.ModelRewriter}):
 * folds and fusions that ONNX Runtime's optimiser does not do for PP-OCR exports.
 */
package dev.lector.onnx.graph;
