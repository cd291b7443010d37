package dev.lector.onnx;

import ai.onnxruntime.OrtEnvironment;

/**
 * Runs ONNX Runtime's set-up calls (creating its environment, creating sessions) on a platform
 * thread with a large stack. Creating the environment recurses about 12,000 native frames deep
 * (counted in a core dump), close to the 1 MiB stack a Java thread has by default, the main thread
 * included; on some runs it went past it, and a native stack overflow kills the JVM with SIGSEGV
 * and no error report ({@code lector ocr} on 70 or more files crashed that way before any page was
 * read). The stack is reserved, not committed: only the pages used cost memory.
 */
public final class LargeStack {

    /** Reserved stack of the set-up thread. */
    static final long STACK_BYTES = 256L << 20;
    private static final String THREAD_NAME = "lector-onnx-setup";

    /** Work that may throw a checked exception of type {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private LargeStack() {}

    /** ONNX Runtime's environment (created on the large stack the first time). */
    public static OrtEnvironment environment() {
        return call(OrtEnvironment::getEnvironment);
    }

    /**
     * Runs {@code work} on a thread with a {@value #STACK_BYTES}-byte stack and returns its result
     * or rethrows what it threw; runs it directly when already on such a thread. Waits for it to
     * finish even if interrupted (native set-up cannot be abandoned halfway), then restores the
     * interrupt.
     */
    public static <T, E extends Exception> T call(Work<T, E> work) throws E {
        if (Thread.currentThread().getName().equals(THREAD_NAME)) return work.run();
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, THREAD_NAME, STACK_BYTES);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable f = failure[0];
        if (f == null) {
            @SuppressWarnings("unchecked")
            T r = (T) result[0];
            return r;
        }
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
        @SuppressWarnings("unchecked")
        E checked = (E) f;
        throw checked;
    }
}
