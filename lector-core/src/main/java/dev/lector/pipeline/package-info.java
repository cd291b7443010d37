/**
 * The pipeline: {@link dev.lector.pipeline.OcrEngine} is the thread-safe, closeable entry point;
 * {@link dev.lector.pipeline.OcrPipeline} only orchestrates the stages it is given; per-request
 * {@link dev.lector.pipeline.OcrOptions} are a parameter, never engine state.
 */
package dev.lector.pipeline;
