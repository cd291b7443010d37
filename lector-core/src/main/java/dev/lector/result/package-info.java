/**
 * The typed result: {@link dev.lector.result.Document} -> {@link dev.lector.result.Page} ->
 * {@link dev.lector.result.Block} (indices into the page's lines) -> {@link dev.lector.result.Line}
 * -> {@link dev.lector.result.Word}. Immutable records with validating constructors; coordinates
 * are always those of the input as stored, corners clockwise from the text's own top-left. No
 * JSON here: {@code dev.lector.render} turns a Document into every output format.
 */
package dev.lector.result;
