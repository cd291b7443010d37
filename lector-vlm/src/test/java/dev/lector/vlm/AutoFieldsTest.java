package dev.lector.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.Extraction;
import dev.lector.extract.FieldExtractor;
import dev.lector.extract.Templates;
import dev.lector.geometry.Quad;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoFieldsTest {

    /** A receipt whose total line the OCR missed, with a date the rules find. */
    private static Page receiptWithoutTotal() {
        String[][] rows = {{"GOLDEN LEAF TRADING SDN BHD", "100", "40"}, {"NO 12, JALAN MERANTI 3,", "100", "76"},
                {"47301 PETALING JAYA", "100", "112"}, {"Date: 14/02/2019 12:31", "40", "300"},
                {"Subtotal", "40", "460"}, {"11.50", "500", "460"}};
        List<Line> lines = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (String[] r : rows) {
            idx.add(lines.size());
            lines.add(new Line(r[0], 0.95, Quad.ofRect(Integer.parseInt(r[1]), Integer.parseInt(r[2]), r[0].length() * 12, 24), 0));
        }
        return new Page(1, 1200, 2000, 0, 0, lines, List.of(new Block(BlockKind.PARAGRAPH, Quad.ofRect(0, 0, 10, 10), idx)), null, null, null);
    }

    @Test
    void asksOnlyForWhatTheRulesMissedAndSaysWhoFoundEachField() {
        FieldExtractor receipt = Templates.extractor("receipt");
        Extraction rules = receipt.extract(receiptWithoutTotal());
        assertThat(rules.field("date")).isNotNull();
        List<String> wanted = AutoFields.wanted(receipt, rules);
        assertThat(wanted).contains("total").doesNotContain("date", "company");

        // the model answers the total, a wrong date (not asked, so ignored) and a tax that is not an amount
        VlmFields answer = new VlmFields(1, Map.of("total", "RM 12.19", "date", "01/01/2000", "tax", "none"));
        AutoFields merged = AutoFields.merge(receipt, rules, answer);
        Map<String, String> engines = merged.engines();
        assertThat(engines).containsEntry("total", "vlm").containsEntry("date", "ppocr").containsEntry("company", "ppocr");

        ObjectNode page = merged.addTo(JsonRenderer.mapper().createObjectNode());
        assertThat(page.at("/fields/total/normalized").asText()).isEqualTo("12.19 MYR");
        assertThat(page.at("/fields/total/valid").asBoolean()).isTrue();
        assertThat(page.at("/fields/date/normalized").asText()).isEqualTo("2019-02-14");
        assertThat(page.at("/fields/date/engine").asText()).isEqualTo("ppocr");
        assertThat(page.at("/fields/date/points").isArray()).isTrue();
        // a value the model gave for a missing field is reported even when it fails its check
        assertThat(page.at("/fields/tax/engine").asText()).isEqualTo("vlm");
        assertThat(page.at("/fields/tax/valid").asBoolean()).isFalse();
        assertThat(page.at("/fields/tax/failed/0").asText()).isEqualTo("format");
        assertThat(page.get("template").asText()).isEqualTo("receipt");
    }

    @Test
    void withoutAnAnswerTheRulesStandAlone() {
        FieldExtractor receipt = Templates.extractor("receipt");
        Extraction rules = receipt.extract(receiptWithoutTotal());
        AutoFields merged = AutoFields.merge(receipt, rules, null);
        assertThat(merged.engines()).doesNotContainKey("total").containsValue("ppocr").doesNotContainValue("vlm");
        assertThat(AutoFields.wanted(Templates.extractor("kv"), Templates.extractor("kv").extract(receiptWithoutTotal()))).isEmpty();
    }
}
