package dev.lector.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lector.geometry.Quad;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kv template's tables: headings over columns of cells, each cell one pair. */
class KvTableTest {

    private static final KvExtractor KV = new KvExtractor();

    @Test
    void headingsWithColonsOverColumnsGiveOnePairPerCellAndACellOverTwoLinesIsOne() {
        Page p = new PageBuilder(8, 16)
                .line("Recipient(s):", 86, 436).line("Company:", 247, 436).line("Phone No.:", 393, 436).line("Fax No.:", 505, 436)
                .line("Mr. Meyer G. Koplow", 93, 472).line("Wachtell, Lipton, Rosen", 254, 472).line("(212) 403-1000", 398, 472)
                .line("(212) 403-2000", 512, 472)
                .line("& Katz", 253, 489)
                .line("Mr. Arthur F. Golden", 93, 517).wide("Davis, Polk & Wardwell (212) 450-4000", 255, 517, 232).line("(212) 450-4800", 513, 517)
                .line("Please call the Support Center at (206) 268-9312 if pages are missing.", 93, 600)
                .build();
        List<KeyValuePair> pairs = KV.extract(p).pairs();
        assertThat(pairs).extracting(KeyValuePair::key, KeyValuePair::value).contains(
                tuple("Recipient(s)", "Mr. Meyer G. Koplow"), tuple("Company", "Wachtell, Lipton, Rosen & Katz"),
                tuple("Phone No.", "(212) 403-1000"), tuple("Fax No.", "(212) 403-2000"),
                tuple("Recipient(s)", "Mr. Arthur F. Golden"),
                // run into the phone column by the recogniser: cut where that column starts
                tuple("Company", "Davis, Polk & Wardwell"), tuple("Phone No.", "(212) 450-4000"), tuple("Fax No.", "(212) 450-4800"));
        assertThat(pairs).extracting(KeyValuePair::value).noneMatch(v -> v.startsWith("Please call"));
        KeyValuePair katz = pairs.stream().filter(x -> x.value().endsWith("& Katz")).findFirst().orElseThrow();
        assertThat(katz.valueLines()).containsExactly(5, 8);
    }

    /** A line with word boxes: 8 px a char, a space between. */
    private static Line worded(String text, int x, int y) {
        List<Word> ws = new ArrayList<>();
        int at = x;
        for (String w : text.split(" ")) {
            ws.add(new Word(w, 0.95, Quad.ofRect(at, y, w.length() * 8, 16)));
            at += (w.length() + 1) * 8;
        }
        return new Line(text, 0.95, Quad.ofRect(x, y, text.length() * 8, 16), 0, ws);
    }

