package dev.lector.render;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads PDFs back for the tests: PDFBox's text extraction and poppler's {@code pdftotext} (skipped when missing). */
public final class PdfReading {
    private PdfReading() {}

    /** One word as {@code pdftotext -bbox} reports it, in points of the shown page (origin top-left). */
    public record BoxedWord(String text, double xMin, double yMin, double xMax, double yMax) {}

    /** Whitespace runs to one space, trimmed. */
    public static String normalize(String s) {
        return s.replaceAll("[\\s\\u000C]+", " ").strip();
    }

    public static String pdfbox(byte[] pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d);
        }
    }

    public static String pdfbox(byte[] pdf, int page) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(page);
            s.setEndPage(page);
            return s.getText(d);
        }
    }

    /** Whether poppler's pdftotext can be run here. */
    public static boolean hasPdftotext() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "pdftotext"))) return true;
        }
        return false;
    }

    /** Skips the calling test when pdftotext is missing (install poppler-utils). */
    public static void assumePdftotext() {
        assumeThat(hasPdftotext()).as("pdftotext (poppler-utils) is installed").isTrue();
    }

    public static String pdftotext(byte[] pdf, String... args) throws IOException, InterruptedException {
        Path in = Files.createTempFile("lector-test", ".pdf");
        try {
            Files.write(in, pdf);
            List<String> cmd = new ArrayList<>(List.of("pdftotext", "-enc", "UTF-8"));
            cmd.addAll(List.of(args));
            cmd.add(in.toString());
            cmd.add("-");
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("pdftotext failed: " + cmd);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /** Words with boxes of {@code page} (1-based) from {@code pdftotext -bbox}, relative to the crop box as shown. */
    public static List<BoxedWord> pdftotextWords(byte[] pdf, int page) throws IOException, InterruptedException {
        String html = pdftotext(pdf, "-bbox", "-cropbox", "-f", Integer.toString(page), "-l", Integer.toString(page));
        Matcher m = Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>")
                .matcher(html);
        List<BoxedWord> out = new ArrayList<>();
        while (m.find()) {
            out.add(new BoxedWord(unescape(m.group(5)), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
