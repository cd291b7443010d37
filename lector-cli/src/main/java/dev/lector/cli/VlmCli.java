package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.cli.InputFiles.Input;
import dev.lector.image.InputException;
import dev.lector.image.PageRange;
import dev.lector.render.JsonRenderer;
import dev.lector.vlm.Completion;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmConfig;
import dev.lector.vlm.VlmException;
import dev.lector.vlm.VlmReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
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

    static final int EXIT_INPUT = ErrorReport.ExitCode.INPUT;
    static final int EXIT_BACKEND = ErrorReport.ExitCode.BACKEND;
    static final int EXIT_TIMEOUT = ErrorReport.ExitCode.TIMEOUT;
    static final int EXIT_UNPARSEABLE = ErrorReport.ExitCode.UNPARSEABLE;

    private VlmCli() {}

    /** What one task does with one file and how its pages print. */
    interface Task<T> {
        List<PageAnswer<T>> read(VlmReader reader, byte[] bytes, PageRange pages);

        void print(PrintStream out, Input in, boolean multiPage, boolean multiFile, PageAnswer<T> page, double ms);

        /** The progress bar's label: the command's name. */
        String label();
    }

    private record FileResult<T>(Input input, List<PageAnswer<T>> pages, double ms, String error, int exit) {}

    /** Lists the inputs (before anything else: an empty folder is an error), then runs {@code task} over them with a reader of {@code config}. */
    static <T> int run(VlmConfig config, List<Path> paths, boolean recursive, PageRange range, boolean quiet, Task<T> task) throws Exception {
        return runOver(config, InputFiles.list(paths, recursive, System.err), InputFiles.many(paths), range, quiet, task);
    }

    /** Runs {@code task} over {@code inputs} (listed by {@link InputFiles#list}; {@code multi}: several named or a folder). */
    static <T> int runOver(VlmConfig config, List<Input> inputs, boolean multi, PageRange range, boolean quiet, Task<T> task) throws Exception {
        PrintStream err = System.err;
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        int exit = 0;
        try (VlmReader reader = new VlmReader(config, VlmOptions.limits(), null);
             Progress progress = Progress.of(task.label(), inputs.size(), multi, quiet, err);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            progress.begin();
            int window = Math.max(1, reader.config().maxConcurrent());
            Deque<Future<FileResult<T>>> inFlight = new ArrayDeque<>();
            Iterator<Input> files = inputs.iterator();
            while (files.hasNext() || !inFlight.isEmpty()) {
                while (files.hasNext() && inFlight.size() < window) {
                    Input in = files.next();
                    inFlight.add(pool.submit(() -> readFile(reader, in, range, task)));
                }
                FileResult<T> r = inFlight.removeFirst().get();
                if (r.error() != null) {
                    exit = Math.max(exit, r.exit());
                    out.flush();
                    progress.failed(r.input().name(), r.error());
                    continue;
                }
                Input in = r.input();
                boolean multiPage = r.pages().size() > 1 || in.pdfByName();
                for (PageAnswer<T> page : r.pages()) {
                    Completion c = page.completion();
                    if (c.truncated()) {
                        out.flush();
                        progress.say("lector: " + in.name() + (multiPage ? " [page " + page.page() + "]" : "") + ": the answer was cut short ("
                                + (Completion.REPETITION.equals(c.finish()) ? "it kept repeating itself" : "it reached the token cap") + ")");
                    }
                    task.print(out, in, multiPage, multi, page, r.ms());
                }
                out.flush();
                progress.done(r.pages().size());
            }
        } finally {
            out.flush();
        }
        return exit;
    }

    private static <T> FileResult<T> readFile(VlmReader reader, Input in, PageRange range, Task<T> task) {
        long t0 = System.nanoTime();
        try {
            String problem = in.problem();
            if (problem != null) return new FileResult<>(in, List.of(), 0, problem, EXIT_INPUT);
            byte[] bytes = in.read(System.in);
            return new FileResult<>(in, task.read(reader, bytes, range), (System.nanoTime() - t0) / 1e6, null, 0);
        } catch (IOException e) {
            return new FileResult<>(in, List.of(), 0, "cannot read: " + ErrorReport.ioMessage(e), EXIT_INPUT);
        } catch (VlmException e) {
            return new FileResult<>(in, List.of(), 0, ErrorReport.clean(e.getMessage()), exitCode(e));
        } catch (InputException e) {
            return new FileResult<>(in, List.of(), 0, ErrorReport.clean(e.getMessage()), EXIT_INPUT);
        } catch (RuntimeException e) {
            return new FileResult<>(in, List.of(), 0, ErrorReport.oneLine(e), EXIT_INPUT);
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
    static ObjectNode pageJson(Input in, PageAnswer<?> page, double ms) {
        ObjectNode n = JsonRenderer.fileEntry(in.fileName(), in.name(), page.page());
        addCompletion(n, page.completion());
        return JsonRenderer.putMs(n, ms);
    }

    static void addCompletion(ObjectNode n, Completion c) {
        n.put("finish", c.finish());
        if (c.promptTokens() >= 0) n.put("tokens_in", c.promptTokens());
        if (c.completionTokens() >= 0) n.put("tokens_out", c.completionTokens());
    }

    /** {@code ==> name [page N] <==} before a text result when several files or pages print. */
    static void textHeader(PrintStream out, Input in, boolean multiPage, boolean multiFile, int page) {
        if (multiFile || multiPage) out.println("==> " + in.name() + (multiPage ? " [page " + page + "]" : "") + " <==");
    }
}
