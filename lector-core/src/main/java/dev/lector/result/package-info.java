/** Immutable result records and their single JSON form ({@link dev.lector.result.ResultJson}). */
package dev.lector.result;
