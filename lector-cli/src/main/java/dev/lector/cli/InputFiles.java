package dev.lector.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the command's PATH arguments lazily: files as given (whatever their name), directories
 * to the image and PDF files in them (sorted; recursively with -r).
 */
final class InputFiles {

    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "pdf");

    private InputFiles() {}

    static Stream<Path> expand(Iterable<Path> paths, boolean recursive) {
        Stream<Path> out = Stream.empty();
        for (Path p : paths) out = Stream.concat(out, Stream.of(p).flatMap(x -> expandOne(x, recursive)));
        return out;
    }

    private static Stream<Path> expandOne(Path p, boolean recursive) {
        if (!Files.isDirectory(p)) return Stream.of(p);
        try {
            Stream<Path> s = recursive ? Files.walk(p) : Files.list(p);
            return s.filter(Files::isRegularFile).filter(InputFiles::looksLikeInput).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
        }
    }

    static boolean looksLikeInput(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
