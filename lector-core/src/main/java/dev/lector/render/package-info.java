/**
 * Renderers: a {@link dev.lector.result.Document} to each output format (JSON, text, TSV; hOCR,
 * ALTO and searchable PDF). The CLI, the server and the web page print only what these produce;
 * no other code builds result JSON. Pure functions of the Document; thread-safe.
 */
package dev.lector.render;
