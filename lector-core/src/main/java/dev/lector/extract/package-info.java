/**
 * Field extraction: named fields and key-value pairs from a read {@link dev.lector.result.Page}.
 * {@link dev.lector.extract.FieldExtractor}s are pure (no I/O, no clock), immutable and
 * thread-safe; templates are data ({@link dev.lector.extract.Template}, built-ins as JSON
 * resources, user templates as files, read by {@link dev.lector.extract.Templates}); results are
 * immutable records ({@link dev.lector.extract.Extraction}, {@link dev.lector.extract.Field},
 * {@link dev.lector.extract.KeyValuePair}, {@link dev.lector.extract.LineItem}). A field the page
 * lacks is absent; a value that fails a check is returned with the failed check named.
 * {@code dev.lector.render.FieldsJson} renders them.
 */
package dev.lector.extract;
