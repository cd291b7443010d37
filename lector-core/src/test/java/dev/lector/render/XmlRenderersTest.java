package dev.lector.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class XmlRenderersTest {

    static org.w3c.dom.Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Document twoPages() {
        Page p1 = Docs.page(1, 1000, 800,
                List.of(Docs.line("Invoice 2024", 100, 50, 40, false)),
                List.of(Docs.line("Total due: 42.00 <EUR> & \"tax\"", 100, 150, 30, false),
                        Docs.line("中文字符测试", 100, 200, 30, true)),
                List.of(Docs.vertical("down the side", 900, 100, 30)));
        Page p3 = Docs.page(3, 600, 400, List.of(Docs.line("third page", 10, 10, 20, false)));
        return new Document(List.of(p1, p3));
    }

    private static List<Element> byClass(org.w3c.dom.Document d, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    private static int[] bbox(Element e) {
        Matcher m = Pattern.compile("bbox (\\d+) (\\d+) (\\d+) (\\d+)").matcher(e.getAttribute("title"));
        assertThat(m.find()).as("bbox in %s", e.getAttribute("title")).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))};
    }

    private static boolean inside(int[] in, int[] out) {
        return in[0] >= out[0] && in[1] >= out[1] && in[2] <= out[2] && in[3] <= out[3];
    }

    @Test
    void hocrHasPagesBlocksLinesAndWordsInsideTheirLines() throws Exception {
        Document doc = twoPages();
        org.w3c.dom.Document x = parse(HocrRenderer.render(doc, "scan \"1\".png"));
        List<Element> pages = byClass(x, "ocr_page");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).getAttribute("title")).contains("bbox 0 0 1000 800").contains("ppageno 0");
        assertThat(pages.get(1).getAttribute("title")).contains("bbox 0 0 600 400").contains("ppageno 2");
        assertThat(byClass(x, "ocr_carea")).hasSize(4);
        assertThat(byClass(x, "ocr_par")).hasSize(4);
        List<Element> lines = byClass(x, "ocr_line");
        assertThat(lines).hasSize(5);
        int words = 0;
        List<String> texts = new ArrayList<>();
        for (Element line : lines) {
            assertThat(line.getAttribute("title")).containsPattern("baseline -?\\d+\\.\\d+ -?\\d+").contains("x_wconf 95");
            int[] lb = bbox(line);
            NodeList spans = line.getElementsByTagNameNS("*", "span");
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < spans.getLength(); i++) {
                Element w = (Element) spans.item(i);
                assertThat(w.getAttribute("class")).isEqualTo("ocrx_word");
                assertThat(w.getAttribute("title")).contains("x_wconf 90");
                assertThat(inside(bbox(w), lb)).as("word %s inside line", w.getTextContent()).isTrue();
                words++;
            }
            texts.add(line.getTextContent().strip());
        }
        assertThat(texts).containsExactly("Invoice 2024", "Total due: 42.00 <EUR> & \"tax\"", "中文字符测试", "down the side",
                "third page");
        assertThat(lines.get(3).getAttribute("title")).contains("textangle 270");
        assertThat(words).isEqualTo(2 + 6 + 6 + 3 + 2);
    }

    @Test
    void altoHasPageStructureWithSpacesAndConfidences() throws Exception {
        Document doc = twoPages();
        org.w3c.dom.Document x = parse(AltoRenderer.render(doc, "a&b.png"));
        assertThat(x.getDocumentElement().getNamespaceURI()).isEqualTo(AltoRenderer.NAMESPACE);
        NodeList pages = x.getElementsByTagNameNS(AltoRenderer.NAMESPACE, "Page");
        assertThat(pages.getLength()).isEqualTo(2);
        Element p1 = (Element) pages.item(0);
        assertThat(p1.getAttribute("WIDTH")).isEqualTo("1000");
        assertThat(p1.getAttribute("PHYSICAL_IMG_NR")).isEqualTo("1");
        assertThat(((Element) pages.item(1)).getAttribute("PHYSICAL_IMG_NR")).isEqualTo("3");
        assertThat(x.getElementsByTagNameNS(AltoRenderer.NAMESPACE, "PrintSpace").getLength()).isEqualTo(2);
        assertThat(x.getElementsByTagNameNS(AltoRenderer.NAMESPACE, "TextBlock").getLength()).isEqualTo(4);
        NodeList lines = x.getElementsByTagNameNS(AltoRenderer.NAMESPACE, "TextLine");
        assertThat(lines.getLength()).isEqualTo(5);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            int[] lb = alto(line);
            StringBuilder sb = new StringBuilder();
            NodeList kids = line.getChildNodes();
            for (int k = 0; k < kids.getLength(); k++) {
                if (!(kids.item(k) instanceof Element e)) continue;
                if (e.getLocalName().equals("String")) {
                    assertThat(inside(alto(e), lb)).as("String %s inside its line", e.getAttribute("CONTENT")).isTrue();
                    assertThat(Double.parseDouble(e.getAttribute("WC"))).isEqualTo(0.9);
                    sb.append(e.getAttribute("CONTENT"));
                } else if (e.getLocalName().equals("SP")) {
                    sb.append(' ');
                }
            }
            texts.add(sb.toString());
        }
        assertThat(texts).containsExactly("Invoice 2024", "Total due: 42.00 <EUR> & \"tax\"", "中文字符测试", "down the side",
                "third page");
        assertThat(x.getElementsByTagNameNS(AltoRenderer.NAMESPACE, "fileName").item(0).getTextContent()).isEqualTo("a&b.png");
    }

    private static int[] alto(Element e) {
        int x = Integer.parseInt(e.getAttribute("HPOS")), y = Integer.parseInt(e.getAttribute("VPOS"));
        return new int[] {x, y, x + Integer.parseInt(e.getAttribute("WIDTH")), y + Integer.parseInt(e.getAttribute("HEIGHT"))};
    }

    @Test
    void anyTextStaysWellFormed() throws Exception {
        String nasty = "a\u0000b\u0001\u0008\u000B\u000C\u001F<]]>&amp;\"'\t\n\r\uD800x\uDFFFy\uFFFE\uFFFF😀𠀀";
        Line l = new Line(nasty, 0.5, dev.lector.geometry.Quad.ofRect(1, 1, 300, 20), 0);
        Page p = Docs.page(1, 400, 100, List.of(l));
        Document doc = Document.of(p);
        for (String xml : List.of(HocrRenderer.render(doc, nasty), AltoRenderer.render(doc, nasty))) {
            org.w3c.dom.Document x = parse(xml);
            String text = x.getDocumentElement().getTextContent();
            assertThat(text).contains("<]]>&amp;").contains("😀𠀀").doesNotContain("\u0000").contains("\uFFFDx\uFFFDy");
        }
        org.w3c.dom.Document alto = parse(AltoRenderer.render(doc, null));
        NodeList strings = alto.getElementsByTagNameNS(AltoRenderer.NAMESPACE, "String");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < strings.getLength(); i++) all.append(((Element) strings.item(i)).getAttribute("CONTENT"));
        assertThat(all.toString()).contains("\"'").contains("😀𠀀");
    }

    @Test
    void linesWithoutWordsGetWordsAlongTheLine() throws Exception {
        Line l = new Line("two words", 0.8, dev.lector.geometry.Quad.ofRect(0, 0, 90, 10), 0);
        org.w3c.dom.Document x = parse(HocrRenderer.render(Document.of(Docs.page(1, 100, 20, List.of(l))), null));
        List<Element> words = byClass(x, "ocrx_word");
        assertThat(words).extracting(Element::getTextContent).containsExactly("two", "words");
        assertThat(bbox(words.get(0))).containsExactly(0, 0, 30, 10);
        assertThat(bbox(words.get(1))).containsExactly(40, 0, 90, 10);
    }
}
