package dev.lector.extract;

import dev.lector.extract.PageLines.L;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Item lines of a receipt or invoice: rows between the head (the last of the date and address
 * lines) and the first subtotal/total label whose right end is an amount with decimals and which
 * carry a description (on the row, or on the row above when that row has no amount).
 */
final class ItemLines {

    private static final Pattern QTY = Pattern.compile("(?i)(?<![\\d.])(\\d{1,4}(?:[.,]\\d{1,3})?)\\s*(?:x|pcs|pc|ea|@)|^\\s*(\\d{1,3})\\s+(?=\\D)|(?<![\\d.,])(\\d{1,3})(?![\\d.,])");

    private ItemLines() {}

    static List<LineItem> find(PageLines pl, Template t, Map<String, Field> found) {
        int start = 0, end = pl.size();
        for (String name : List.of("date", "address", "company", "issue_date", "invoice_number")) {
            Field f = found.get(name);
            if (f != null) start = Math.max(start, f.lines().getLast() + 1);
        }
        for (String name : List.of("subtotal", "tax", "total")) {
            Field f = found.get(name);
            if (f == null || f.key() == null) continue;
            int labelLine = labelLine(pl, f);
            if (labelLine >= start) end = Math.min(end, labelLine);
        }
        final int from = start, to = end;
        List<LineItem> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int i = start; i < end; i++) {
            if (used.contains(i)) continue;
            L l = pl.get(i);
            List<L> row = pl.row(l).stream().filter(r -> r.index() >= from && r.index() < to).toList();
            for (L r : row) used.add(r.index());
            L last = row.getLast();
            Amounts.Found amount = lastAmount(last.text());
            if (amount == null || !amount.hasDecimals()) continue;
            StringBuilder desc = new StringBuilder();
            String qty = null;
            List<Integer> idx = new ArrayList<>();
            for (L r : row) {
                idx.add(r.index());
                String text = r == last ? r.text().substring(0, amount.start()) : r.text();
                if (text.codePoints().filter(Character::isLetter).count() >= 2) {
                    if (!desc.isEmpty()) desc.append(' ');
                    desc.append(text.strip());
                } else if (qty == null) {
                    qty = quantity(text);
                }
            }
            if (desc.isEmpty() && i > start) {
                L above = pl.get(i - 1);
                if (lastAmount(above.text()) == null && above.text().codePoints().filter(Character::isLetter).count() >= 2) {
                    desc.append(above.text().strip());
                    idx.addFirst(above.index());
                }
            }
            String d = Values.trim(desc.toString());
            if (d.isEmpty()) continue;
            if (qty == null) qty = quantity(d);
            List<L> ls = idx.stream().sorted().map(pl::get).toList();
            out.add(new LineItem(d, qty, amount.value().toPlainString(), pl.box(ls), idx.stream().sorted().toList()));
        }
        return out;
    }

    private static int labelLine(PageLines pl, Field f) {
        int first = f.lines().getFirst();
        // the label sits on the value's line or just left of it on the same row
        L l = pl.get(first);
        int min = first;
        for (L r : pl.row(l)) min = Math.min(min, r.index());
        return min;
    }

    private static Amounts.Found lastAmount(String text) {
        List<Amounts.Found> all = Amounts.findAll(text);
        if (all.isEmpty()) return null;
        Amounts.Found a = all.getLast();
        return text.substring(a.end()).strip().length() <= 3 ? a : null;
    }

    private static String quantity(String text) {
        Matcher m = QTY.matcher(text);
        if (!m.find()) return null;
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) return m.group(g).replace(',', '.');
        }
        return null;
    }
}
