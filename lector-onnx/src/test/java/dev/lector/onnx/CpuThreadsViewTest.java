package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.BuildInfo;
import dev.lector.backend.Device;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.ModelSession;
import dev.lector.backend.Tensor;
import dev.lector.pipeline.ModelSet;
import org.junit.jupiter.api.Test;

/** A backend's view whose sessions run with more CPU threads: same outputs, same owner. */
class CpuThreadsViewTest {

    private static OnnxBackend backend() {
        return new OnnxBackend(new Device.Cpu(1), null, null, true, new Int8CalibrationStore(null, BuildInfo.current().version()),
                GraphCache.OFF);
    }

    @Test
    void aDetectorLoadedThroughTheViewComputesWhatTheBackendsOwnDoesAndBelongsToTheBackend() {
        Tensor page = new Tensor(new float[3 * 96 * 128], new long[] {1, 3, 96, 128});
        for (int i = 0; i < page.data().length; i++) page.data()[i] = (float) Math.sin(i * 0.013);
        ModelSession viaView;
        try (OnnxBackend b = backend()) {
            InferenceBackend view = b.withCpuThreads(2);
            assertThat(view).isNotSameAs(b);
            assertThat(view.device()).isEqualTo(b.device());
            assertThat(b.withCpuThreads(1)).isSameAs(b);
            float[] own = b.load(ModelSet.EMBEDDED.det()).run(page).data();
            viaView = view.load(ModelSet.EMBEDDED.det());
            view.close(); // the view owns nothing: its session still runs
            assertThat(viaView.run(page).data()).containsExactly(own);
        }
        // closing the backend closed the view's session too
        assertThatThrownBy(() -> viaView.run(page)).isInstanceOf(RuntimeException.class);
        try (OnnxBackend b = backend()) {
            assertThatThrownBy(() -> b.withCpuThreads(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
