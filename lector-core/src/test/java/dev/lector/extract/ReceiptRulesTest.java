package dev.lector.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receipt template's rules for totals, company names and addresses, on hand-built receipts. */
class ReceiptRulesTest {

    private static final FieldExtractor RECEIPT = Templates.extractor("receipt");

    private static PageBuilder head() {
        return new PageBuilder().stack(100, 40, "GOLDEN LEAF TRADING SDN BHD", "NO 12, JALAN MERANTI 3,", "47301 PETALING JAYA", "TEL: 03-7788 9900")
                .line("Date: 14/02/2019", 40, 300).line("Coffee", 40, 360).line("10.00", 500, 360);
    }

    @Test
    void totalReadWithoutItsDecimalPointIsTakenFromWhereThePaidAmountIsPrinted() {
        Page p = head().line("SUBTOTAL", 40, 420).line("10.00", 500, 420)
                .line("GRAND TOTAL", 40, 460).line("1000", 500, 460)
                .line("CASH", 40, 520).line("20.00", 500, 520).line("CHANGE DUE", 40, 560).line("10.00", 500, 560).build();
        Field total = RECEIPT.extract(p).field("total");
        assertThat(total.normalized()).isEqualTo("10.00");
        assertThat(total.lines()).containsExactly(8);
        assertThat(total.valid()).isTrue();
    }

    @Test
    void totalThatIsTheAmountTenderedGivesWayToTenderedLessChange() {
        Page p = head().line("Amount incl. GST", 40, 420).line("5.00", 500, 420)
                .line("Accepted total", 40, 460).line("10.00 RM", 500, 460)
                .line("Change", 40, 500).line("5.00 RM", 500, 500).build();
        Field total = RECEIPT.extract(p).field("total");
        assertThat(total.normalized()).isEqualTo("5.00");
        assertThat(total.lines()).containsExactly(8);
    }

    @Test
    void totalBeforeRoundingGivesWayToTheRoundedAmountPaid() {
        Page p = head().line("Total Sales (Inclusive GST)", 40, 420).line("27.28", 500, 420)
                .line("Rounding Adjustment", 40, 460).line("0.02", 500, 460)
                .line("Rounding", 40, 500).line("27.30", 500, 500)
                .line("CASH", 40, 540).line("27.30", 500, 540).line("CHANGE", 40, 580).line("0.00", 500, 580).build();
        assertThat(RECEIPT.extract(p).field("total").normalized()).isEqualTo("27.30");
        // the rounded amount printed only as the cash tendered: the total as printed stands, and agrees
        Page cashOnly = head().line("TOTAL", 40, 420).line("12.19", 500, 420)
                .line("CASH", 40, 460).line("12.20", 500, 460).line("CHANGE", 40, 500).line("0.00", 500, 500).build();
        Field total = RECEIPT.extract(cashOnly).field("total");
        assertThat(total.normalized()).isEqualTo("12.19");
        assertThat(total.valid()).isTrue();
    }

    @Test
    void wellFormedTotalThatDisagreesWithThePaymentIsKeptButFailsPaid() {
        Page p = head().line("TOTAL", 40, 420).line("12.19", 500, 420)
                .line("CASH", 40, 460).line("20.00", 500, 460).line("CHANGE", 40, 500).line("5.00", 500, 500).build();
        Field total = RECEIPT.extract(p).field("total");
        assertThat(total.normalized()).isEqualTo("12.19");
        assertThat(total.failed()).containsExactly("paid");
        // the same page paying exactly passes
        Page ok = head().line("TOTAL", 40, 420).line("12.19", 500, 420)
                .line("CASH", 40, 460).line("20.00", 500, 460).line("CHANGE", 40, 500).line("7.81", 500, 500).build();
        assertThat(RECEIPT.extract(ok).field("total").valid()).isTrue();
    }

    @Test
    void amountCutInTwoAtItsPointIsJoined() {
        Page p = head().line("TOTAL", 40, 420).line("12.", 480, 420).line(".30", 520, 420).build();
        Field total = RECEIPT.extract(p).field("total");
        assertThat(total.normalized()).isEqualTo("12.30");
        assertThat(total.lines()).containsExactly(8, 9);
    }

