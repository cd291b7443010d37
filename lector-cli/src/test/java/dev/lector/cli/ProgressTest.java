package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar (drawn by me.tongfei:progressbar) and the summary line, on a captured stream. */
class ProgressTest {

    @Test
    void aBarCountsFilesAndPagesAndErrorsClearItsLine() throws Exception {
        var bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = new Progress("ocr", 3, true, true, err, 100);
        p.begin();
        p.done(2);
        p.failed("sub/b.png", "not an image");
        p.done(1);
        // the bar draws on its own thread, every 250 ms: wait for the drawing of the last step
        for (int i = 0; i < 200 && !bytes.toString(StandardCharsets.UTF_8).contains("3/3 files"); i++) Thread.sleep(25);
        p.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("3/3 files").contains("3 pages, ").contains(" pages/s");
        assertThat(out).contains("\r\033[Klector: sub/b.png: not an image\n");
        String last = out.substring(out.lastIndexOf('\n', out.length() - 2) + 1);
        assertThat(last).matches("lector: 3 files, 3 pages, 1 failed, \\d+\\.\\d s \\(\\d+\\.\\d pages/s\\)\n");
        assertThat(p.failures()).isEqualTo(1);
    }

    @Test
    void withoutABarThereAreOnlyErrorLinesAndTheSummary() {
        var bytes = new ByteArrayOutputStream();
        Progress p = new Progress("ocr", 2, false, true, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        p.begin();
        p.failed("a.png", "no such file");
        p.done(4);
        p.close();
        p.close(); // once only
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2).first().isEqualTo("lector: a.png: no such file");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r").contains("lector: 2 files, 4 pages, 1 failed, ");
    }

    @Test
    void quietOrOneInputShowsNothingButErrors() {
        var bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress quiet = Progress.of("ocr", 5, true, true, err); Progress single = Progress.of("ocr", 1, false, false, err)) {
            quiet.begin();
            single.begin();
            quiet.done(1);
            single.done(1);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
