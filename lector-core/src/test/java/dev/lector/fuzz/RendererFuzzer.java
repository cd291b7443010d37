package dev.lector.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lector.geometry.Quad;
import dev.lector.render.AltoRenderer;
import dev.lector.render.HocrRenderer;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Fuzzes the renderers (issue 13, item 7): for any text (control characters, lone surrogates,
 * markup, quotes) and any boxes, hOCR and ALTO are well-formed XML and the JSON parses back to
 * the same line texts.
 */
public class RendererFuzzer {

    @FuzzTest(maxDuration = "3s")
    void renderers(FuzzedDataProvider data) throws Exception {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's command line ({@code --target_class}). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        int width = data.consumeInt(1, 5000), height = data.consumeInt(1, 5000);
        int n = data.consumeInt(0, 6);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = data.consumeString(40);
            Quad box = Quad.ofRect(data.consumeInt(-100, width), data.consumeInt(-100, height), data.consumeInt(0, 2000), data.consumeInt(0, 500));
            List<Word> words = new ArrayList<>();
            for (String w : text.split("\\s+")) {
                if (!w.isBlank()) words.add(new Word(w, data.consumeProbabilityDouble(), box));
            }
            int orientation = data.pickValue(new int[] {0, 90, 180, 270});
            lines.add(new Line(text, data.consumeProbabilityDouble(), box, orientation, words));
        }
        List<Block> blocks = lines.isEmpty() ? List.of()
                : List.of(new Block(data.pickValue(BlockKind.values()), Quad.ofRect(0, 0, width, height),
                        java.util.stream.IntStream.range(0, lines.size()).boxed().toList()));
        Page page = new Page(1, width, height, 0, 0, lines, blocks, null, null, null);
        Document doc = new Document(List.of(page));
        String image = data.consumeRemainingAsString();

        parseXml(HocrRenderer.render(doc, image), "hOCR");
        parseXml(AltoRenderer.render(doc, image), "ALTO");
        var json = JsonRenderer.mapper().readTree(JsonRenderer.document(doc).toString());
        var back = json.path("pages").get(0).path("lines");
        if (back.size() != lines.size()) throw new AssertionError("JSON has " + back.size() + " lines, the page " + lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String want = lines.get(i).text(), got = back.get(i).path("text").asText();
            if (!same(want, got)) throw new AssertionError("JSON line " + i + " reads back '" + got + "', not '" + want + "'");
        }
    }

    /** Equal, but for lone surrogates, which UTF-8 cannot carry (Jackson writes them as they are escaped). */
    private static boolean same(String a, String b) {
        return a.equals(b) || new String(a.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .equals(new String(b.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static final DocumentBuilderFactory XML = xmlFactory();

    private static DocumentBuilderFactory xmlFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void parseXml(String xml, String what) throws Exception {
        try {
            var builder = XML.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError(what + " is not well-formed XML (" + e.getMessage() + "): " + xml, e);
        }
    }
}
