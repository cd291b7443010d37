package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lector extract} and {@code lector eval --fields}, in-process. */
class ExtractCommandTest {

    /** One saved page of 'lector ocr --format jsonl': a receipt's lines. */
    private static String savedReceipt(String image, String total) {
        String lines = List.of(line("ACME STORE LTD", 40, 20), line("Date: 01/02/2020", 40, 80), line("TOTAL", 40, 140), line(total, 400, 140))
                .stream().reduce((a, b) -> a + "," + b).orElseThrow();
        return "{\"image\":\"" + image + "\",\"page\":1,\"width\":600,\"height\":400,\"rotation\":0,\"skew\":0,\"lines\":[" + lines
                + "],\"blocks\":[{\"kind\":\"paragraph\",\"points\":[[0,0],[1,0],[1,1],[0,1]],\"lines\":[0,1,2,3]}],\"text\":\"\"}";
    }

    private static String line(String text, int x, int y) {
        int w = text.length() * 12;
        return "{\"text\":\"" + text + "\",\"score\":0.9,\"points\":[[" + x + "," + y + "],[" + (x + w) + "," + y + "],[" + (x + w) + ","
                + (y + 24) + "],[" + x + "," + (y + 24) + "]],\"orientation\":0,\"words\":[]}";
    }

    @Test
    void badOptionsAreOneLineErrorsBeforeAnyModelLoads(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("x.png");
        Files.write(img, new byte[] {1});
        CliRun unknown = CliRun.lector("extract", "--template", "passport", img.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .isEqualTo("lector: Invalid value for option '--template': 'passport' (valid: receipt, invoice, id_card_cn, passport_mrz, kv)");
        CliRun empty = CliRun.lector("extract", "--keys", " , ", img.toString());
        assertThat(empty.err().strip()).startsWith("lector: --keys is empty");
        CliRun two = CliRun.lector("extract", "--template", "kv", "--keys", "a", img.toString());
        assertThat(two.err().strip()).isEqualTo("lector: give only one of --template, --template-file and --keys");
        CliRun format = CliRun.lector("extract", "--template", "kv", "--format", "tsv", img.toString());
        assertThat(format.err().strip()).isEqualTo("lector: Invalid value for option '--format': 'tsv' (valid: json, jsonl)");
        Path bad = dir.resolve("t.json");
        Files.writeString(bad, "{\"name\":\"t\",\"fields\":{\"a\":{\"anchors\":[\"a\"],\"kind\":1}}}");
        CliRun badTemplate = CliRun.lector("extract", "--template-file", bad.toString(), img.toString());
        assertThat(badTemplate.err().strip()).isEqualTo("lector: t.json: field 'a': unknown key \"kind\"");
        for (CliRun r : List.of(unknown, empty, two, format, badTemplate)) assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void extractsAndScoresFromSavedPages(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("pages.jsonl");
        Files.writeString(saved, savedReceipt("a.jpg", "9.99") + "\n" + savedReceipt("b.jpg", "5.00") + "\n");
        CliRun run = CliRun.lector("extract", "--template", "receipt", "--format", "jsonl", "--from-jsonl", saved.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> out = run.out().lines().toList();
        assertThat(out).hasSize(2);
        JsonNode a = new ObjectMapper().readTree(out.getFirst());
        assertThat(a.path("image").asText()).isEqualTo("a.jpg");
        assertThat(a.path("fields").path("total").path("normalized").asText()).isEqualTo("9.99");
        assertThat(a.path("fields").path("company").path("value").asText()).isEqualTo("ACME STORE LTD");

        Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, """
                {"image": "images/a.jpg", "width": 600, "height": 400, "lines": [], "fields": {"company": "ACME STORE LTD", "date": "01/02/2020", "total": "9.99"}}
                {"image": "images/b.jpg", "width": 600, "height": 400, "lines": [], "fields": {"company": "ACME STORE LTD", "date": "01/02/2020", "total": "6.00"}}
                """);
        CliRun eval = CliRun.lector("eval", "--fields", "--labels", labels.toString(), "--from-jsonl", saved.toString(), "--out", dir.resolve("r.json").toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("b.jpg total: expected '6.00', got '5.00'");
        JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("r.json")));
        assertThat(report.path("fields").path("total").path("tp").asInt()).isEqualTo(1);
        assertThat(report.path("fields").path("total").path("fp").asInt()).isEqualTo(1);
        assertThat(report.path("fields").path("company").path("f1").asDouble()).isEqualTo(1.0);
        assertThat(report.path("micro").path("tp").asInt()).isEqualTo(5);
    }

    @Test
    void extractsFromARenderedImage(@TempDir Path dir) throws Exception {
        var img = TextRenderer.render(800, 200, new Font(Font.SANS_SERIF, Font.PLAIN, 40),
                new TextRenderer.Placed("Invoice No: A-1047", 30, 70), new TextRenderer.Placed("Total: 45.10", 30, 150));
        Path f = dir.resolve("inv.png");
        ImageIO.write(img, "png", f.toFile());
        CliRun run = CliRun.lector("extract", "--keys", "Invoice No,Total", "--format", "jsonl", "--threads", "1", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out().strip());
        // the recogniser may put spaces into a run of digits ("A-1 04 7"): compare the characters
        assertThat(j.path("fields").path("Invoice No").path("value").asText().replace(" ", "")).isEqualTo("A-1047");
        assertThat(j.path("fields").path("Total").path("normalized").asText()).isEqualTo("45.10");
    }
}
