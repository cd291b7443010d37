package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LargeStackTest {

    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    @Test
    void recursionFarDeeperThanADefaultStackFits() {
        // a thread with a default 1 MiB stack overflows at a few ten thousand of these frames
        Thread small = new Thread(null, () -> depth(2_000_000), "small", 1 << 20);
        Throwable[] seen = new Throwable[1];
        small.setUncaughtExceptionHandler((t, e) -> seen[0] = e);
        small.start();
        assertThat(joined(small)).isTrue();
        assertThat(seen[0]).isInstanceOf(StackOverflowError.class);

        assertThat(LargeStack.call(() -> depth(2_000_000))).isEqualTo(2_000_000);
    }

    @Test
    void resultsAndFailuresComeBackAsThrown() {
        assertThat(LargeStack.call(() -> Thread.currentThread().getName())).isEqualTo("lector-onnx-setup");
        // nested calls run on the same thread
        assertThat(LargeStack.call(() -> LargeStack.call(() -> Thread.currentThread().getName()))).isEqualTo("lector-onnx-setup");
        assertThatThrownBy(() -> LargeStack.call(() -> {
            throw new IOException("no model");
        })).isInstanceOf(IOException.class).hasMessage("no model");
        assertThatThrownBy(() -> LargeStack.call(() -> {
            throw new IllegalStateException("bad");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad");
        assertThat(LargeStack.environment()).isSameAs(ai.onnxruntime.OrtEnvironment.getEnvironment());
    }

    private static boolean joined(Thread t) {
        try {
            t.join();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
