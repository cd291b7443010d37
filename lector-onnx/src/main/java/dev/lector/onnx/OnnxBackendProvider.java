package dev.lector.onnx;

import ai.onnxruntime.OrtEnvironment;
import dev.lector.backend.BackendProvider;
import dev.lector.backend.Device;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.InferenceException;
import java.util.EnumSet;

/** ONNX Runtime as a Lector backend: CPU always, CUDA and TensorRT when the GPU build and drivers are there. */
public final class OnnxBackendProvider implements BackendProvider {

    public static final String NAME = "onnxruntime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unavailableReason(Device device) {
        EnumSet<ai.onnxruntime.OrtProvider> providers;
        try {
            providers = OrtEnvironment.getAvailableProviders();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "ONNX Runtime native library failed to load: " + e.getMessage();
        }
        return switch (device) {
            case Device.Cpu cpu -> null;
            case Device.Cuda cuda -> providers.contains(ai.onnxruntime.OrtProvider.CUDA) ? null
                    : "this ONNX Runtime build has no CUDA provider (build with -Pgpu: onnxruntime_gpu, CUDA 12 + cuDNN 9)";
            case Device.TensorRt trt -> providers.contains(ai.onnxruntime.OrtProvider.TENSOR_RT) ? null
                    : "this ONNX Runtime build has no TensorRT provider (build with -Pgpu and install TensorRT 10)";
        };
    }

    @Override
    public InferenceBackend create(Device device, boolean allowFallback, boolean rewriteGraphs) {
        String reason = unavailableReason(device);
        if (reason != null) {
            if (!allowFallback || device instanceof Device.Cpu) {
                throw new InferenceException("cannot run on " + device + ": " + reason);
            }
            return new OnnxBackend(new Device.Cpu(1), device, reason, rewriteGraphs);
        }
        return new OnnxBackend(device, null, null, rewriteGraphs);
    }
}
