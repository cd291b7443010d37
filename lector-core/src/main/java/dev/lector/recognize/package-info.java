/**
 * Text recognition: the dictionary ({@link dev.lector.recognize.Charset}), greedy CTC decoding
 * ({@link dev.lector.recognize.CtcDecoder}, pure) and the batched recogniser stage.
 */
package dev.lector.recognize;
