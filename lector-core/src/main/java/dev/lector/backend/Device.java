package dev.lector.backend;

import java.nio.file.Path;

/** Where inference runs. */
public sealed interface Device {

    /** CPU with {@code intraOpThreads} threads inside one model run (1 is best when runs are parallel). */
    record Cpu(int intraOpThreads) implements Device {
        public Cpu {
            if (intraOpThreads < 1) throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
        }
    }

    /** An NVIDIA GPU through the CUDA execution provider. */
    record Cuda(int deviceId) implements Device {
        public Cuda {
            if (deviceId < 0) throw new IllegalArgumentException("deviceId must be >= 0: " + deviceId);
        }
    }

    /** An NVIDIA GPU through TensorRT, with engines cached in {@code cacheDir}. */
    record TensorRt(int deviceId, boolean fp16, Path cacheDir) implements Device {
        public TensorRt {
            if (deviceId < 0) throw new IllegalArgumentException("deviceId must be >= 0: " + deviceId);
        }
    }

    /** Parses {@code cpu}, {@code cuda[:N]}, {@code tensorrt[:N]} / {@code trt[:N]}. */
    static Device parse(String text, int cpuThreads) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        String[] parts = s.split(":", 2);
        int id = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return switch (parts[0]) {
            case "cpu" -> new Cpu(cpuThreads);
            case "cuda", "gpu" -> new Cuda(id);
            case "tensorrt", "trt" -> new TensorRt(id, true, Path.of(System.getProperty("java.io.tmpdir"), "lector-trt"));
            default -> throw new IllegalArgumentException("unknown device '" + text + "': use cpu, cuda[:N] or tensorrt[:N]");
        };
    }
}
