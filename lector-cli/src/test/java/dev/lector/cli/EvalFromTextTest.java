package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalFromTextTest {

    @Test
    void scoresTextFilesWithThePageNormalisation(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, """
                {"image": "images/a.jpg", "width": 600, "height": 400, "lines": [{"text": "TOTAL 12.00", "points": [[10,10],[200,10],[200,40],[10,40]]}, {"text": "THANK YOU", "points": [[10,60],[200,60],[200,90],[10,90]]}]}
                {"image": "images/b.png", "width": 600, "height": 400, "lines": [{"text": "你好！", "points": [[10,10],[200,10],[200,40],[10,40]]}]}
                {"image": "images/c.png", "width": 600, "height": 400, "lines": [{"text": "gone", "points": [[10,10],[200,10],[200,40],[10,40]]}]}
                """);
        Path texts = Files.createDirectory(dir.resolve("txt"));
        // whitespace and page breaks do not count; full-width punctuation is NFKC-folded like Lector's own pages
        Files.writeString(texts.resolve("a.txt"), "TOTAL   12.00\n\n\fTHANK YOU\n");
        Files.writeString(texts.resolve("b.txt"), "你好!");
        CliRun run = CliRun.lector("eval", "--labels", labels.toString(), "--from-text", texts.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 scored, 1 without a text file").contains("page CER           0.0000");
        assertThat(run.err()).contains("c.png");

        // one wrong character of the 21 (whitespace removed): 1/21
        Files.writeString(texts.resolve("a.txt"), "TOTAL 12.00\nTHANK Y0U\n");
        CliRun wrong = CliRun.lector("eval", "--labels", labels.toString(), "--from-text", texts.toString());
        assertThat(wrong.out()).contains("page CER           0.0476");

        CliRun none = CliRun.lector("eval", "--labels", labels.toString(), "--from-text", dir.resolve("nope").toString());
        assertThat(none.exit()).isNotZero();
        assertThat(none.err().strip()).isEqualTo("lector: --from-text " + dir.resolve("nope") + ": no such folder");
    }
}
