package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.image.PageRange;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.ModelSet;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.recognize.CalibrationLines;
import dev.lector.recognize.Charset;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.testing.TextRenderer;
import dev.lector.testing.TextRenderer.Placed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one machine that differ only in the fonts installed: one JVM sees the machine's
 * fonts, the other (through fontconfig) DejaVu alone or none, so the JDK's logical fonts draw
 * other pixels there, as on another machine. Each builds the default engine (INT8 recognition)
 * and reads the same page; the texts and scores must be identical.
 */
class FontIndependenceTest {

    @TempDir
    Path dir;

    @Test
    void enginesOnDifferentFontSetsReadTheSamePageIdentically() throws Exception {
        Path page = dir.resolve("page.png");
        java.awt.Font cjk = TextRenderer.font(true, 36);
        org.junit.jupiter.api.Assumptions.assumeTrue(cjk != null, "no CJK font on this machine");
        ImageIO.write(TextRenderer.render(900, 300, cjk,
                new Placed("Invoice 4711 total 129.50", 30, 80), new Placed("中文识别测试 发票号码", 30, 190)), "png", page.toFile());
        Path fontDir = dir.resolve("fonts");
        Files.createDirectories(fontDir);
        Path dejavu = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        if (Files.isRegularFile(dejavu)) Files.copy(dejavu, fontDir.resolve("DejaVuSans.ttf"));
        Path conf = dir.resolve("fonts.conf");
        Files.writeString(conf, "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig><dir>"
                + fontDir + "</dir><cachedir>" + dir.resolve("fc-cache") + "</cachedir></fontconfig>");

        List<String> machine = probe(page, null, "a");
        List<String> restricted = probe(page, conf, "b");

        // the difference is real: the logical fonts draw other calibration lines in the two JVMs
        assertThat(value(restricted, "system-font-lines")).isNotEqualTo(value(machine, "system-font-lines"));
        // what an engine uses does not depend on it
        assertThat(value(restricted, "bundled-font-lines")).isEqualTo(value(machine, "bundled-font-lines"));
        // int8 where the CPU has VNNI (full-range weights pass the agreement check); float elsewhere, the same in both
        assertThat(value(restricted, "rec")).isEqualTo(value(machine, "rec"));
        assertThat(lines(restricted)).isNotEmpty().containsExactlyElementsOf(lines(machine));
    }

    private static String value(List<String> out, String key) {
        return out.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).findFirst().orElseThrow(
                () -> new AssertionError("no " + key + " in " + out));
    }

    private static List<String> lines(List<String> out) {
        return out.stream().filter(l -> l.startsWith("line ")).toList();
    }

    /** Runs {@link Probe} in a fresh JVM, with fontconfig pointed at {@code conf} when given. */
    private List<String> probe(Path page, Path conf, String name) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home-" + name));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                // a fresh home: the JDK keeps what fontconfig told it under ~/.java/fonts
                "-Duser.home=" + home, "-Dlector.cacheDir=" + dir.resolve("cache-" + name),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), page.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (conf != null) pb.environment().put("FONTCONFIG_FILE", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    /** The other JVM: which lines its fonts draw, and what the default engine reads. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            List<String> dictionary = Charset.readDictionary(ModelSet.EMBEDDED.dictionary().readAllBytes());
            System.out.println("system-font-lines " + CalibrationLines.sha256(CalibrationLines.renderWithSystemFonts(dictionary, 4, 1)));
            List<String> latin = new ArrayList<>();
            for (char c = '!'; c <= '~'; c++) latin.add(String.valueOf(c));
            System.out.println("bundled-font-lines " + CalibrationLines.sha256(CalibrationLines.draw(latin, 4, 1).lines()));
            try (OcrEngine engine = OcrEngine.open(EngineConfig.defaults())) {
                engine.info().models().stream().filter(m -> m.role().equals("rec"))
                        .forEach(m -> System.out.println("rec " + m.precision()));
                Page page = engine.read(Files.readAllBytes(Path.of(args[0])), PageRange.ALL, OcrOptions.DEFAULT).pages().getFirst();
                for (Line l : page.lines()) System.out.println("line " + l.text() + " " + l.score());
            }
        }
    }
}