    @Test
    void headingOverTwoRowsIsJoinedAndOneOverTwoColumnsIsSplitAtItsWords() {
        List<Line> lines = new ArrayList<>(List.of(
                worded("IND/LOR", 180, 400), worded("NO. OF", 250, 400),
                worded("NAME OF ACCOUNT", 56, 418), worded("VOLUME STORES", 180, 418),
                worded("Don & Bens", 57, 436), worded("26/2", 190, 436), worded("20", 250, 436),
                worded("Western Beverage", 57, 454), worded("42/2", 190, 454), worded("15", 250, 454)));
        Page p = new Page(1, 800, 1000, 0, 0, lines, List.of(new Block(BlockKind.PARAGRAPH, Quad.ofRect(0, 0, 10, 10),
                java.util.stream.IntStream.range(0, lines.size()).boxed().toList())), null, null, null);
        List<KeyValuePair> pairs = KV.extract(p).pairs();
        assertThat(pairs).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                tuple("NAME OF ACCOUNT", "Don & Bens"), tuple("IND/LOR VOLUME", "26/2"), tuple("NO. OF STORES", "20"),
                tuple("NAME OF ACCOUNT", "Western Beverage"), tuple("IND/LOR VOLUME", "42/2"), tuple("NO. OF STORES", "15"));
    }

    @Test
    void aLabelColumnIsNotATable() {
        // names beside a "CC:" label, then labels with their values: no table of names over labels
        Page p = new PageBuilder(8, 16)
                .line("CC:", 55, 177).line("Vincent Losito", 100, 177).line("Don Kisling", 235, 177)
                .line("George Baroody", 99, 190).line("Tesh", 254, 191).line("C. Hill", 311, 190)
                .line("Brand(s) Applicable", 145, 230).line("Newport Lights", 342, 230)
                .line("Media Type", 143, 257).line("Direct Mail", 342, 257)
                .line("Coupon Issue Date", 146, 285).line("4/14/00", 498, 285)
                .build();
        List<KeyValuePair> pairs = KV.extract(p).pairs();
        assertThat(pairs).extracting(KeyValuePair::key).doesNotContain("George Baroody", "Tesh", "C. Hill", "Vincent Losito George Baroody");
        assertThat(pairs).extracting(KeyValuePair::key, KeyValuePair::value).contains(tuple("Media Type", "Direct Mail"));
    }

    @Test
    void twoHeadingsSideBySideAreALabelAndItsValueNotATable() {
        Page p = new PageBuilder(8, 16)
                .line("BRAND(S) APPLICABLE", 140, 304).line("Old Gold", 378, 304)
                .line("MEDIA TYPE", 139, 335).line("Direct Mail", 377, 335)
                .line("COUPON VALUE", 141, 366).line("$1.00 OFF PACK", 379, 366)
                .build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value)
                .contains(tuple("BRAND(S) APPLICABLE", "Old Gold"), tuple("MEDIA TYPE", "Direct Mail"))
                .doesNotContain(tuple("BRAND(S) APPLICABLE", "MEDIA TYPE"));
    }

    @Test
    void valueToTheRightRunsOnUnderItselfAndAlongItsRow() {
        Page p = new PageBuilder(8, 14)
                .line("TO:", 98, 195).line("ESSENCE", 156, 195).line("DATE:", 496, 195).line("MARCH 17, 1995", 538, 195)
                .line("1500 BROADWAY", 156, 211).line("NEW YORK, NY 10036", 155, 227).line("ATTN: JOYCE WINSTON", 156, 243)
                .line("REPORTED BY:", 90, 300).line("BOBBY MILLS, SALES MGR.,", 235, 298).line("INDIANAPOLIS, IN", 430, 298)
                // a value under a value, but with its own label to its left: not a run-on
                .line("Name:", 99, 400).line("Ken Forrest", 236, 400).line("FAX NO.:", 139, 415).line("212-403-2211", 235, 415)
                // a time on the row is part of the value, not a label of its own
                .line("ARRIVAL DATE AND TIME:", 82, 500).line("2/18/80", 270, 502).line("7:00 P.M.", 340, 502)
                .build();
        List<KeyValuePair> pairs = KV.extract(p).pairs();
        assertThat(pairs).extracting(KeyValuePair::key, KeyValuePair::value).contains(
                tuple("TO", "ESSENCE 1500 BROADWAY NEW YORK, NY 10036"), tuple("DATE", "MARCH 17, 1995"), tuple("ATTN", "JOYCE WINSTON"),
                tuple("REPORTED BY", "BOBBY MILLS, SALES MGR., INDIANAPOLIS, IN"),
                tuple("Name", "Ken Forrest"), tuple("FAX NO.", "212-403-2211"), tuple("ARRIVAL DATE AND TIME", "2/18/80 7:00 P.M."));
    }

    @Test
    void labelOverTwoLinesIsOneKey() {
        Page p = new PageBuilder(8, 16)
                .line("SOURCE OF", 89, 228).line("HALL RODECAP, NOBLESVILLE, IN", 235, 238).line("INFORMATION:", 87, 246)
                .line("MANUFACTURER:", 88, 290).line("B&W", 250, 288)
                .build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                tuple("SOURCE OF INFORMATION", "HALL RODECAP, NOBLESVILLE, IN"), tuple("MANUFACTURER", "B&W"));
    }

    @Test
    void headingsWithCellsWiderThanThemAreATable() {
        Page p = new PageBuilder(8, 14)
                .line("AD#:", 97, 376).line("CAPTION:", 229, 375).line("SPACE:", 375, 373).line("DATE:", 523, 374)
                .line("NPT-533-7", 97, 404).line("FOUNTAIN COUPLE", 190, 402).line("P5CE", 375, 404).line("JUNE 1995", 523, 404)
                .build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                tuple("AD#", "NPT-533-7"), tuple("CAPTION", "FOUNTAIN COUPLE"), tuple("SPACE", "P5CE"), tuple("DATE", "JUNE 1995"));
    }

    @Test
    void aGridOfNamesUnderALabelIsNotATableAndBracketsOrUprightTextAreNotLabelsOrValues() {
        Page p = new PageBuilder(8, 15)
                .line("cc:", 90, 772)
                .line("A.H.Tisch", 90, 783).line("G.Telford", 234, 783).line("J. J. Tatulli", 347, 783)
                .line("R. H. Orcutt", 90, 798).line("F.J.Schultz", 231, 798).line("L. H. Kersh", 347, 798)
                .line("(Election Date)", 227, 431).line("(Name of City/Town or State)", 459, 431)
                .build();
        List<Line> lines = new ArrayList<>(p.lines());
        // a file number printed up the page's edge, beside a name
        lines.add(new Line("82837252", 0.95, Quad.ofRect(560, 760, 28, 94), 0));
        Page q = new Page(1, 800, 1000, 0, 0, lines, List.of(new Block(BlockKind.PARAGRAPH, Quad.ofRect(0, 0, 10, 10),
                java.util.stream.IntStream.range(0, lines.size()).boxed().toList())), null, null, null);
        List<KeyValuePair> pairs = KV.extract(q).pairs();
        assertThat(pairs).extracting(KeyValuePair::key).containsOnly("cc");
        assertThat(pairs).extracting(KeyValuePair::value).contains("A.H.Tisch", "R. H. Orcutt").doesNotContain("82837252");
    }

    @Test
    void labelColumnInCapitalsWithValuesInCapitals() {
        Page p = new PageBuilder(8, 15)
                .line("DEPARTMENT NAME", 95, 137).line("SCIENCE & TECHNOLOGY", 324, 138)
                .line("COST CENTER NUMBER", 95, 183).line("141", 359, 183)
                .build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                tuple("DEPARTMENT NAME", "SCIENCE & TECHNOLOGY"), tuple("COST CENTER NUMBER", "141"));
    }

    private static Line sized(String text, int x, int y, int charWidth, int height) {
        return new Line(text, 0.95, Quad.ofRect(x, y, text.length() * charWidth, height), 0);
    }

    @Test
    void smallCapitalLabelOverTheValueFilledInUnderIt() {
        List<Line> lines = List.of(
                sized("DECISION TREE ESTIMATION OF TOXIC RISK", 213, 117, 9, 14),
                sized("COMPOUND NAME", 90, 170, 5, 10), sized("Vanitrope", 117, 187, 7, 15),
                // a name over its title: same size, no pair; a firm's name over its street neither
                sized("BARRY HIRSCH", 90, 300, 7, 15), sized("Senior Vice President", 90, 318, 7, 15),
                sized("HUNTON & WILLIAMS", 90, 400, 5, 10), sized("Riverfront Plaza", 90, 414, 7, 15),
                // a capital label over another label is no pair
                sized("SOURCE", 400, 170, 5, 10), sized("REMARKS", 400, 184, 7, 15));
        Page p = new Page(1, 800, 1000, 0, 0, lines, List.of(new Block(BlockKind.PARAGRAPH, Quad.ofRect(0, 0, 10, 10),
                java.util.stream.IntStream.range(0, lines.size()).boxed().toList())), null, null, null);
        List<KeyValuePair> pairs = KV.extract(p).pairs();
        assertThat(pairs).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(tuple("COMPOUND NAME", "Vanitrope"));
        assertThat(pairs.getFirst().keyLines()).containsExactly(1);
        assertThat(pairs.getFirst().valueLines()).containsExactly(2);
    }

    @Test
    void aCountHeadingIsNoValue() {
        Page p = new PageBuilder(8, 16).line("DIVISION NAME:", 71, 286).line("#REPS", 447, 287)
                .line("PO:", 71, 340).line("#77219", 120, 340).build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(tuple("PO", "77219"));
    }

    private static Line at(String text, int x0, int y0, int x1, int y1) {
        return new Line(text, 0.95, Quad.ofRect(x0, y0, x1 - x0, y1 - y0), 0);
    }

    private static Page page(List<Line> lines) {
        return new Page(1, 800, 1000, 0, 0, lines, List.of(new Block(BlockKind.PARAGRAPH, Quad.ofRect(0, 0, 10, 10),
                java.util.stream.IntStream.range(0, lines.size()).boxed().toList())), null, null, null);
    }

    @Test
    void aLetterheadInCapitalsIsNoTable() {
        // "FAX", the firm's name, "FAX" over "COVER", its street, "COVER" and the address under the name: one row of cells
        Page p = page(List.of(at("LAW OFFICES", 339, 91, 410, 104), at("FAX", 83, 115, 129, 136), at("SHOOK,HARDY& BACON L.L.P.", 236, 108, 509, 129),
                at("FAX", 591, 115, 638, 137), at("One Kansas City Place", 305, 140, 444, 160), at("COVER", 69, 140, 146, 161),
                at("1200 Main Street", 322, 165, 427, 184), at("COVER .", 578, 142, 665, 163), at("Kansas City, Missouri 64105-2118", 272, 187, 477, 207),
                at("TO:", 110, 229, 139, 246), at("JACK REILLY", 163, 229, 262, 245)));
        List<KeyValuePair> pairs = KV.extract(p).pairs();
        assertThat(pairs).extracting(KeyValuePair::key).doesNotContain("FAX", "LAW OFFICES SHOOK,HARDY& BACON L.L.P.", "SHOOK,HARDY& BACON L.L.P.");
        assertThat(pairs).extracting(KeyValuePair::key, KeyValuePair::value).contains(tuple("TO", "JACK REILLY"));
        // the same headings over two full rows are a table
        Page table = page(List.of(at("FAX", 83, 115, 129, 136), at("SHOOK,HARDY& BACON L.L.P.", 236, 108, 509, 129), at("FAX", 591, 115, 638, 137),
                at("COVER", 69, 140, 146, 161), at("One Kansas City Place", 305, 140, 444, 160), at("COVER", 578, 142, 665, 163),
                at("PAGE", 69, 170, 146, 191), at("1200 Main Street", 322, 170, 427, 190), at("PAGE", 578, 171, 665, 192)));
        assertThat(KV.extract(table).pairs()).extracting(KeyValuePair::key, KeyValuePair::value)
                .contains(tuple("FAX", "COVER"), tuple("SHOOK,HARDY& BACON L.L.P.", "1200 Main Street"));
    }

    @Test
    void anAddressUnderItsLabelIsOneValueAndAListOfNamesIsOnePairEach() {
        Page p = new PageBuilder(8, 16).line("Send all invoices to:", 448, 764).stack(448, 784, "LORILLARD MEDIA SERVICES", "ONE PARK AVENUE", "17TH FLOOR",
                "NEW YORK NEW YORK 10016-5896").line("Company:", 40, 764).stack(40, 784, "Davis Polk", "Wachtell Lipton").build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactlyInAnyOrder(
                tuple("Send all invoices to", "LORILLARD MEDIA SERVICES ONE PARK AVENUE 17TH FLOOR NEW YORK NEW YORK 10016-5896"),
                tuple("Company", "Davis Polk"), tuple("Company", "Wachtell Lipton"));
    }

    @Test
    void anInlineValueGoesOnInTheLinesUnderItThatStartWhereItStarts() {
        // "NOTE: " is 6 chars of 8 px: the value starts at 87
        Page p = new PageBuilder(8, 14).line("NOTE: REPORT STYLE INVENTORY ONLY.", 39, 589)
                .line("SUBMIT REPORT ONLY IF STYLE IS STILL ON HAND IN THIS ACCOUNT.", 87, 617)
                .line("CC: REGIONAL SALES MANAGER, ALL DIVISIONS", 87, 644)
                .line("DATE: 12/10/98", 39, 700).line("FAX: 614-466-5087", 39, 720).build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                tuple("NOTE", "REPORT STYLE INVENTORY ONLY. SUBMIT REPORT ONLY IF STYLE IS STILL ON HAND IN THIS ACCOUNT."),
                tuple("CC", "REGIONAL SALES MANAGER, ALL DIVISIONS"), tuple("DATE", "12/10/98"), tuple("FAX", "614-466-5087"));
        assertThat(KV.extract(p).pairs().getFirst().valueLines()).containsExactly(0, 1);
    }

    @Test
    void wordsAfterAValueWithDigitsAreTheNextKey() {
        Page p = new PageBuilder(8, 14).line("Date: 12/10/98 Fax No: 614-466-5087", 40, 100)
                .line("PAGES (including Cover Sheet):2 HARD COPY TO FOLLOW: YES", 40, 140)
                .line("Name: John Smith Phone: 555-0100", 40, 180).line("Area: 5 Region: 17", 40, 220).build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value).containsExactly(
                tuple("Date", "12/10/98"), tuple("Fax No", "614-466-5087"),
                tuple("PAGES (including Cover Sheet)", "2"), tuple("HARD COPY TO FOLLOW", "YES"),
                tuple("Name", "John Smith"), tuple("Phone", "555-0100"), tuple("Area", "5"), tuple("Region", "17"));
    }

    @Test
    void aNumberLabelWithoutAColon() {
        Page p = new PageBuilder(8, 14).line("CONFIDENTIAL FACSIMILE", 294, 260).line("FAX NO.(614) 466-5087", 294, 297)
                .line("Invoice Number 20154", 40, 340).line("Call us on 555 0100 now", 40, 380).build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value)
                .containsExactly(tuple("FAX NO.", "(614) 466-5087"), tuple("Invoice Number", "20154"));
    }

    @Test
    void aTickedBoxIsItsOptionWithX() {
        Page p = new PageBuilder(8, 14).line("REGION:", 58, 213).line("FULL X", 246, 213).line("PARTIAL", 449, 213)
                .line("MAY 12", 449, 169).line("AUG 4", 569, 169).line("SEP 15", 566, 198).line("X", 629, 198)
                .line("TAX", 40, 300).line("Box", 40, 340).build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value)
                .contains(tuple("FULL", "X"), tuple("SEP 15", "X"))
                .doesNotContain(tuple("FULL X", "PARTIAL"));
        // a word ending in x, or an X far from any option, is no tick
        Page none = new PageBuilder(8, 14).line("BOX", 40, 100).line("X", 400, 100).line("FEDEX", 40, 140).build();
        assertThat(KV.extract(none).pairs()).isEmpty();
    }

    @Test
    void aTickBeforeItsOptionAndAContactWordAtTheEndOfALetterheadLine() {
        Page p = new PageBuilder(8, 14).line("HARD COPY TO FOLLOW:", 87, 459).line("YES", 474, 463).line("X _NO", 539, 461)
                .line("ATT. GEN. ADMIN. OFFICE FAX: 614-466-5087", 102, 85).line("Shipping address: 12 Main St", 102, 300).build();
        assertThat(KV.extract(p).pairs()).extracting(KeyValuePair::key, KeyValuePair::value)
                .contains(tuple("NO", "X"), tuple("FAX", "614-466-5087"), tuple("Shipping address", "12 Main St"));
    }
}
