/**
 * Library examples, run by the build's tests so they stay correct: {@link dev.lector.examples.ReadReceipt}
 * is the README's example.
 */
package dev.lector.examples;
