package dev.lector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command's PATH arguments as the inputs to read, listed before any model loads:
 * <ul>
 * <li>a file as given (whatever its name), named as given;</li>
 * <li>a folder: the image and PDF files in it (sorted; with -r also in its sub-folders), each
 * named by its path relative to that folder ({@code sub/a.png});</li>
 * <li>a pattern with {@code * ? [ {} that names no file (a glob the shell left as it was, or one
 * quoted on purpose): the files it matches, named relative to its fixed leading folders;</li>
 * <li>{@code -}: standard input (image or PDF bytes), once.</li>
 * </ul>
 * A folder or pattern that yields nothing is said on standard error; when nothing at all is left
 * to read, {@link #list} fails with one line (exit 2) saying why.
 */
final class InputFiles {

    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "pdf");

    /** Standard input's argument. */
    static final String STDIN = "-";

    /**
     * One input.
     *
     * @param path     the file; null for standard input
     * @param name     how outputs name it: as given, or relative to the folder or pattern it came from ({@code -} for standard input)
     * @param relative its path below an output folder (without the folder or pattern's own location), {@code stdin} for standard input
     */
    record Input(Path path, String name, String relative) {

        static Input stdin() {
            return new Input(null, STDIN, "stdin");
        }

        boolean isStdin() {
            return path == null;
        }

        /** The file's own name ({@code -} for standard input): the {@code image} of JSON results. */
        String fileName() {
            return path == null ? STDIN : path.getFileName().toString();
        }

        /** Why it cannot be read, before trying (null: it may be). */
        String problem() {
            if (path == null) return null;
            if (Files.isRegularFile(path)) return null;
            return Files.exists(path) ? "not a regular file" : "no such file";
        }

        byte[] read(InputStream stdin) throws IOException {
            return path == null ? stdin.readAllBytes() : Files.readAllBytes(path);
        }

        boolean pdfByName() {
            return fileName().toLowerCase(Locale.ROOT).endsWith(".pdf");
        }
    }

    private InputFiles() {}

    /** Whether the arguments name more than one input (several, or any folder or pattern): multi-file output and a summary. */
    static boolean many(List<Path> args) {
        return args.size() > 1 || args.stream().anyMatch(p -> Files.isDirectory(p) || isPattern(p));
    }

    /**
     * The inputs the arguments name, in order.
     *
     * @param warnings where a folder or pattern that yields nothing is said (when others do)
     * @throws IllegalArgumentException one line, when nothing at all is left to read or {@code -} is given twice
     */
    static List<Input> list(List<Path> args, boolean recursive, PrintStream warnings) {
        List<Input> out = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        boolean stdin = false;
        for (Path arg : args) {
            String given = arg.toString();
            if (given.equals(STDIN)) {
                if (stdin) throw new IllegalArgumentException("standard input ('-') can be read only once");
                if (Progress.isTerminal(0)) {
                    throw new IllegalArgumentException("standard input ('-') is the terminal: pipe an image or PDF in, e.g. cat scan.png | lector ocr -");
                }
                stdin = true;
                out.add(Input.stdin());
            } else if (Files.isDirectory(arg)) {
                List<Input> found = folder(arg, recursive);
                if (found.isEmpty()) empty.add(given + ": " + whyEmpty(arg, recursive));
                out.addAll(found);
            } else if (isPattern(arg)) {
                List<Input> found = pattern(given);
                if (found.isEmpty()) empty.add("no file matches '" + given + "'");
                out.addAll(found);
            } else {
                out.add(new Input(arg, given, arg.getFileName() == null ? given : arg.getFileName().toString()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(empty.isEmpty() ? "no input: give image or PDF files, folders, or - for standard input"
                    : String.join("; ", empty));
        }
        for (String e : empty) warnings.println("lector: " + e + " (skipped)");
        return out;
    }

    /** Whether {@code p} is no file but has glob characters: a pattern to expand. */
    static boolean isPattern(Path p) {
        String s = p.toString();
        return !Files.exists(p) && (s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{"));
    }

    private static List<Input> folder(Path dir, boolean recursive) {
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(InputFiles::looksLikeInput).sorted()
                    .map(p -> new Input(p, slashes(dir.relativize(p)), slashes(dir.relativize(p)))).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the folder ("
                    + ErrorReport.oneLine(e instanceof UncheckedIOException u ? u.getCause() : e) + ")");
        }
    }

    private static String whyEmpty(Path dir, boolean recursive) {
        long folders = 0, files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p)) folders++;
                else files++;
            }
        } catch (IOException | UncheckedIOException e) {
            return "cannot list the folder";
        }
        String kinds = "images or PDFs (" + EXTENSIONS.stream().sorted().map(x -> "." + x).collect(Collectors.joining(" ")) + ")";
        if (files == 0 && folders == 0) return "the folder is empty";
        if (!recursive && folders > 0) {
            return "no " + kinds + " in the folder, only " + folders + (folders == 1 ? " sub-folder" : " sub-folders")
                    + (files > 0 ? " and " + files + " other " + (files == 1 ? "file" : "files") : "") + ": add -r to read sub-folders";
        }
        return "no " + kinds + " in the folder" + (recursive ? " or its sub-folders" : "");
    }

    /** Expands a glob: the folders before its first wildcard are fixed, the rest is matched (** crosses folders). */
    private static List<Input> pattern(String glob) {
        String g = glob.replace('\\', '/');
        String[] parts = g.split("/", -1);
        int fixed = 0;
        while (fixed < parts.length - 1 && !hasWildcard(parts[fixed])) fixed++;
        String base = String.join("/", java.util.Arrays.copyOfRange(parts, 0, fixed));
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, fixed, parts.length));
        Path dir = !base.isEmpty() ? Path.of(base) : g.startsWith("/") ? Path.of("/") : Path.of(".");
        if (!Files.isDirectory(dir)) return List.of();
        PathMatcher any = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        // as in shells with globstar, "**/" also matches no folder at all: scans/**/*.png takes scans/a.png too
        PathMatcher top = rest.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3)) : any;
        PathMatcher m = p -> any.matches(p) || top.matches(p);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - fixed;
        Set<Path> found = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir, depth)) {
            Path d = dir;
            s.filter(Files::isRegularFile).filter(p -> m.matches(d.relativize(p))).forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot expand '" + glob + "' (" + ErrorReport.oneLine(e instanceof UncheckedIOException u ? u.getCause() : e) + ")");
        }
        List<Input> out = new ArrayList<>();
        for (Path p : found) {
            String rel = slashes(dir.relativize(p));
            out.add(new Input(p, base.isEmpty() ? rel : base + "/" + rel, rel));
        }
        return out;
    }

    private static boolean hasWildcard(String s) {
        return s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{");
    }

    private static String slashes(Path p) {
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    /** Lazily, for {@code bench}: files as given, folders to the images and PDFs in them (sorted; recursively with -r). */
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
