package dev.lector.onnx;

import static dev.lector.testing.TextRenderer.Placed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.extract.Extraction;
import dev.lector.extract.Templates;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.Page;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Field extraction on pages rendered with Java2D and read by the real embedded models. */
class ExtractEndToEndTest {

    private static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void renderedReceipt() {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 30);
        Page page = engine.process(TextRenderer.page(900, 900, font,
                new Placed("SUNRISE BAKERY SDN BHD", 180, 60),
                new Placed("12 JALAN BUNGA RAYA", 210, 110),
                new Placed("50000 KUALA LUMPUR", 220, 160),
                new Placed("TEL: 03-2211 4455", 240, 210),
                new Placed("Date: 21/06/2019", 40, 300),
                new Placed("Bread", 40, 380), new Placed("4.20", 700, 380),
                new Placed("Milk", 40, 430), new Placed("6.30", 700, 430),
                new Placed("TOTAL", 40, 520), new Placed("10.50", 690, 520),
                new Placed("CASH", 40, 580), new Placed("20.00", 690, 580)), OcrOptions.DEFAULT);
        Extraction e = Templates.extractor("receipt").extract(page);
        assertThat(squeeze(e.field("company").value())).isEqualTo("SUNRISEBAKERYSDNBHD");
        assertThat(squeeze(e.field("address").value())).as(page.text()).isEqualTo("12JALANBUNGARAYA50000KUALALUMPUR");
        assertThat(e.field("date").normalized()).isEqualTo("2019-06-21");
        assertThat(e.field("total").normalized()).isEqualTo("10.50");
        assertThat(e.field("total").box().minX()).isGreaterThan(600);
        assertThat(e.items()).hasSize(2);
    }

    @Test
    void renderedPassportMrz() {
        Font mono = new Font(Font.MONOSPACED, Font.BOLD, 28);
        Page page = engine.process(TextRenderer.page(1000, 260, mono,
                new Placed("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", 30, 100),
                new Placed("L898902C36UTO7408122F1204159ZE184226B<<<<<10", 30, 180)), OcrOptions.DEFAULT);
        Extraction e = Templates.extractor("passport_mrz").extract(page);
        assertThat(e.fields()).as(page.text()).containsKey("document_number");
        assertThat(e.field("document_number").value()).as(page.text()).isEqualTo("L898902C3");
        assertThat(e.field("surname").value()).isEqualTo("ERIKSSON");
        assertThat(e.field("birth_date").normalized()).isEqualTo("1974-08-12");
        assertThat(e.field("expiry_date").normalized()).isEqualTo("2012-04-15");
        assertThat(e.fields().values()).allSatisfy(f -> assertThat(f.valid()).as(f.name()).isTrue());
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
