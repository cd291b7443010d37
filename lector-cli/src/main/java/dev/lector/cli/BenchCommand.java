package dev.lector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.image.PageRange;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lector bench DIR}: throughput and latency in-process or against a server, and side-by-side
 * comparison of two configurations in one process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure images/s, latency percentiles, per-stage time, CPU and memory.",
        footerHeading = "%nExamples:%n",
        footer = {"  lector bench -c 4 -n 100 receipts/",
                "  lector bench --compare '--rec-batch 6' '--rec-batch 1' --rounds 5 receipts/",
                "  lector bench --url http://127.0.0.1:8080 -c 8 receipts/"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder (or files) of images to run.")
    List<Path> inputs;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "1", converter = OptionValues.AtLeastOne.class, description = "Images in flight at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-n", "--count"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, description = "Images to run (default: each image once).")
    Integer count;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", converter = OptionValues.AtLeastZero.class, description = "Images run before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--url", paramLabel = "URL", converter = OptionValues.HttpUrl.class, description = "Benchmark a running server (POST URL/v1/ocr) instead of an in-process engine.")
    String url;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--compare", arity = "2", paramLabel = "OPTIONS",
            description = "Two engine option strings, e.g. '--rec-batch 6' '--rec-batch 1': run alternately and print the B/A speed ratio.")
    List<String> compare;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", converter = OptionValues.AtLeastOne.class, description = "Rounds of A then B with --compare (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--extract", paramLabel = "TEMPLATE",
            converter = OptionValues.Template.class, description = "Also extract fields with this built-in template after OCR (in-process only) and report its time beside OCR's.")
    String extract;

    @Mixin
    EngineOptions engineOptions;

    /** What one run of a workload measured. */
    record Measurement(int images, double seconds, double[] latenciesMs, double[] stageMs, long lines, double cpuPercent,
            double[] extractWallMs, double[] extractCpuMs) {
        /** Mean field extraction time after OCR (bench --extract; wall clock), else 0. */
        double extractMs() {
            return stageMs.length > 5 ? stageMs[5] : 0;
        }

        /** Mean CPU time of the thread that extracted (bench --extract), else 0: the wall time less the time it waited for a core. */
        double extractCpuMeanMs() {
            return Arrays.stream(extractCpuMs).average().orElse(0);
        }

        static double median(double[] v) {
            if (v.length == 0) return 0;
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double imagesPerSecond() {
            return images / seconds;
        }

        double percentile(double p) {
            double[] s = latenciesMs.clone();
            Arrays.sort(s);
            if (s.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100 * s.length) - 1; // nearest-rank percentile
            return s[Math.max(0, Math.min(s.length - 1, rank))];
        }
    }

    /** Reads one image somewhere: returns per-stage ms (decode, detect, classify, recognize, total) and line count. */
    interface Reader {
        double[] read(byte[] image) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        List<byte[]> images = loadImages();
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images (.jpg .png .bmp .tif .webp) in " + String.join(", ", inputs.stream().map(Path::toString).toList())
                    + " or its sub-folders (bench reads images, not PDFs)");
        }
        int n = count == null ? images.size() : count;
        if (extract != null && (url != null || compare != null)) throw new IllegalArgumentException("--extract runs in-process only, without --url or --compare");
        dev.lector.extract.FieldExtractor extractor = extract == null ? null : dev.lector.extract.Templates.extractor(extract);
        if (compare != null) return compare(images, n);
        Measurement m;
        if (url != null) {
            m = runServer(images, n);
        } else {
            try (OcrEngine engine = OcrEngine.open(engineOptions.engineConfig())) {
                Reader reader = engineReader(engine, engineOptions.ocrOptions(), extractor);
                run(reader, images, warmup);
                m = run(reader, images, n);
            }
        }
        System.out.println(describe(m));
        if (extractor != null) {
            System.out.println(String.format(Locale.ROOT, "extract ms (mean)  %s %.3f, %.2f%% of OCR total (median %.3f, max %.3f; CPU mean %.3f, median %.3f)",
                    extract, m.extractMs(), 100 * m.extractMs() / m.stageMs()[4], Measurement.median(m.extractWallMs()),
                    Arrays.stream(m.extractWallMs()).max().orElse(0), m.extractCpuMeanMs(), Measurement.median(m.extractCpuMs())));
        }
        if (json != null) Files.writeString(json, toJson(m).toPrettyString());
        return 0;
    }

    private Measurement runServer(List<byte[]> images, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = url.replaceAll("/+$", "");
        URI endpoint = URI.create(base + "/v1/ocr");
        Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();
        Reader reader = bytes -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (r.statusCode() != 200) return new double[6];
            JsonNode node = JsonRenderer.mapper().readTree(r.body()).path("pages").path(0);
            JsonNode t = node.path("timings_ms");
            return new double[] {t.path("decode").asDouble(), t.path("detect").asDouble(), t.path("classify").asDouble(),
                    t.path("recognize").asDouble(), t.path("total").asDouble(), node.path("lines").size()};
        };
        run(reader, images, warmup);
        statuses.clear();
        ServerProbe probe = new ServerProbe(http, URI.create(base + "/metrics"));
        List<ServerProbe.Sample> samples = new ArrayList<>();
        samples.add(probe.sample("start"));
        int checkpoint = Math.min(200, n);
        Measurement m = run(reader, images, n, done -> {
            if (done == checkpoint && n > checkpoint) samples.add(probe.sample("after " + checkpoint));
        });
        samples.add(probe.sample("end (" + n + ")"));
        StringBuilder report = new StringBuilder("HTTP statuses      ");
        statuses.forEach((code, count) -> report.append(code).append('=').append(count.get()).append(' '));
        System.out.println(report.toString().trim());
        for (ServerProbe.Sample sample : samples) System.out.println(sample);
        return m;
    }

    private int compare(List<byte[]> images, int n) throws Exception {
        EngineOptions a = parse(compare.get(0)), b = parse(compare.get(1));
        List<Double> ratios = new ArrayList<>();
        try (OcrEngine ea = OcrEngine.open(a.engineConfig()); OcrEngine eb = OcrEngine.open(b.engineConfig())) {
            Reader ra = engineReader(ea, a.ocrOptions()), rb = engineReader(eb, b.ocrOptions());
            run(ra, images, warmup);
            run(rb, images, warmup);
            for (int round = 1; round <= rounds; round++) {
                Measurement ma = run(ra, images, n), mb = run(rb, images, n);
                double ratio = mb.imagesPerSecond() / ma.imagesPerSecond();
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d: A %.3f img/s (p50 %.0f ms), B %.3f img/s (p50 %.0f ms), B/A %.3f%n",
                        round, ma.imagesPerSecond(), ma.percentile(50), mb.imagesPerSecond(), mb.percentile(50), ratio);
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "median B/A throughput ratio over %d rounds: %.3f  (A = '%s', B = '%s')%n",
                sorted.length, median, compare.get(0), compare.get(1));
        if (json != null) {
            ObjectNode node = JsonRenderer.mapper().createObjectNode();
            node.put("a", compare.get(0));
            node.put("b", compare.get(1));
            node.putPOJO("ratios", ratios);
            node.put("median_ratio", median);
            Files.writeString(json, node.toPrettyString());
        }
        return 0;
    }

    private static EngineOptions parse(String options) {
        final class Holder {
            @Mixin
            EngineOptions options;
        }
        Holder h = new Holder();
        new CommandLine(h).parseArgs(options.isBlank() ? new String[0] : options.trim().split("\\s+"));
        return h.options;
    }

    private static Reader engineReader(OcrEngine engine, OcrOptions options) {
        return engineReader(engine, options, null);
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** With an extractor, element 6 is the time extraction took after OCR, in ms, and element 7 the CPU time its thread spent on it. */
    private static Reader engineReader(OcrEngine engine, OcrOptions options, dev.lector.extract.FieldExtractor extractor) {
        return bytes -> {
            Page r = engine.read(bytes, PageRange.ALL, options).pages().getFirst();
            var t = r.timings(); // total already includes decode
            double extractMs = 0, extractCpuMs = 0;
            if (extractor != null) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long e0 = System.nanoTime();
                extractor.extract(r);
                extractMs = (System.nanoTime() - e0) / 1e6;
                extractCpuMs = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            return new double[] {t.decodeMs(), t.detectMs(), t.classifyMs(), t.recognizeMs(), t.totalMs(), r.lines().size(), extractMs, extractCpuMs};
        };
    }

    /** Runs {@code n} images (cycling through the set) with {@code concurrency} in flight. */
    private Measurement run(Reader reader, List<byte[]> images, int n) throws Exception {
        return run(reader, images, n, done -> {});
    }

    /** Like {@link #run(Reader, List, int)}, telling {@code progress} the count done after each image. */
    private Measurement run(Reader reader, List<byte[]> images, int n, java.util.function.IntConsumer progress) throws Exception {
        if (n <= 0) return new Measurement(0, 1, new double[0], new double[5], 0, 0, new double[0], new double[0]);
        double[] latencies = new double[n];
        double[][] stages = new double[n][];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        stages[i] = reader.read(images.get(i % images.size()));
                        latencies[i] = (System.nanoTime() - s) / 1e6;
                        progress.accept(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / seconds * 100;
        double[] mean = new double[6];
        long lines = 0;
        boolean extracted = stages[0].length > 7;
        double[] extractMs = new double[extracted ? n : 0], extractCpuMs = new double[extracted ? n : 0];
        for (int i = 0; i < n; i++) {
            double[] s = stages[i];
            for (int k = 0; k < 5; k++) mean[k] += s[k] / n;
            if (s.length > 6) mean[5] += s[6] / n;
            if (extracted) {
                extractMs[i] = s[6];
                extractCpuMs[i] = s[7];
            }
            lines += (long) s[5];
        }
        return new Measurement(n, seconds, latencies, mean, lines, url == null ? cpu : Double.NaN, extractMs, extractCpuMs);
    }

    private String describe(Measurement m) {
        return String.format(Locale.ROOT, """
                images             %d in %.1f s, concurrency %d%s
                throughput         %.3f images/s, %.1f lines/s
                latency ms         p50 %.0f  p90 %.0f  p99 %.0f
                stage ms (mean)    decode %.1f, detect %.1f, classify %.1f, recognize %.1f, total %.1f
                process CPU        %s
                peak RSS           %s""",
                m.images(), m.seconds(), concurrency, url == null ? "" : ", server " + url,
                m.imagesPerSecond(), m.lines() / m.seconds(), m.percentile(50), m.percentile(90), m.percentile(99),
                m.stageMs()[0], m.stageMs()[1], m.stageMs()[2], m.stageMs()[3], m.stageMs()[4],
                Double.isNaN(m.cpuPercent()) ? "n/a (server)" : String.format(Locale.ROOT, "%.0f%% of one core", m.cpuPercent()),
                url == null ? peakRssMb() + " MB" : "n/a (server)");
    }

    private ObjectNode toJson(Measurement m) {
        ObjectNode node = JsonRenderer.mapper().createObjectNode();
        node.put("images", m.images());
        node.put("seconds", m.seconds());
        node.put("concurrency", concurrency);
        node.put("images_per_second", m.imagesPerSecond());
        node.put("lines_per_second", m.lines() / m.seconds());
        node.put("p50_ms", m.percentile(50));
        node.put("p90_ms", m.percentile(90));
        node.put("p99_ms", m.percentile(99));
        ObjectNode st = node.putObject("stage_ms");
        String[] names = {"decode", "detect", "classify", "recognize", "total"};
        for (int k = 0; k < 5; k++) st.put(names[k], m.stageMs()[k]);
        if (extract != null) {
            st.put("extract", m.extractMs());
            st.put("extract_median", Measurement.median(m.extractWallMs()));
            st.put("extract_cpu", m.extractCpuMeanMs());
            node.putPOJO("extract_ms_pages", m.extractWallMs());
            node.putPOJO("extract_cpu_ms_pages", m.extractCpuMs());
        }
        if (!Double.isNaN(m.cpuPercent())) node.put("cpu_percent", m.cpuPercent());
        if (url == null) node.put("peak_rss_mb", peakRssMb());
        return node;
    }

    /** VmHWM of this process, from /proc (Linux); -1 elsewhere. */
    static long peakRssMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) / 1024).orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }

    private List<byte[]> loadImages() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = InputFiles.expand(inputs, true)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }
}
