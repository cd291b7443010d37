package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.cli.InputFiles.Input;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands read (folders, -r, patterns, standard input; empty inputs are errors) and
 * where they write (-o file, one file, a folder mirroring -r's sub-folders), with the summary line.
 * The runs that read text use the embedded models; the rest need none.
 */
class InputsAndOutputsTest {

    @TempDir
    Path dir;

    private static byte[] png(String text) throws Exception {
        var img = TextRenderer.render(520, 110, new Font(Font.SANS_SERIF, Font.PLAIN, 40), new TextRenderer.Placed(text, 30, 70));
        var bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        return bos.toByteArray();
    }

    /** Two lines, as ExtractCommandTest draws them: an invoice number and a total. */
    private static byte[] invoice(String total) throws Exception {
        var img = TextRenderer.render(800, 200, new Font(Font.SANS_SERIF, Font.PLAIN, 40),
                new TextRenderer.Placed("Invoice No: A-1047", 30, 70), new TextRenderer.Placed("Total: " + total, 30, 150));
        var bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        return bos.toByteArray();
    }

    private static String letters(String s) {
        return s.replace(" ", "").strip();
    }

    private static List<JsonNode> jsonLines(String text) {
        ObjectMapper m = new ObjectMapper();
        return text.lines().map(l -> {
            try {
                return m.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    // ---- empty inputs: errors before any model loads ----

    @Test
    void emptyInputsAreOneLineErrorsWithExitTwo() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path onlySub = Files.createDirectories(dir.resolve("only-sub/inner"));
        Path notImages = Files.createDirectory(dir.resolve("notes"));
        Files.writeString(notImages.resolve("readme.txt"), "hello");
        Path emptyTree = Files.createDirectories(dir.resolve("tree/a/b"));

        CliRun e = CliRun.lector("ocr", empty.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err().strip()).isEqualTo("lector: " + empty + ": the folder is empty");

        CliRun s = CliRun.lector("ocr", onlySub.getParent().toString());
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.err().strip()).startsWith("lector: " + onlySub.getParent() + ": no images or PDFs").contains("only 1 sub-folder")
                .endsWith("add -r to read sub-folders");

        CliRun n = CliRun.lector("extract", "--template", "kv", notImages.toString());
        assertThat(n.exit()).isEqualTo(2);
        assertThat(n.err().strip()).contains("no images or PDFs (.bmp .jpeg .jpg .pdf .png .tif .tiff .webp) in the folder");

        CliRun r = CliRun.lector("ocr", "-r", emptyTree.getParent().getParent().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).endsWith("no images or PDFs (.bmp .jpeg .jpg .pdf .png .tif .tiff .webp) in the folder or its sub-folders");

        CliRun g = CliRun.lector("ocr", dir.resolve("scans/*.png").toString());
        assertThat(g.exit()).isEqualTo(2);
        assertThat(g.err().strip()).isEqualTo("lector: no file matches '" + dir.resolve("scans/*.png") + "'");

        CliRun p = CliRun.lector("parse", "--vlm-url", "http://127.0.0.1:9/v1", empty.toString());
        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err().strip()).endsWith("the folder is empty");

        CliRun twice = CliRun.lector("ocr", "-", "-");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err().strip()).isEqualTo("lector: standard input ('-') can be read only once");

        for (CliRun run : List.of(e, s, n, r, g, p, twice)) {
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void missingFilesFailWithExitOneAndAnEmptyFolderAmongOthersIsSkipped() throws Exception {
        CliRun missing = CliRun.lector("ocr", dir.resolve("a.png").toString(), dir.resolve("b.png").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("a.png: no such file").contains("b.png: no such file").contains("lector: 2 files, 0 pages, 2 failed");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        List<Input> in = InputFiles.list(List.of(empty, dir.resolve("x.png")), false, new java.io.PrintStream(new ByteArrayOutputStream()));
        assertThat(in).extracting(Input::name).containsExactly(dir.resolve("x.png").toString());
    }

    @Test
    void anInputThatRunsOutOfMemoryFailsAloneAndTheOthersAreRead() throws Exception {
        Path a = Files.write(dir.resolve("a.png"), png("first page"));
        Path big = Files.write(dir.resolve("big.png"), png("too big"));
        Path c = Files.write(dir.resolve("c.png"), png("third page"));
        List<Input> inputs = InputFiles.list(List.of(a, big, c), false, System.err);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> read = new ArrayList<>();
        int exit;
        try (Progress progress = Progress.of("ocr", inputs.size(), true, false, new java.io.PrintStream(err, true))) {
            exit = EngineRun.<String>run(dev.lector.pipeline.EngineConfig.defaults(), inputs, System.in, progress, (engine, in, bytes, t0) -> {
                // the real failure: a page whose buffers the heap cannot hold
                if (in.name().endsWith("big.png")) throw new OutOfMemoryError("Java heap space");
                return new EngineRun.Result<>(in, engine.read(bytes, dev.lector.image.PageRange.ALL, dev.lector.pipeline.OcrOptions.DEFAULT)
                        .pages().getFirst().text(), 1, 0, null);
            }, r -> read.add(r.input().fileName() + ": " + letters(r.value())));
        }
        assertThat(exit).isEqualTo(ErrorReport.ExitCode.INPUT);
        assertThat(read).containsExactly("a.png: firstpage", "c.png: thirdpage");
        assertThat(err.toString()).contains("big.png: out of memory: give Java more heap").contains("1 failed");
    }

    // ---- listing: names relative to the folder or pattern ----

    @Test
    void foldersAndPatternsNameInputsRelativeToWhereTheyStart() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/sub/deeper"));
        for (String f : List.of("in/b.png", "in/a.jpg", "in/sub/c.png", "in/sub/deeper/d.pdf", "in/sub/notes.txt")) {
            Files.write(dir.resolve(f), new byte[] {1});
        }
        Path root = dir.resolve("in");
        var quiet = new java.io.PrintStream(new ByteArrayOutputStream());
        assertThat(InputFiles.list(List.of(root), false, quiet)).extracting(Input::name).containsExactly("a.jpg", "b.png");
        assertThat(InputFiles.list(List.of(root), true, quiet)).extracting(Input::name)
                .containsExactly("a.jpg", "b.png", "sub/c.png", "sub/deeper/d.pdf");
        assertThat(InputFiles.list(List.of(root), true, quiet)).extracting(Input::fileName).containsExactly("a.jpg", "b.png", "c.png", "d.pdf");
        assertThat(InputFiles.list(List.of(Path.of(root + "/sub/*.png")), false, quiet)).extracting(Input::name)
                .containsExactly(root + "/sub/c.png");
        assertThat(InputFiles.list(List.of(Path.of(root + "/**.p*")), false, quiet)).extracting(Input::relative)
                .containsExactly("b.png", "sub/c.png", "sub/deeper/d.pdf");
        assertThat(InputFiles.list(List.of(Path.of(root + "/**/*.png")), false, quiet)).extracting(Input::relative)
                .containsExactly("b.png", "sub/c.png");
        Path direct = root.resolve("sub/c.png");
        assertThat(InputFiles.list(List.of(direct, Path.of("-")), false, quiet)).extracting(Input::name, Input::relative)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(direct.toString(), "c.png"), org.assertj.core.groups.Tuple.tuple("-", "stdin"));
        assertThat(InputFiles.many(List.of(direct))).isFalse();
        assertThat(InputFiles.many(List.of(root))).isTrue();
    }

    // ---- -o: where results go (no models) ----

    @Test
    void outputPlansOneFileAFolderOrStandardOutput() throws Exception {
        List<Input> inputs = List.of(new Input(Path.of("in/a.png"), "a.png", "a.png"), new Input(Path.of("in/a.jpg"), "a.jpg", "a.jpg"),
                new Input(Path.of("in/sub/b.png"), "sub/b.png", "sub/b.png"), Input.stdin());
        Path out = dir.resolve("out");
        FileOutput.Plan folder = FileOutput.plan(OutputFormat.TEXT, out, inputs, true);
        assertThat(folder.perInput()).hasSize(4);
        assertThat(inputs.stream().map(folder.perInput()::get).map(p -> out.relativize(p).toString()).toList())
                .containsExactly("a.txt", "a.jpg.txt", "sub/b.txt", "stdin.txt");
        assertThat(Files.isDirectory(out)).isTrue();

        FileOutput.Plan one = FileOutput.plan(OutputFormat.JSONL, dir.resolve("all.jsonl"), inputs, true);
        assertThat(one.stream()).isEqualTo(dir.resolve("all.jsonl"));
        assertThat(one.perInput()).isNull();

        FileOutput.Plan alto = FileOutput.plan(OutputFormat.ALTO, out, inputs, true);
        assertThat(out.relativize(alto.perInput().get(inputs.get(2))).toString()).isEqualTo("sub/b.xml");

        FileOutput.Plan single = FileOutput.plan(OutputFormat.JSON, dir.resolve("r.json"), inputs.subList(0, 1), false);
        assertThat(single.stream()).isEqualTo(dir.resolve("r.json"));
        assertThat(FileOutput.plan(OutputFormat.TSV, null, inputs, true).toStdout()).isTrue();

        assertThatThrownBy(() -> FileOutput.plan(OutputFormat.PDF, dir.resolve("all.pdf"), inputs, true))
                .hasMessage("--format pdf writes one file per input: with several inputs -o names a folder, not all.pdf");
        assertThatThrownBy(() -> FileOutput.plan(OutputFormat.HOCR, null, inputs, true))
                .hasMessage("--format hocr with several inputs needs -o FOLDER: where to write the output");
        assertThatThrownBy(() -> FileOutput.plan(OutputFormat.TEXT, dir.resolve("no/such/r.txt"), inputs.subList(0, 1), false))
                .hasMessageStartingWith("cannot write to -o").hasMessageContaining("no such folder");
    }

    // ---- end to end, with the models ----

    @Test
    void recursiveRunsKeepRelativePathsInOutputsFilesAndTheSummary() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        Files.write(in.resolve("a.png"), png("Apples 12"));
        Files.write(in.resolve("sub/b.png"), png("Cherries 34"));

        CliRun text = CliRun.lector("ocr", "-r", "--threads", "2", dir.resolve("in").toString());
        assertThat(text.exit()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("==> a.png <==");
        assertThat(letters(lines.get(1))).isEqualTo("Apples12");
        assertThat(lines.get(2)).isEqualTo("==> sub/b.png <==");
        assertThat(letters(lines.get(3))).isEqualTo("Cherries34");
        // the summary: the last line on stderr, and nothing else there (no terminal, so no bar)
        assertThat(text.err().lines().toList()).hasSize(1);
        assertThat(text.err().strip()).matches("lector: 2 files, 2 pages, 0 failed, \\d+\\.\\d s \\(\\d+\\.\\d pages/s\\)");

        Path all = dir.resolve("all.jsonl");
        CliRun jsonl = CliRun.lector("ocr", "-r", "-q", "-f", "jsonl", "-o", all.toString(), "--threads", "2", dir.resolve("in").toString());
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        assertThat(jsonl.out()).isEmpty();
        assertThat(jsonl.err()).isEmpty(); // --quiet: no summary
        assertThat(dir.resolve("all.jsonl.part")).doesNotExist(); // written whole, then renamed
        List<JsonNode> pages = jsonLines(Files.readString(all));
        assertThat(pages).extracting(p -> p.path("path").asText()).containsExactly("a.png", "sub/b.png");
        assertThat(pages).extracting(p -> p.path("image").asText()).containsExactly("a.png", "b.png");
        assertThat(letters(pages.get(1).path("text").asText())).isEqualTo("Cherries34");

        Path out = dir.resolve("out");
        Files.writeString(in.resolve("sub/bad.png"), "not an image");
        CliRun folder = CliRun.lector("ocr", "-r", "-o", out.toString(), "--threads", "2", dir.resolve("in").toString());
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.out()).isEmpty();
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList())
                    .containsExactly("a.txt", "sub/b.txt");
        }
        assertThat(letters(Files.readString(out.resolve("sub/b.txt")))).isEqualTo("Cherries34"); // one input per file: no header
        assertThat(folder.err().lines().toList()).hasSize(2);
        assertThat(folder.err().lines().toList().get(0)).startsWith("lector: sub/bad.png: ");
        assertThat(folder.err().lines().toList().get(1)).startsWith("lector: 3 files, 2 pages, 1 failed, ");
    }

    @Test
    void standardInputIsReadForOcrAndExtract() throws Exception {
        byte[] image = invoice("45.10");
        Path file = Files.write(dir.resolve("inv.png"), image);
        CliRun fromFile = CliRun.lector("ocr", "--threads", "2", file.toString());
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("45.10");

        Path result = dir.resolve("result.txt");
        CliRun ocr = CliRun.lectorWithStdin(image, "ocr", "--threads", "2", "-o", result.toString(), "-");
        assertThat(ocr.exit()).as(ocr.err()).isZero();
        assertThat(ocr.out()).isEmpty();
        assertThat(ocr.err()).isEmpty(); // one input: no summary
        assertThat(Files.readString(result)).isEqualTo(fromFile.out()); // the same bytes read the same, piped in and written to -o

        CliRun extract = CliRun.lectorWithStdin(image, "extract", "--keys", "Total", "-f", "jsonl", "--threads", "2", "-");
        assertThat(extract.exit()).as(extract.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(extract.out().strip());
        assertThat(n.path("image").asText()).isEqualTo("-");
        assertThat(n.path("path").asText()).isEqualTo("-");
        assertThat(n.path("fields").path("Total").path("normalized").asText()).isEqualTo("45.10");

        CliRun empty = CliRun.lectorWithStdin(new byte[0], "ocr", "-");
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(empty.err().strip()).isEqualTo("lector: -: standard input is empty");
    }

    @Test
    void extractWritesOneFilePerInputIntoAFolder() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("x.png"), invoice("9.99"));
        Files.write(in.resolve("y.png"), invoice("5.00"));
        Path out = dir.resolve("fields");
        CliRun run = CliRun.lector("extract", "--keys", "Total", "-f", "jsonl", "-o", out.toString(), "--threads", "2", in.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, String> totals = Map.of("x.jsonl", "9.99", "y.jsonl", "5.00");
        for (var e : totals.entrySet()) {
            JsonNode n = new ObjectMapper().readTree(Files.readString(out.resolve(e.getKey())).strip());
            assertThat(n.path("fields").path("Total").path("normalized").asText()).isEqualTo(e.getValue());
        }
        assertThat(run.err().strip()).startsWith("lector: 2 files, 2 pages, 0 failed, ");
    }
}
