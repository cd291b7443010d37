/**
 * Dynamic batching: a fixed set of inference workers serves every model stage (lanes in priority
 * order) and merges compatible work from concurrent callers into one model run, bounded by a
 * {@link dev.lector.batch.BatchPolicy} (max batch, max delay, max concurrent runs per stage).
 */
package dev.lector.batch;
