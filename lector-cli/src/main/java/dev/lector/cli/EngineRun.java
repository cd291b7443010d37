package dev.lector.cli;

import dev.lector.cli.InputFiles.Input;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads inputs with one engine for {@code ocr} and {@code extract}: several at a time so the
 * inference workers stay busy (a window of twice the workers), results handed on in input order as
 * they complete, so only the window is held in memory. Failures are said one line each through
 * {@link Progress}; when no input can be read at all, the models are not loaded.
 */
final class EngineRun {

    /** What one input gave: a value and its page count, or why it failed. */
    record Result<T>(Input input, T value, int pages, double ms, String error) {
        static <T> Result<T> failed(Input in, String why) {
            return new Result<>(in, null, 0, 0, why);
        }
    }

    /** Reads one input's bytes with the engine (on a virtual thread; may throw). */
    interface Reader<T> {
        Result<T> read(OcrEngine engine, Input in, byte[] bytes, long startNanos) throws Exception;
    }

    /** Takes each result in input order (on the command's thread); an IOException fails that input. */
    interface Sink<T> {
        void accept(Result<T> result) throws IOException;
    }

    private EngineRun() {}

    /** Runs; returns the exit code (0, or 1 when an input failed). */
    static <T> int run(EngineConfig config, List<Input> inputs, InputStream stdin, Progress progress, Reader<T> reader, Sink<T> sink)
            throws Exception {
        if (inputs.stream().allMatch(in -> in.problem() != null)) {
            for (Input in : inputs) progress.failed(in.name(), in.problem());
            return ErrorReport.ExitCode.INPUT;
        }
        try (OcrEngine engine = OcrEngine.open(config.withWarmUp(false)); // a one-shot run: the first input warms the engine up anyway
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            progress.begin();
            int window = Math.max(2, engine.config().workers() * 2);
            Deque<Future<Result<T>>> inFlight = new ArrayDeque<>();
            Iterator<Input> it = inputs.iterator();
            while (it.hasNext() || !inFlight.isEmpty()) {
                while (it.hasNext() && inFlight.size() < window) {
                    Input in = it.next();
                    inFlight.add(pool.submit(() -> readOne(engine, in, stdin, reader)));
                }
                Result<T> r = inFlight.removeFirst().get();
                if (r.error() != null) {
                    progress.failed(r.input().name(), r.error());
                    continue;
                }
                try {
                    sink.accept(r);
                    progress.done(r.pages());
                } catch (IOException e) {
                    progress.failed(r.input().name(), "cannot write the result: " + ErrorReport.ioMessage(e));
                }
            }
        }
        return progress.failures() == 0 ? ErrorReport.ExitCode.OK : ErrorReport.ExitCode.INPUT;
    }

    private static <T> Result<T> readOne(OcrEngine engine, Input in, InputStream stdin, Reader<T> reader) {
        long t0 = System.nanoTime();
        String problem = in.problem();
        if (problem != null) return Result.failed(in, problem);
        byte[] bytes;
        try {
            bytes = in.read(stdin);
        } catch (IOException e) {
            return Result.failed(in, "cannot read: " + ErrorReport.ioMessage(e));
        }
        if (bytes.length == 0) return Result.failed(in, in.isStdin() ? "standard input is empty" : "the file is empty");
        try {
            return reader.read(engine, in, bytes, t0);
        } catch (Exception e) {
            return Result.failed(in, ErrorReport.oneLine(e));
        } catch (OutOfMemoryError e) {
            // one input too big for the heap fails alone: its memory is garbage once this returns,
            // and the run goes on with the others (exit 1, the input named with what to do)
            return Result.failed(in, ErrorReport.oneLine(e));
        }
    }
}
