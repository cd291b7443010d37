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

    @Test
    void misreadLotWordAndLotCode() {
        assertThat(ReceiptHeader.clean("1.ot 3, Jalan Pelabur 23/1", false)).isEqualTo("Lot 3, Jalan Pelabur 23/1");
        assertThat(ReceiptHeader.clean("Terrace, L.ot PTD 182908 & PTD 143216", false)).isEqualTo("Terrace, Lot PTD 182908 & PTD 143216");
        assertThat(ReceiptHeader.clean("10I 1851-A & 1851-B, JALAN KPB 6,", false)).isEqualTo("LOT 1851-A & 1851-B, JALAN KPB 6,");
        assertThat(ReceiptHeader.clean("LOT RI, KWS REHAT", false)).isEqualTo("LOT R1, KWS REHAT");
        // not before a number, or a real word: left alone
        assertThat(ReceiptHeader.clean("10I TEA HOUSE, LOT AIR", false)).isEqualTo("10I TEA HOUSE, LOT AIR");
        assertThat(ReceiptHeader.clean("Unit GI, Blok A", false)).isEqualTo("Unit G1, Blok A");
    }

    @Test
    void fullStopsBetweenAddressPartsAreCommas() {
        assertThat(ReceiptHeader.clean("No 7. Simpang Off Batu Village. Jalan Ipoh Batu 5.51200 Kuala Lumpur", false))
                .isEqualTo("No 7, Simpang Off Batu Village, Jalan Ipoh Batu 5,51200 Kuala Lumpur");
        assertThat(ReceiptHeader.clean("Level G2.Block D1. Solaris Dutamas", false)).isEqualTo("Level G2,Block D1, Solaris Dutamas");
        // abbreviations, initials, decimals and a stop before a number stay; so does the closing stop
        assertThat(ReceiptHeader.clean("No. 1, Jln. Tun, LOT P.T. 33198, SELANGOR D.E, MALAYSIA", false))
                .isEqualTo("No. 1, Jln. Tun, LOT P.T. 33198, SELANGOR D.E, MALAYSIA");
        assertThat(ReceiptHeader.clean("NO 122.124 TAMAN DESA HARMONI. 81100 JOHOR.", false)).isEqualTo("NO 122.124 TAMAN DESA HARMONI. 81100 JOHOR.");
        assertThat(ReceiptHeader.clean("G F.JALAN TEMENGGUNG", false)).isEqualTo("G F,JALAN TEMENGGUNG");
    }

    @Test
    void fullStopAfterAWholeWordInsideACompanyName() {
        assertThat(ReceiptHeader.clean("KHE ELECTRICAL. TRADING", true)).isEqualTo("KHE ELECTRICAL TRADING");
        assertThat(ReceiptHeader.clean("ENW HARDWARE CENTRE (M) SDN. BHD.", true)).isEqualTo("ENW HARDWARE CENTRE (M) SDN. BHD.");
        assertThat(ReceiptHeader.clean("POPULAR BOOK CO. (M) SDN BHD", true)).isEqualTo("POPULAR BOOK CO. (M) SDN BHD");
    }

    @Test
    void theCountryEndsTheAddress() {
        Page p = new PageBuilder().stack(100, 40, "POPULAR BOOK CO. (M) SDN BHD", "(GST Reg No. 001492992000)",
                "No 8, Jalan 7/118B, Desa Tun Razak", "56000 Kuala Lumpur, Malaysia", "SUNWAY VELOCITY", "Tel:03-9201 6281").build();
        assertThat(RECEIPT.extract(p).field("address").value()).isEqualTo("No 8, Jalan 7/118B, Desa Tun Razak 56000 Kuala Lumpur, Malaysia");
        // a country in a street name without a postcode before it does not end it
        Page street = new PageBuilder().stack(100, 40, "GOLDEN LEAF TRADING SDN BHD", "12 Jalan Malaysia", "47301 Petaling Jaya",
                "Tel: 03-7788 9900").build();
        assertThat(RECEIPT.extract(street).field("address").value()).isEqualTo("12 Jalan Malaysia 47301 Petaling Jaya");
    }

    @Test
    void dateWithAMisreadMonthOrLostSeparators() {
        Page p = head().line("CB#: 45978648320", 40, 330).line("25/Fe0/20170743:54", 300, 330).build();
        // the head's own date comes first: take a page without it
        Page month = new PageBuilder().stack(100, 40, "BEMED (SP) SDN. BHD.", "No.49, Jalan Dinar", "40150 Shah Alam")
                .line("CB#: 45978648320", 40, 330).line("25/Fe0/20170743:54", 300, 330).line("TOTAL", 40, 400).line("217.00", 400, 400).build();
        assertThat(RECEIPT.extract(month).field("date").normalized()).isEqualTo("2017-02-25");
        assertThat(RECEIPT.extract(p).field("date").normalized()).isEqualTo("2019-02-14");
        // two months one letter away ("Ju0": jun, jul) is no date
        assertThat(Dates.find("25/Ju0/2017", Dates.Order.DMY)).isNull();
        assertThat(Dates.find("25-Fe8-17", Dates.Order.DMY).iso()).isEqualTo("2017-02-25");
        Page lost = new PageBuilder().stack(100, 40, "YONG CEN ENTERPRISE", "8, JALAN SUBANG JASA 3,", "40150 SHAH ALAM")
                .line("RECEIPT #: CS00633800 DATE: 250472017", 40, 300).line("TOTAL", 40, 400).line("84.00", 400, 400).build();
        assertThat(RECEIPT.extract(lost).field("date").normalized()).isEqualTo("2017-04-25");
        assertThat(Dates.afterLabel(": 25042017", Dates.Order.DMY).iso()).isEqualTo("2017-04-25");
        assertThat(Dates.afterLabel(" 2510772017", Dates.Order.DMY).iso()).isEqualTo("2017-07-25");
        // not a date: a month 13, a year out of range, digits before the run
        assertThat(Dates.afterLabel("25132017", Dates.Order.DMY)).isNull();
        assertThat(Dates.afterLabel("25041817", Dates.Order.DMY)).isNull();
        assertThat(Dates.afterLabel("No 25042017", Dates.Order.DMY)).isNull();
        // without a label the run is a number
        Page unlabelled = new PageBuilder().stack(100, 40, "YONG CEN ENTERPRISE", "8, JALAN SUBANG JASA 3,", "40150 SHAH ALAM")
                .line("25042017", 40, 300).line("TOTAL", 40, 400).line("84.00", 400, 400).build();
        assertThat(RECEIPT.extract(unlabelled).field("date")).isNull();
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