    @Test
    void currencyMarkMisreadAsALetterBeforeTheNumber() {
        Page p = head().line("Total 6% supplies (Inc. GST):", 40, 420).line("73.52", 500, 420)
                .line("Total Payable:", 40, 460).line("N94.19", 490, 460).build();
        Field total = RECEIPT.extract(p).field("total");
        assertThat(total.value()).isEqualTo("94.19");
        assertThat(total.key()).isEqualTo("Total Payable");
    }

    @Test
    void bracketedRemarkIsNotTheTotalAndDueIsALabel() {
        Page p = head().line("Due", 300, 420).line("19.20", 500, 420)
                .line("Pay", 300, 460).line("20.00", 500, 460).line("Change", 300, 500).line("0.80", 500, 500)
                .line("(Total Included GST @6%:1.09)", 60, 560).build();
        Field total = RECEIPT.extract(p).field("total");
        assertThat(total.normalized()).isEqualTo("19.20");
        assertThat(total.valid()).isTrue();
        // "change due" is the change, not an amount due
        Page change = head().line("Change due", 300, 420).line("0.80", 500, 420).build();
        assertThat(RECEIPT.extract(change).fields()).doesNotContainKey("total");
    }

    @Test
    void addressPrintedAboveTheCompanyName() {
        PageBuilder b = new PageBuilder();
        String[] head = {"TAX INVOICE", "Petrol Station Permas 2", "LOT PTD 101051", "Jalan Permas 10/10", "81750 Masai, Johor",
                "Esjay Fuel Enterprise", "CO. REG. NO: 001011128-T", "GST REG. NO: 000153358336"};
        for (int i = 0; i < head.length; i++) b.line(head[i], 100, 40 + 36 * i);
        Page p = b.line("30-06-2018 09:09:49", 40, 400).line("Cashier: 465", 400, 400).build();
        Extraction e = RECEIPT.extract(p);
        assertThat(e.field("company").value()).isEqualTo("Esjay Fuel Enterprise");
        assertThat(e.field("address").value()).isEqualTo("LOT PTD 101051 Jalan Permas 10/10 81750 Masai, Johor");
    }

    @Test
    void branchNameBeforeTheRegistrationLineIsNotTheAddress() {
        Page p = new PageBuilder().stack(100, 40, "TF Value-Mart Sdn Bhd (482123-U)", "Bentong-2", "GST Reg No 000184401920",
                "Jalan Tras Batu 1", "28700 Bentong", "Pahang Darul Makmur.", "Tel:09-2201388").build();
        assertThat(RECEIPT.extract(p).field("address").value()).isEqualTo("Jalan Tras Batu 1 28700 Bentong Pahang Darul Makmur.");
    }

    @Test
    void shopNameOverTheAddressIsLeftOutButAnAddressLineOfWordsStays() {
        Page p = new PageBuilder().stack(100, 40, "IKANO HANDEL SDN BHD", "(1074617K)", "IKEA Cheras", "No 2A Jalan Cochrane", "Taman Maluri",
                "55100 KUALA LUMPUR", "GST No.: 000115154944").build();
        assertThat(RECEIPT.extract(p).field("address").value()).isEqualTo("No 2A Jalan Cochrane Taman Maluri 55100 KUALA LUMPUR");
        Page words = new PageBuilder().stack(100, 40, "PAGOH REST AND SERVICE AREA", "KWS REHAT, RAWAT PAGOH ARAH UTARA,",
                "SIMPANG AMPAT PAGOH, LEBUHRAYA UTARA SELATAN,", "84600,PAGOH,JOHOR", "TEL: 07-1234567").build();
        assertThat(RECEIPT.extract(words).field("address").lines()).containsExactly(1, 2, 3);
    }

    @Test
    void stampBesideTheNameIsNotPartOfIt() {
        Page p = new PageBuilder().line("POSTED", 430, 20).line("YONG CEN ENTERPRISE", 60, 40)
                .stack(60, 80, "9, JALAN SUBANG JASA 3,", "40150 SHAH ALAM, SELANGOR.", "012-8718493").build();
        assertThat(RECEIPT.extract(p).field("company").value()).isEqualTo("YONG CEN ENTERPRISE");
    }

