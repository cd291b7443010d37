/**
 * Bulk OCR on Apache Spark. {@link dev.lector.spark.LectorOcr} is the DataFrame transformation: a
 * frame of files ({@code path} string, {@code content} binary, e.g. Spark's {@code binaryFile}
 * source) becomes one row per page ({@code path, page, text, lines, fields, error}). PDFs are split
 * into single pages before the rows are repartitioned, so a long PDF spreads over many tasks; each
 * executor JVM holds one {@link dev.lector.pipeline.OcrEngine} ({@link dev.lector.spark.ExecutorEngine}),
 * shared by its task threads and closed when the JVM exits. A file or page that cannot be read is
 * a row with its error, never a failed task. {@link dev.lector.spark.LectorSpark} is the command
 * ({@code ./lector-spark}, {@code spark-submit}) that reads a glob and writes Parquet or JSON Lines.
 */
package dev.lector.spark;
