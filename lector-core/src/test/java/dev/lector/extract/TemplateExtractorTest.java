package dev.lector.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.result.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateExtractorTest {

    private static Page receipt(boolean withTotal) {
        PageBuilder b = new PageBuilder()
                .stack(100, 40, "GOLDEN LEAF TRADING SDN BHD", "(Co. Reg. 123456-X)", "NO 12, JALAN MERANTI 3,", "47301 PETALING JAYA, SELANGOR",
                        "TEL: 03-7788 9900", "TAX INVOICE")
                .line("Date: 14/02/2019 12:31", 40, 300)
                .line("Coffee 2 x", 40, 360).line("7.00", 500, 360)
                .line("Croissant", 40, 400).line("4.50", 500, 400)
                .line("Subtotal", 40, 460).line("11.50", 500, 460)
                .line("GST 6%", 40, 500).line("0.69", 500, 500);
        if (withTotal) b.line("TOTAL", 40, 540).line("RM 12.19", 470, 540);
        b.line("CASH", 40, 600).line("20.00", 500, 600).line("CHANGE", 40, 640).line("7.81", 500, 640);
        return b.build();
    }

    @Test
    void receiptFieldsExactly() {
        Extraction e = Templates.extractor("receipt").extract(receipt(true));
        assertThat(e.field("company").value()).isEqualTo("GOLDEN LEAF TRADING SDN BHD");
        assertThat(e.field("company").lines()).containsExactly(0);
        assertThat(e.field("address").value()).isEqualTo("NO 12, JALAN MERANTI 3, 47301 PETALING JAYA, SELANGOR");
        assertThat(e.field("address").lines()).containsExactly(2, 3);
        assertThat(e.field("date").value()).isEqualTo("14/02/2019");
        assertThat(e.field("date").normalized()).isEqualTo("2019-02-14");
        Field total = e.field("total");
        assertThat(total.value()).isEqualTo("RM 12.19");
        assertThat(total.normalized()).isEqualTo("12.19 MYR");
        assertThat(total.key()).isEqualTo("TOTAL");
        assertThat(total.valid()).isTrue();
        assertThat(total.box().minX()).isGreaterThanOrEqualTo(470);
        assertThat(e.field("subtotal").normalized()).isEqualTo("11.50");
        assertThat(e.field("tax").normalized()).isEqualTo("0.69");
        assertThat(e.field("currency").value()).isEqualTo("MYR");
        assertThat(e.field("payment").normalized()).isEqualTo("cash");
        assertThat(e.items()).extracting(LineItem::description).containsExactly("Coffee 2 x", "Croissant");
        assertThat(e.items()).extracting(LineItem::amount).containsExactly("7.00", "4.50");
        assertThat(e.items().getFirst().quantity()).isEqualTo("2");
    }

    @Test
    void receiptWithoutTotalHasNoTotal() {
        Extraction e = Templates.extractor("receipt").extract(receipt(false));
        assertThat(e.fields()).doesNotContainKey("total");
        // the cash tendered and the subtotal are not passed off as the total
        assertThat(e.field("subtotal").normalized()).isEqualTo("11.50");
    }

    @Test
    void emptyPageHasNoFields() {
        assertThat(Templates.extractor("receipt").extract(new PageBuilder().build()).fields()).isEmpty();
    }

    @Test
    void invoiceFields() {
        Page p = new PageBuilder()
                .stack(60, 40, "Northwind Consulting Ltd", "12 Harbour Street", "Bristol BS1 4QA")
                .line("INVOICE", 700, 40)
                .line("Invoice No: INV-2024-0042", 700, 100)
                .line("Invoice Date: 03.05.2024", 700, 140)
                .line("Due Date: 02.06.2024", 700, 180)
                .line("Bill To:", 60, 260).line("Acme Widgets GmbH", 60, 296)
                .line("Consulting, 10 hours", 60, 400).line("1,200.00", 800, 400)
                .line("Subtotal", 600, 480).line("1,200.00", 800, 480)
                .line("VAT 20%", 600, 520).line("240.00", 800, 520)
                .line("Total due", 600, 560).line("EUR 1,440.00", 760, 560)
                .build();
        Extraction e = Templates.extractor("invoice").extract(p);
        assertThat(e.field("invoice_number").value()).isEqualTo("INV-2024-0042");
        assertThat(e.field("issue_date").normalized()).isEqualTo("2024-05-03");
        assertThat(e.field("due_date").normalized()).isEqualTo("2024-06-02");
        assertThat(e.field("seller").value()).isEqualTo("Northwind Consulting Ltd");
        assertThat(e.field("buyer").value()).isEqualTo("Acme Widgets GmbH");
        assertThat(e.field("subtotal").normalized()).isEqualTo("1200.00");
        assertThat(e.field("tax").normalized()).isEqualTo("240.00");
        assertThat(e.field("total").normalized()).isEqualTo("1440.00 EUR");
        assertThat(e.field("currency").value()).isEqualTo("EUR");
    }

    private static Page idCard(String number, String sex) {
        return new PageBuilder(30, 40)
                .line("姓名 张伟", 40, 40)
                .line("性别 " + sex + "  民族 汉", 40, 110)
                .line("出生 1990年3月7日", 40, 180)
                .line("住址 北京市东城区", 40, 250)
                .line("景山前街4号", 130, 300)
                .line("公民身份号码 " + number, 40, 420)
                .build();
    }

    @Test
    void chineseIdCardWithValidNumber() {
        Extraction e = Templates.extractor("id_card_cn").extract(idCard("110101199003071233", "男"));
        assertThat(e.field("name").value()).isEqualTo("张伟");
        assertThat(e.field("sex").value()).isEqualTo("男");
        assertThat(e.field("sex").normalized()).isEqualTo("M");
        assertThat(e.field("ethnicity").value()).isEqualTo("汉");
        assertThat(e.field("birth_date").normalized()).isEqualTo("1990-03-07");
        assertThat(e.field("address").value()).isEqualTo("北京市东城区 景山前街4号");
        assertThat(e.field("id_number").value()).isEqualTo("110101199003071233");
        assertThat(e.fields().values()).allSatisfy(f -> assertThat(f.valid()).as(f.name()).isTrue());
    }

    @Test
    void chineseIdCardWithWrongCheckDigitOrMismatchedSex() {
        Extraction bad = Templates.extractor("id_card_cn").extract(idCard("110101199003071234", "男"));
        assertThat(bad.field("id_number").valid()).isFalse();
        assertThat(bad.field("id_number").failed()).containsExactly("check_digit");
        Extraction woman = Templates.extractor("id_card_cn").extract(idCard("110101199003071233", "女"));
        assertThat(woman.field("id_number").valid()).isTrue();
        assertThat(woman.field("sex").failed()).containsExactly("id_number_mismatch");
        assertThat(woman.field("birth_date").valid()).isTrue();
    }

    private static final String TD3_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    private static final String TD3_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    @Test
    void passportMrzWithEveryCheckDigit() {
        Page p = new PageBuilder(14, 30).line("PASSPORT", 40, 40).line(TD3_1, 40, 400).line(TD3_2, 40, 440).build();
        Extraction e = Templates.extractor("passport_mrz").extract(p);
        assertThat(e.field("document_type").value()).isEqualTo("P");
        assertThat(e.field("issuing_country").value()).isEqualTo("UTO");
        assertThat(e.field("surname").value()).isEqualTo("ERIKSSON");
        assertThat(e.field("given_names").value()).isEqualTo("ANNA MARIA");
        assertThat(e.field("document_number").value()).isEqualTo("L898902C3");
        assertThat(e.field("nationality").value()).isEqualTo("UTO");
        assertThat(e.field("birth_date").normalized()).isEqualTo("1974-08-12");
        assertThat(e.field("sex").value()).isEqualTo("F");
        assertThat(e.field("expiry_date").normalized()).isEqualTo("2012-04-15");
        assertThat(e.field("personal_number").value()).isEqualTo("ZE184226B");
        assertThat(e.fields().values()).allSatisfy(f -> assertThat(f.valid()).as(f.name()).isTrue());
        assertThat(e.field("document_number").lines()).containsExactly(2);
    }

    @Test
    void passportMrzWithCorruptedCheckDigit() {
        // the document number's check digit 6 misread as 5: that field and the composite fail
        String bad = "L898902C35" + TD3_2.substring(10);
        Page p = new PageBuilder(14, 30).line(TD3_1, 40, 400).line(bad, 40, 440).build();
        Extraction e = Templates.extractor("passport_mrz").extract(p);
        assertThat(e.field("document_number").failed()).containsExactly("check_digit");
        assertThat(e.field("mrz").failed()).containsExactly("composite_check_digit");
        assertThat(e.field("birth_date").valid()).isTrue();
    }

    @Test
    void idCardMrzTd1WithSpacesAndChevronLookalikes() {
        Page p = new PageBuilder(14, 30)
                .line("I<UTOD231458907<<<<<<<<<<<<<<<", 40, 400)
                .line("7408122F1204159UTO<<<<<<<<<<<6", 40, 440)
                .line("ERIKSSON«ANNA<MARIA<<<<<<<<<<", 40, 480)
                .build();
        Extraction e = new MrzExtractor().extract(p);
        assertThat(e.field("document_number").value()).isEqualTo("D23145890");
        assertThat(e.field("surname").value()).isEqualTo("ERIKSSON");
        assertThat(e.field("given_names").value()).isEqualTo("ANNA MARIA");
        assertThat(e.fields().values()).allSatisfy(f -> assertThat(f.valid()).as(f.name()).isTrue());
    }

    @Test
    void callerKeysWithTyposAndLayout() {
        Page p = new PageBuilder()
                .line("Invoice N0.: 88-1234", 40, 40)
                .line("Totall due", 40, 120).line("€ 99,50", 400, 120)
                .line("Customer", 40, 200)
                .line("Jane Roe", 40, 236)
                .line("姓名：李四", 40, 320)
                .build();
        Extraction e = new KeysExtractor(List.of("Invoice No", "Total due", "customer", "姓名", "Shipping address")).extract(p);
        assertThat(e.field("Invoice No").value()).isEqualTo("88-1234");
        assertThat(e.field("Invoice No").key()).isEqualTo("Invoice N0");
        assertThat(e.field("Total due").value()).isEqualTo("€ 99,50");
        assertThat(e.field("Total due").normalized()).isEqualTo("99.50 EUR");
        assertThat(e.field("Total due").key()).isEqualTo("Totall due");
        assertThat(e.field("customer").value()).isEqualTo("Jane Roe");
        assertThat(e.field("customer").lines()).containsExactly(4);
        assertThat(e.field("姓名").value()).isEqualTo("李四");
        assertThat(e.fields()).doesNotContainKey("Shipping address");
        assertThatThrownBy(() -> new KeysExtractor(List.of(" ", ""))).hasMessageContaining("no keys");
    }

    @Test
    void kvPairsOfAForm() {
        Page p = new PageBuilder()
                .line("Name: John Smith", 40, 40)
                .line("Date:", 40, 100).line("12/10/98", 200, 100)
                .line("Area: 5 Region: 17", 40, 160)
                .line("Remarks:", 40, 220)
                .line("Call back on Monday", 40, 256)
                .build();
        Extraction e = Templates.extractor("kv").extract(p);
        assertThat(e.pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Name", "John Smith"),
                org.assertj.core.groups.Tuple.tuple("Date", "12/10/98"),
                org.assertj.core.groups.Tuple.tuple("Area", "5"),
                org.assertj.core.groups.Tuple.tuple("Region", "17"),
                org.assertj.core.groups.Tuple.tuple("Remarks", "Call back on Monday"));
        assertThat(e.pairs().get(1).valueLines()).containsExactly(2);
    }

    @Test
    void userTemplateFromFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("parcel.json");
        Files.writeString(f, """
                {"name": "parcel", "keywords": ["tracking"],
                 "fields": {
                   "tracking": {"anchors": ["tracking number", "tracking no"], "type": "id", "pattern": "([A-Z]{2}\\\\d{9}[A-Z]{2})"},
                   "weight": {"anchors": ["weight"], "type": "number"},
                   "shipped": {"anchors": ["shipped on"], "type": "date", "date_order": null}
                 }}
                """.replace(", \"date_order\": null", ""));
        Template t = Templates.read(f);
        Page p = new PageBuilder().line("Tracking No: RR123456785CH", 40, 40).line("Weight 2.5 kg", 40, 100)
                .line("Shipped on", 40, 160).line("2024-01-31", 300, 160).build();
        Extraction e = Templates.extractor(t).extract(p);
        assertThat(e.template()).isEqualTo("parcel");
        assertThat(e.field("tracking").value()).isEqualTo("RR123456785CH");
        assertThat(e.field("weight").normalized()).isEqualTo("2.5");
        assertThat(e.field("shipped").normalized()).isEqualTo("2024-01-31");
        assertThat(Templates.readDirectory(dir)).containsKey("parcel");
    }

    @Test
    void badTemplatesFailWithOneLine() {
        assertThatThrownBy(() -> Template.parse("{\"name\":\"x\",\"fields\":{\"a\":{\"anchor\":[\"a\"]}}}", "x.json"))
                .hasMessage("x.json: field 'a': unknown key \"anchor\"");
        assertThatThrownBy(() -> Template.parse("{\"name\":\"x\",\"fields\":{\"a\":{\"anchors\":[\"a\"],\"type\":\"money\"}}}", "x.json"))
                .hasMessageContaining("unknown field type 'money'");
        assertThatThrownBy(() -> Template.parse("{\"name\":\"x\",\"fields\":{\"a\":{\"anchors\":[\"a\"],\"pattern\":\"(\"}}}", "x.json"))
                .hasMessageContaining("bad pattern");
        assertThatThrownBy(() -> Template.parse("not json", "x.json")).hasMessageStartingWith("x.json: not valid JSON");
        assertThatThrownBy(() -> Templates.builtIn("passport")).hasMessageContaining("use one of receipt, invoice");
    }

    @Test
    void anotherEnginesValueIsNormalisedAndCheckedLikeAFind() {
        FieldExtractor receipt = Templates.extractor("receipt");
        assertThat(receipt.fieldNames()).startsWith("company", "address", "date", "total");
        assertThat(receipt.check("date", " 14/02/2019 ", java.util.Map.of()))
                .isEqualTo(new CheckedValue("date", "14/02/2019", "2019-02-14", List.of()));
        assertThat(receipt.check("total", "RM 12.19", java.util.Map.of()).normalized()).isEqualTo("12.19 MYR");
        assertThat(receipt.check("total", "twelve", java.util.Map.of()).failed()).containsExactly("format");
        assertThat(receipt.check("no_such_field", "x", java.util.Map.of())).isNull();

        FieldExtractor id = Templates.extractor("id_card_cn");
        Extraction found = id.extract(idCard("110101199003071233", "男"));
        assertThat(id.check("id_number", "110101199003071234", found.fields()).failed()).containsExactly("check_digit");
        assertThat(id.check("id_number", "110101199003071233", found.fields()).valid()).isTrue();
        // checks across fields use the page's finds: the ID says male
        assertThat(id.check("sex", "女", found.fields()).failed()).containsExactly("id_number_mismatch");

        FieldExtractor keys = new KeysExtractor(List.of("Invoice No", "Due"));
        assertThat(keys.fieldNames()).containsExactly("Invoice No", "Due");
        assertThat(keys.check("Due", "14/02/2019", java.util.Map.of()).normalized()).isEqualTo("2019-02-14");
        assertThat(keys.check("Other", "1", java.util.Map.of())).isNull();
        assertThat(Templates.extractor("kv").fieldNames()).isEmpty();
    }
}
