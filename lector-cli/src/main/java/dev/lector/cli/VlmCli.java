package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.image.InputException;
import dev.lector.image.PageRange;
import dev.lector.render.JsonRenderer;
import dev.lector.vlm.Completion;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmException;
import dev.lector.vlm.VlmReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a VLM task over files for the commands: several files at once (up to the back end's
 * concurrency), results printed in input order, one line per failed file on stderr.
 *
 * <p>Exit codes: 0 all read; 1 an input could not be read (missing, not an image); 3 the back end
 * is unreachable, refused the request or stayed unavailable (HTTP 502/503 on the server); 4 it
 * was too slow (504); 5 its answer could not be parsed (502). With several failures, the highest.
 */
final class VlmCli {

    static final int EXIT_INPUT = 1;
    static final int EXIT_BACKEND = 3;
    static final int EXIT_TIMEOUT = 4;
    static final int EXIT_UNPARSEABLE = 5;

    private VlmCli() {}

    /** What one task does with one file and how its pages print. */
    interface Task<T> {
        List<PageAnswer<T>> read(VlmReader reader, byte[] bytes, PageRange pages);

        void print(PrintStream out, String name, boolean multiPage, boolean multiFile, PageAnswer<T> page, double ms);
    }

    private record FileResult<T>(Path path, List<PageAnswer<T>> pages, double ms, String error, int exit) {}

    static <T> int run(VlmReader reader, List<Path> paths, boolean recursive, PageRange range, Task<T> task) throws Exception {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = System.err;
        boolean multi = paths.size() > 1 || paths.stream().anyMatch(Files::isDirectory);
        int exit = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int window = Math.max(1, reader.config().maxConcurrent());
            Deque<Future<FileResult<T>>> inFlight = new ArrayDeque<>();
            Iterator<Path> files = InputFiles.expand(paths, recursive).iterator();
            while (files.hasNext() || !inFlight.isEmpty()) {
                while (files.hasNext() && inFlight.size() < window) {
                    Path p = files.next();
                    inFlight.add(pool.submit(() -> readFile(reader, p, range, task)));
                }
                FileResult<T> r = inFlight.removeFirst().get();
                if (r.error() != null) {
                    exit = Math.max(exit, r.exit());
                    out.flush();
                    err.println("lector: " + r.path() + ": " + r.error());
                    continue;
                }
                String name = r.path().getFileName().toString();
                boolean multiPage = r.pages().size() > 1 || name.toLowerCase(Locale.ROOT).endsWith(".pdf");
                for (PageAnswer<T> page : r.pages()) {
                    Completion c = page.completion();
                    if (c.truncated()) {
                        out.flush();
                        err.println("lector: " + r.path() + (multiPage ? " [page " + page.page() + "]" : "") + ": the answer was cut short ("
                                + (Completion.REPETITION.equals(c.finish()) ? "it kept repeating itself" : "it reached the token cap") + ")");
                    }
                    task.print(out, name, multiPage, multi, page, r.ms());
                }
                out.flush();
            }
        } finally {
            out.flush();
        }
        return exit;
    }

    private static <T> FileResult<T> readFile(VlmReader reader, Path p, PageRange range, Task<T> task) {
        long t0 = System.nanoTime();
        try {
            if (!Files.isRegularFile(p)) {
                return new FileResult<>(p, List.of(), 0, Files.exists(p) ? "not a regular file" : "no such file", EXIT_INPUT);
            }
            byte[] bytes = Files.readAllBytes(p);
            return new FileResult<>(p, task.read(reader, bytes, range), (System.nanoTime() - t0) / 1e6, null, 0);
        } catch (IOException e) {
            return new FileResult<>(p, List.of(), 0, "cannot read: " + e.getMessage(), EXIT_INPUT);
        } catch (VlmException e) {
            return new FileResult<>(p, List.of(), 0, e.getMessage(), exitCode(e));
        } catch (InputException e) {
            return new FileResult<>(p, List.of(), 0, e.getMessage(), EXIT_INPUT);
        } catch (RuntimeException e) {
            return new FileResult<>(p, List.of(), 0, e.getMessage() == null ? e.toString() : e.getMessage(), EXIT_INPUT);
        }
    }

    static int exitCode(VlmException e) {
        return switch (e.kind()) {
            case UNREACHABLE, REFUSED, UNAVAILABLE -> EXIT_BACKEND;
            case TIMEOUT -> EXIT_TIMEOUT;
            case UNPARSEABLE -> EXIT_UNPARSEABLE;
        };
    }

    /** The JSON fields every VLM page result carries: image, page, finish, tokens, ms. */
    static ObjectNode pageJson(String name, PageAnswer<?> page, double ms) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("image", name);
        n.put("page", page.page());
        addCompletion(n, page.completion());
        n.put("ms", Math.round(ms * 10) / 10.0);
        return n;
    }

    static void addCompletion(ObjectNode n, Completion c) {
        n.put("finish", c.finish());
        if (c.promptTokens() >= 0) n.put("tokens_in", c.promptTokens());
        if (c.completionTokens() >= 0) n.put("tokens_out", c.completionTokens());
    }

    /** {@code ==> name [page N] <==} before a text result when several files or pages print. */
    static void textHeader(PrintStream out, String name, boolean multiPage, boolean multiFile, int page) {
        if (multiFile || multiPage) out.println("==> " + name + (multiPage ? " [page " + page + "]" : "") + " <==");
    }
}
