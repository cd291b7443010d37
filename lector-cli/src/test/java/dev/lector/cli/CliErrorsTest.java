package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every bad option of every command is one line on stderr naming the valid values, with a non-zero
 * exit, refused while the command line is parsed (before any command code runs, so before models
 * load), and without Java class names or stack traces.
 */
class CliErrorsTest {

    @TempDir
    static Path dir;

    /** A file that exists (so a bad option, not a missing input, is what fails). */
    private static String image() {
        try {
            Path p = dir.resolve("x.png");
            if (!Files.exists(p)) Files.write(p, new byte[] {1, 2, 3});
            return p.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Command line (the file last) and the text the one-line message must contain. */
    static Stream<Arguments> badOptions() {
        String x = image();
        List<Arguments> a = new ArrayList<>();
        // ocr
        a.add(args("Invalid value for option '--format': 'xml' (valid: text, json, jsonl, tsv, pdf, hocr, alto)", "ocr", "-f", "xml", x));
        a.add(args("'--threads': '0' (valid: 1 or more)", "ocr", "--threads", "0", x));
        a.add(args("'--threads': 'many' (valid: a whole number, 1 or more)", "ocr", "--threads", "many", x));
        a.add(args("'--intra-op': '0' (valid: 1 or more)", "ocr", "--intra-op", "0", x));
        a.add(args("'--device': 'tpu' (valid: cpu, cuda, cuda:N, tensorrt, tensorrt:N)", "ocr", "--device", "tpu", x));
        a.add(args("'--device': 'cuda:x' (valid: cpu, cuda", "ocr", "--device", "cuda:x", x));
        a.add(args("'--det-concurrency': '0' (valid: 1 or more)", "ocr", "--det-concurrency", "0", x));
        a.add(args("'--rec-batch': '-1' (valid: 1 or more)", "ocr", "--rec-batch", "-1", x));
        a.add(args("'--batch-delay-ms': '-5' (valid: 0 or more)", "ocr", "--batch-delay-ms", "-5", x));
        a.add(args("'--max-pixels': '0' (valid: 1 or more)", "ocr", "--max-pixels", "0", x));
        a.add(args("'--full-res-side': '-1' (valid: 0 or more)", "ocr", "--full-res-side", "-1", x));
        a.add(args("'--dpi': '5000' (valid: 18 to 1200)", "ocr", "--dpi", "5000", x));
        a.add(args("'--preprocess': 'sharpen' (valid: none, gray, clahe, sauvola, denoise)", "ocr", "--preprocess", "sharpen", x));
        a.add(args("'--det-limit-side': '16' (valid: 32 to 8192)", "ocr", "--det-limit-side", "16", x));
        a.add(args("'--det-limit-type': 'avg' (valid: max, min)", "ocr", "--det-limit-type", "avg", x));
        a.add(args("'--pad': '-1' (valid: 0 to 1000)", "ocr", "--pad", "-1", x));
        a.add(args("'--crop-margin': '3' (valid: 0 to 2)", "ocr", "--crop-margin", "3", x));
        a.add(args("'--end-search': '5' (valid: 0 to 4)", "ocr", "--end-search", "5", x));
        a.add(args("'--unclip-ratio': '0' (valid: more than 0, up to 10)", "ocr", "--unclip-ratio", "0", x));
        a.add(args("'--box-thresh': '1' (valid: from 0 to less than 1)", "ocr", "--box-thresh", "1", x));
        a.add(args("'--drop-score': '1.5' (valid: 0 to 1)", "ocr", "--drop-score", "1.5", x));
        a.add(args("'--drop-score': 'high' (valid: a number, 0 to 1)", "ocr", "--drop-score", "high", x));
        a.add(args("'--det-model': 'nope.onnx' (valid: an existing file; there is no such file)", "ocr", "--det-model", "nope.onnx", x));
        a.add(args("'--rec-model': 'nope.onnx' (valid: an existing file", "ocr", "--rec-model", "nope.onnx", x));
        a.add(args("'--cls-model': 'nope.onnx' (valid: an existing file", "ocr", "--cls-model", "nope.onnx", x));
        a.add(args("'--dict': 'nope.txt' (valid: an existing file", "ocr", "--dict", "nope.txt", x));
        a.add(args("'--calibration': 'nope.json' (valid: an existing file", "ocr", "--calibration", "nope.json", x));
        a.add(args("Missing required parameter: 'PATH' (see 'lector calibrate --help')", "calibrate"));
        a.add(args("'--pages': '0' (valid: all, or page numbers and spans from 1 such as 1-3,5)", "ocr", "--pages", "0", x));
        a.add(args("'--pages': '2-x' (valid: all, or page numbers", "ocr", "--pages", "2-x", x));
        a.add(args("'--engine': 'tesseract' (valid: ppocr, vlm)", "ocr", "--engine", "tesseract", x));
        a.add(args("Unknown option: '--formt' (did you mean --format", "ocr", "--formt", "json", x));
        a.add(args("Missing required parameter: 'PATH' (see 'lector ocr --help')", "ocr"));
        a.add(args("Missing required parameter for option '--format'", "ocr", x, "-f"));
        // the VLM options, on ocr
        a.add(args("'--vlm-url': 'localhost:8000' (valid: an http:// or https:// URL with a host", "ocr", "--vlm-url", "localhost:8000", x));
        a.add(args("'--vlm-profile': 'qwen' (valid: hunyuan, generic)", "ocr", "--vlm-profile", "qwen", x));
        a.add(args("'--vlm-prompts': 'nope.json' (valid: an existing file", "ocr", "--vlm-prompts", "nope.json", x));
        a.add(args("'--vlm-timeout': '0' (valid: more than 0, up to 86400)", "ocr", "--vlm-timeout", "0", x));
        a.add(args("'--vlm-first-token-timeout': '-1' (valid: more than 0, up to 86400)", "ocr", "--vlm-first-token-timeout", "-1", x));
        a.add(args("'--vlm-connect-timeout': 'soon' (valid: a number, more than 0, up to 86400)", "ocr", "--vlm-connect-timeout", "soon", x));
        a.add(args("'--vlm-retries': '-1' (valid: 0 or more)", "ocr", "--vlm-retries", "-1", x));
        a.add(args("'--vlm-concurrency': '0' (valid: 1 or more)", "ocr", "--vlm-concurrency", "0", x));
        a.add(args("'--vlm-max-tokens': '0' (valid: 1 or more)", "ocr", "--vlm-max-tokens", "0", x));
        a.add(args("'--vlm-temperature': '-0.1' (valid: 0 or more)", "ocr", "--vlm-temperature", "-0.1", x));
        a.add(args("'--vlm-top-k': '0' (valid: -1 (off) or 1 or more)", "ocr", "--vlm-top-k", "0", x));
        a.add(args("'--vlm-repetition-penalty': '0' (valid: more than 0)", "ocr", "--vlm-repetition-penalty", "0", x));
        a.add(args("'--vlm-coords': 'inches' (valid: grid, pixels)", "ocr", "--vlm-coords", "inches", x));
        // extract
        a.add(args("'--template': 'passport' (valid: receipt, invoice, id_card_cn, passport_mrz, kv)", "extract", "--template", "passport", x));
        a.add(args("'--template-file': 'nope.json' (valid: an existing file", "extract", "--template-file", "nope.json", x));
        a.add(args("'--format': 'tsv' (valid: json, jsonl)", "extract", "--template", "kv", "--format", "tsv", x));
        a.add(args("'--from-jsonl': 'nope.jsonl' (valid: an existing file", "extract", "--template", "kv", "--from-jsonl", "nope.jsonl"));
        a.add(args("'--pages': 'first' (valid: all", "extract", "--template", "kv", "--pages", "first", x));
        a.add(args("'--engine': 'gpt' (valid: ppocr, vlm, auto)", "extract", "--keys", "a", "--engine", "gpt", x));
        a.add(args("'--threads': '0' (valid: 1 or more)", "extract", "--template", "kv", "--threads", "0", x));
        // parse, translate
        a.add(args("'--format': 'html' (valid: markdown, json, jsonl)", "parse", "-f", "html", x));
        a.add(args("'--pages': '0-2' (valid: all", "parse", "--pages", "0-2", x));
        a.add(args("'--to': 'fr' (valid: en, zh)", "translate", "--to", "fr", x));
        a.add(args("'--format': 'tsv' (valid: text, json, jsonl)", "translate", "--to", "en", "-f", "tsv", x));
        a.add(args("Missing required option: '--to=en|zh'", "translate", x));
        a.add(args("'--vlm-retries': 'x' (valid: a whole number, 0 or more)", "parse", "--vlm-retries", "x", x));
        // serve
        a.add(args("'--port': '70000' (valid: 0 to 65535)", "serve", "--port", "70000"));
        a.add(args("'--max-body-mb': '0' (valid: 1 or more)", "serve", "--max-body-mb", "0"));
        a.add(args("'--max-inflight-mb': '-1' (valid: 1 or more)", "serve", "--max-inflight-mb", "-1"));
        a.add(args("'--queue-size': '0' (valid: 1 or more)", "serve", "--queue-size", "0"));
        a.add(args("'--cache-entries': '-1' (valid: 0 or more)", "serve", "--cache-entries", "-1"));
        a.add(args("'--request-timeout-ms': '0' (valid: 1 or more)", "serve", "--request-timeout-ms", "0"));
        a.add(args("'--drain-timeout-ms': '-1' (valid: 0 or more)", "serve", "--drain-timeout-ms", "-1"));
        a.add(args("'--templates': 'no-such-dir' (valid: an existing folder; there is no such folder)", "serve", "--templates", "no-such-dir"));
        a.add(args("'--max-det-side': '10' (valid: 32 to 8192)", "serve", "--max-det-side", "10"));
        a.add(args("'--threads': '0' (valid: 1 or more)", "serve", "--threads", "0"));
        a.add(args("'--jobs-queue': '0' (valid: 1 or more)", "serve", "--jobs-dir", dir.toString(), "--jobs-queue", "0"));
        a.add(args("'--job-workers': '65' (valid: 1 to 64)", "serve", "--jobs-dir", dir.toString(), "--job-workers", "65"));
        // bench
        a.add(args("'--concurrency': '0' (valid: 1 or more)", "bench", "-c", "0", x));
        a.add(args("'--count': '0' (valid: 1 or more)", "bench", "-n", "0", x));
        a.add(args("'--warmup': '-1' (valid: 0 or more)", "bench", "--warmup", "-1", x));
        a.add(args("'--url': 'server' (valid: an http:// or https:// URL", "bench", "--url", "server", x));
        a.add(args("'--rounds': '0' (valid: 1 or more)", "bench", "--rounds", "0", x));
        a.add(args("'--extract': 'menu' (valid: receipt, invoice", "bench", "--extract", "menu", x));
        // eval
        a.add(args("'--labels': 'nope.jsonl' (valid: an existing file", "eval", "--labels", "nope.jsonl"));
        a.add(args("'--reference-order': 'random' (valid: file, layout)", "eval", "--labels", x, "--reference-order", "random"));
        a.add(args("'--limit': '0' (valid: 1 or more)", "eval", "--labels", x, "--limit", "0"));
        a.add(args("'--concurrency': '0' (valid: 1 or more)", "eval", "--labels", x, "-c", "0"));
        a.add(args("'--template': 'menu' (valid: receipt", "eval", "--labels", x, "--fields", "--template", "menu"));
        a.add(args("Missing required option: '--labels=FILE'", "eval"));
        // the command itself
        a.add(args("Unmatched argument at index 0: 'ocrr' (did you mean ocr?)", "ocrr"));
        return a.stream();
    }

    private static Arguments args(String expected, String... cmd) {
        return Arguments.of(String.join(" ", cmd).replace(dir.toString(), "DIR"), expected, cmd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionIsOneLineNamingTheValidValues(String title, String expected, String[] cmd) {
        CliRun run = CliRun.lector(cmd);
        assertThat(run.exit()).isEqualTo(ErrorReport.ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        String line = run.err().strip();
        assertThat(line).startsWith("lector: ").contains(expected);
        assertThat(line).doesNotContain("Exception").doesNotContain("dev.lector").doesNotContain("java.").doesNotContain("No enum constant");
    }

    /** Refused by picocli's parse itself: no command code runs, so no model can load. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void theRefusalHappensWhileParsing(String title, String expected, String[] cmd) {
        CommandLine cl = new CommandLine(new LectorCommand());
        assertThatThrownBy(() -> cl.parseArgs(cmd)).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void checksThatNeedSeveralOptionsAreOneLineBeforeAnyModelLoads() throws Exception {
        Path model = Files.write(dir.resolve("rec.onnx"), new byte[] {0});
        // these fail in the command, before the engine opens: the inputs are a fake image and a fake model
        for (String[] cmd : List.of(
                new String[] {"ocr", "--rec-model", model.toString(), image()},
                new String[] {"ocr", "-f", "pdf", image()},
                new String[] {"ocr", "-f", "pdf", "-o", dir.resolve("no/such/out.pdf").toString(), image()},
                new String[] {"ocr", "--engine", "vlm", "-f", "pdf", "--vlm-url", "http://127.0.0.1:9/v1", image()},
                new String[] {"extract", image()},
                new String[] {"extract", "--template", "kv", "--keys", "a", image()},
                new String[] {"extract", "--template", "kv"},
                new String[] {"serve", "--log-format", "xml"},
                new String[] {"serve", "--jobs-dir", dir.resolve("jobs").toString(), "--job-ttl", "soon"},
                new String[] {"serve", "--jobs-dir", dir.resolve("jobs").toString(), "--jobs-max-gb", "-1"},
                new String[] {"serve", "--job-workers", "2"},
                new String[] {"eval", "--labels", image(), "--from-text", dir.resolve("nope").toString()},
                new String[] {"ocr", "--calibration", image(), image()},
                new String[] {"calibrate", image()},
                new String[] {"calibrate", "--models", "cls", image(), image()},
                new String[] {"calibrate", "-o", dir.toString(), image()},
                new String[] {"calibrate", "--calibration", image(), image()})) {
            CliRun run = CliRun.lector(cmd);
            assertThat(run.exit()).as(String.join(" ", cmd)).isEqualTo(ErrorReport.ExitCode.USAGE);
            assertThat(run.err().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("lector: ").doesNotContain("Exception").doesNotContain("dev.lector").doesNotContain("\tat ");
        }
        assertThat(CliRun.lector("ocr", "--rec-model", model.toString(), image()).err()).contains("--rec-model needs --dict");
        assertThat(CliRun.lector("serve", "--log-format", "xml").err()).contains("--log-format must be text or json, not 'xml'");
        assertThat(CliRun.lector("ocr", "--calibration", image(), image()).err()).contains("is not one `lector calibrate` wrote: not JSON");
        assertThat(CliRun.lector("calibrate", "--models", "det,cls", image(), image()).err()).contains("--models takes det, rec or det,rec, not ");
        assertThat(CliRun.lector("calibrate", image()).err()).contains("calibration needs at least 2 pages, one to calibrate on and one to check on; found 1");
        assertThat(CliRun.lector("calibrate", "-o", dir.toString(), image()).err()).contains("is a folder: name the calibration file");
    }

    @Test
    void failuresInsideACommandAreOneLineWithoutClassNames() {
        assertThat(ErrorReport.oneLine(new java.util.concurrent.ExecutionException(new IllegalStateException("java.io.IOException: disk full"))))
                .isEqualTo("disk full");
        assertThat(ErrorReport.oneLine(new java.nio.file.NoSuchFileException("/tmp/x.png"))).isEqualTo("/tmp/x.png: no such file or folder");
        assertThat(ErrorReport.oneLine(new java.nio.file.AccessDeniedException("/root/x"))).isEqualTo("/root/x: permission denied");
        assertThat(ErrorReport.oneLine(new IllegalArgumentException("first line\n\tat dev.lector.Foo.bar(Foo.java:1)"))).doesNotContain("\n");
        String npe = ErrorReport.oneLine(new NullPointerException());
        assertThat(npe).startsWith("internal error").contains("LECTOR_DEBUG").doesNotContain("NullPointer");
        assertThat(ErrorReport.exitCode(new NullPointerException())).isEqualTo(ErrorReport.ExitCode.INTERNAL);
        assertThat(ErrorReport.oneLine(new OutOfMemoryError("Java heap space"))).startsWith("out of memory").contains("LECTOR_JAVA_OPTS");
    }
}