    @Test
    void nameCutOnItsRowAndContinuedBelowIsJoined() {
        Page p = new PageBuilder().line("AIK HUAT HARDWARE", 112, 40).line("ENTERPRISE", 112, 64).line("(SETIA", 250, 66)
                .line("ALAM) SDN BHD", 170, 90).line("822737-X", 200, 120)
                .stack(100, 150, "NO. 17-G, JALAN SETIA INDAH", "40170 SHAH ALAM,", "TEL : 012 - 6651783").build();
        Extraction e = RECEIPT.extract(p);
        assertThat(e.field("company").value()).isEqualTo("AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD");
        assertThat(e.field("address").value()).isEqualTo("NO. 17-G, JALAN SETIA INDAH 40170 SHAH ALAM,");
    }

    @Test
    void nameWithItsRegistrationNumberOnTheSameLine() {
        Page p = new PageBuilder().stack(48, 143, "DION REALTIES SDN BHD (CO. NO:20154-T)", "(GST REGISTRATION NO : 000850247680)",
                "MENARA DION #02-03, LEVEL 2,", "27, JALAN SULTAN ISMAIL,", "50250 KUALA LUMPUR.", "TEL : +6 03 2026 6386").build();
        Extraction e = RECEIPT.extract(p);
        assertThat(e.field("company").value()).isEqualTo("DION REALTIES SDN BHD");
        assertThat(e.field("address").value()).isEqualTo("MENARA DION #02-03, LEVEL 2, 27, JALAN SULTAN ISMAIL, 50250 KUALA LUMPUR.");
    }

    @Test
    void ocrDigitsInInitialsAndCapitalIForLowerL() {
        assertThat(ReceiptHeader.clean("MR. D.1.Y.(M) SDN BHD", true)).isEqualTo("MR. D.I.Y.(M) SDN BHD");
        assertThat(ReceiptHeader.clean("No:G3,BIk G,JIn PJU 1A/3", false)).isEqualTo("No:G3,Blk G,Jln PJU 1A/3");
        // real numbers and capitals stay
        assertThat(ReceiptHeader.clean("LOT 1.2.3, IKEA Cheras", false)).isEqualTo("LOT 1.2.3, IKEA Cheras");
    }

    /** A line with word boxes: each word 12 px a char, a space between, the given word scores. */
    private static Line worded(int x, int y, String[] words, double[] scores) {
        List<Word> ws = new ArrayList<>();
        int at = x;
        for (int i = 0; i < words.length; i++) {
            ws.add(new Word(words[i], scores[i], Quad.ofRect(at, y, words[i].length() * 12, 24)));
            at += (words[i].length() + 1) * 12;
        }
        return new Line(String.join(" ", words), 0.95, Quad.ofRect(x, y, at - x - 12, 24), 0, ws);
    }

    @Test
    void unsureLoneLettersAtTheEndsOfAnAddressLineAreSpecks() {
        List<Line> lines = List.of(
                new Line("LIGHTROOM GALLERY SDN BHD", 0.95, Quad.ofRect(100, 40, 300, 24), 0),
                worded(100, 80, new String[] {"K", "BANDAR", "BUKIT", "RAJA,", "41050", "A"}, new double[] {0.57, 1, 1, 0.99, 1, 0.62}),
                worded(100, 120, new String[] {"A", "KLANG", "SELANGOR", "B"}, new double[] {0.98, 1, 1, 0.99}),
                new Line("ROC No. : (1072825-A)", 0.95, Quad.ofRect(100, 160, 250, 24), 0));
        Page p = new Page(1, 800, 600, 0, 0, lines, List.of(new dev.lector.result.Block(dev.lector.result.BlockKind.PARAGRAPH,
                Quad.ofRect(100, 40, 300, 144), List.of(0, 1, 2, 3))), null, null, null);
        // the sure letters of the second line stay
        assertThat(RECEIPT.extract(p).field("address").value()).isEqualTo("BANDAR BUKIT RAJA, 41050 A KLANG SELANGOR B");
    }
}
