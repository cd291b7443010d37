/**
 * Lector's root package: {@link dev.lector.BuildInfo} says which build is running. The library's
 * entry point is {@link dev.lector.pipeline.OcrEngine}; results are the records of
 * {@link dev.lector.result}.
 */
package dev.lector;
