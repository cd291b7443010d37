package dev.lector.cli;

import dev.lector.image.ImageHeader;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.AltoRenderer;
import dev.lector.render.HocrRenderer;
import dev.lector.render.SearchablePdf;
import dev.lector.result.Document;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * {@code lector ocr --format pdf|hocr|alto -o OUT INPUT...}: one output file per input. One input
 * file: {@code OUT} is the file written (or a folder it goes into). Several inputs or a folder:
 * {@code OUT} is a folder, each output named after its input ({@code scan.jpg} -> {@code scan.pdf},
 * {@code scan.hocr}, {@code scan.xml}). Where it can be written is checked before any model loads.
 * A PDF keeps its pages that already have text as they are unless {@code forceOcr}; which pages
 * were OCRed is said on standard error.
 */
final class FileOutput {

    /** The file formats: PDF, hOCR, ALTO. */
    enum Kind {
        PDF("pdf"), HOCR("hocr"), ALTO("xml");

        final String extension;

        Kind(String extension) {
            this.extension = extension;
        }

        static Kind of(OutputFormat f) {
            return switch (f) {
                case PDF -> PDF;
                case HOCR -> HOCR;
                case ALTO -> ALTO;
                default -> null;
            };
        }
    }

    private record Job(Path input, Path output) {}

    private record Outcome(Job job, String message, String error) {}

    private FileOutput() {}

    /** Runs the command; returns its exit code. */
    static int run(Kind kind, Path out, List<Path> paths, boolean recursive, PageRange range, boolean forceOcr,
                   EngineOptions engineOptions, PrintStream stdout, PrintStream err) throws Exception {
        boolean many = paths.size() > 1 || paths.stream().anyMatch(Files::isDirectory);
        if (out == null && (kind == Kind.PDF || many)) {
            throw new IllegalArgumentException("--format " + kind.name().toLowerCase(Locale.ROOT) + (many ? " with several inputs" : "")
                    + " needs -o " + (many ? "FOLDER" : "FILE") + ": where to write the output");
        }
        Path folder = null;
        if (out != null && (many || Files.isDirectory(out))) {
            folder = out;
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write to -o " + out + ": cannot create the folder (" + reason(e) + ")");
            }
            if (!Files.isWritable(folder)) throw new IllegalArgumentException("cannot write to -o " + out + ": the folder is not writable");
        } else if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("cannot write to -o " + out + ": no such folder " + parent);
            }
            if (!Files.isWritable(parent) || (Files.exists(out) && !Files.isWritable(out))) {
                throw new IllegalArgumentException("cannot write to -o " + out + ": permission denied");
            }
        }
        List<Path> inputs = InputFiles.expand(paths, recursive).toList();
        Set<String> used = new HashSet<>();
        Deque<Job> jobs = new ArrayDeque<>();
        for (Path in : inputs) {
            Path target = out;
            if (folder != null) {
                String name = in.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String stem = dot > 0 ? name.substring(0, dot) : name;
                String file = used.add(stem) ? stem + "." + kind.extension : name + "." + kind.extension;
                used.add(file);
                target = folder.resolve(file);
            }
            jobs.add(new Job(in, target));
        }
        OcrOptions options = engineOptions.ocrOptions();
        int failures = 0;
        try (OcrEngine engine = OcrEngine.open(engineOptions.engineConfig());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int dpi = engine.config().limits().pdfDpi();
            int window = Math.max(2, engine.config().workers() * 2);
            Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
            Iterator<Job> it = jobs.iterator();
            while (it.hasNext() || !inFlight.isEmpty()) {
                while (it.hasNext() && inFlight.size() < window) {
                    Job j = it.next();
                    inFlight.add(pool.submit(() -> one(engine, j, kind, range, forceOcr, options, dpi, stdout)));
                }
                Outcome o = inFlight.removeFirst().get();
                if (o.error() != null) {
                    failures++;
                    err.println("lector: " + o.job().input() + ": " + o.error());
                } else if (o.message() != null) {
                    err.println("lector: " + o.job().input() + ": " + o.message());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static Outcome one(OcrEngine engine, Job job, Kind kind, PageRange range, boolean forceOcr, OcrOptions options,
                               int dpi, PrintStream stdout) {
        try {
            Path in = job.input();
            if (!Files.isRegularFile(in)) return new Outcome(job, null, Files.exists(in) ? "not a regular file" : "no such file");
            byte[] bytes = Files.readAllBytes(in);
            String name = in.getFileName().toString();
            boolean pdf = ImageHeader.isPdf(bytes);
            String message = null;
            byte[] result;
            if (kind == Kind.PDF && pdf) {
                SearchablePdf.Plan plan = SearchablePdf.plan(bytes, range, forceOcr);
                Document doc = plan.ocr().isEmpty() ? new Document(List.of()) : engine.read(bytes, plan.ocrRange(), options);
                SearchablePdf.Result r = SearchablePdf.addTextLayer(bytes, doc, dpi, plan.withText(), name);
                result = r.pdf();
                message = "OCRed " + pages(r.ocrPages(), "no pages")
                        + (r.skippedPages().isEmpty() ? "" : "; left " + pages(r.skippedPages(), "") + " as they were (they have text; --force-ocr to OCR them too)");
            } else {
                Document doc = engine.read(bytes, range, options);
                result = switch (kind) {
                    case PDF -> SearchablePdf.fromImage(bytes, doc, name);
                    case HOCR -> HocrRenderer.render(doc, name).getBytes(StandardCharsets.UTF_8);
                    case ALTO -> AltoRenderer.render(doc, name).getBytes(StandardCharsets.UTF_8);
                };
            }
            if (job.output() == null) {
                synchronized (stdout) {
                    stdout.write(result);
                    stdout.flush();
                }
            } else {
                Path tmp = job.output().resolveSibling(job.output().getFileName() + ".part");
                Files.write(tmp, result);
                Files.move(tmp, job.output(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new Outcome(job, message, null);
        } catch (IOException e) {
            return new Outcome(job, null, "cannot read or write: " + reason(e));
        } catch (RuntimeException e) {
            return new Outcome(job, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static String pages(List<Integer> pages, String none) {
        if (pages.isEmpty()) return none;
        return (pages.size() == 1 ? "page " : "pages ") + pages.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
