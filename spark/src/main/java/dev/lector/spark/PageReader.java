package dev.lector.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lector.batch.OverloadedException;
import dev.lector.extract.FieldExtractor;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads the work rows of one partition ({@code path, page, content, error}, see {@link PageSplitter})
 * with this executor's engine and gives the page rows ({@link LectorOcr#PAGE_SCHEMA}), in input
 * order. A task keeps {@code pagesInFlight} pages in the engine at once (on virtual threads), so the
 * engine's workers stay busy while one page is decoded or laid out. A page that cannot be read is a
 * row with its error; only an engine that cannot be opened fails the task.
 */
final class PageReader implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    /** An engine with all its pages admitted is asked again after this wait, up to 10 minutes in all. */
    static final long OVERLOADED_WAIT_MS = 50;
    static final int OVERLOADED_RETRIES = 12_000;

    private final EngineSettings settings;
    private final TemplateChoice template;
    private final int pagesInFlight;

    PageReader(EngineSettings settings, TemplateChoice template, int pagesInFlight) {
        if (pagesInFlight < 1) throw new IllegalArgumentException("pages in flight must be >= 1: " + pagesInFlight);
        this.settings = settings;
        this.template = template;
        this.pagesInFlight = pagesInFlight;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> work) {
        OcrEngine engine = ExecutorEngine.get(settings);
        FieldExtractor extractor = template == null ? null : template.extractor();
        return new Window(work, row -> read(engine, extractor, row), pagesInFlight);
    }

    /** The page rows of one work row. */
    static List<Row> read(OcrEngine engine, FieldExtractor extractor, Row work) {
        String path = work.getString(0);
        int page = work.getInt(1);
        Integer number = page > 0 ? page : null;
        if (!work.isNullAt(3)) return List.of(errorRow(path, number, work.getString(3)));
        List<Row> out = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            try {
                engine.read((byte[]) work.get(2), PageRange.ALL, OcrOptions.DEFAULT,
                        p -> out.add(pageRow(path, page > 0 ? p.withNumber(page) : p, extractor)));
                return out;
            } catch (OverloadedException e) {
                // more task threads x pages in flight than the engine admits: wait, it is not the file's fault
                out.clear();
                if (attempt >= OVERLOADED_RETRIES) {
                    out.add(errorRow(path, number, message(e)));
                    return out;
                }
                try {
                    Thread.sleep(OVERLOADED_WAIT_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the engine", interrupted);
                }
            } catch (RuntimeException e) {
                out.add(errorRow(path, number, message(e)));
                return out;
            }
        }
    }

    static Row pageRow(String path, Page page, FieldExtractor extractor) {
        ArrayNode lines = JsonRenderer.mapper().createArrayNode();
        for (Line l : page.lines()) lines.add(JsonRenderer.line(l));
        String fields = extractor == null ? null
                : JsonRenderer.toJson(FieldsJson.addTo(JsonRenderer.mapper().createObjectNode(), extractor.extract(page)));
        return RowFactory.create(path, page.number(), page.text(), JsonRenderer.toJson(lines), fields, null);
    }

    static Row errorRow(String path, Integer page, String error) {
        return RowFactory.create(path, page, null, null, null, error);
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** One work row to its page rows. */
    @FunctionalInterface
    interface Reading {
        List<Row> apply(Row work);
    }

    /**
     * Runs up to {@code size} readings at once and hands their rows on in input order, holding only
     * the window's results; its threads end when the input does.
     */
    static final class Window implements Iterator<Row> {
        private final Iterator<Row> input;
        private final Reading reading;
        private final int size;
        private final Deque<Future<List<Row>>> inFlight = new ArrayDeque<>();
        private final Deque<Row> ready = new ArrayDeque<>();
        private ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

        Window(Iterator<Row> input, Reading reading, int size) {
            this.input = input;
            this.reading = reading;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                while (pool != null && input.hasNext() && inFlight.size() < size) {
                    Row work = input.next();
                    inFlight.add(pool.submit(() -> reading.apply(work)));
                }
                if (inFlight.isEmpty()) {
                    if (pool != null) {
                        pool.close();
                        pool = null;
                    }
                    return false;
                }
                try {
                    ready.addAll(inFlight.removeFirst().get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    throw new IllegalStateException("interrupted while reading pages", e);
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw new IllegalStateException("reading a page failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.removeFirst();
        }
    }
}
