/**
 * The inference SPI: a {@link dev.lector.backend.BackendProvider} (found by ServiceLoader) makes an
 * {@link dev.lector.backend.InferenceBackend} for a {@link dev.lector.backend.Device}, which loads
 * thread-safe {@link dev.lector.backend.ModelSession}s. Tensors are plain Java arrays; nothing of a
 * runtime's own types leaks out of its module.
 */
package dev.lector.backend;
