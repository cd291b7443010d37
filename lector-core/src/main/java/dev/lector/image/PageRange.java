package dev.lector.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which pages of a document to read, 1-based, as written on a command line: {@code "1-3,5"} or
 * {@code "all"}. Pages are always read in document order, each once, however the spans overlap.
 *
 * @param spans the selected spans; empty means every page ({@link #ALL})
 */
public record PageRange(List<Span> spans) {

    /** Every page of the document. */
    public static final PageRange ALL = new PageRange(List.of());

    /**
     * Pages {@code first} to {@code last}, both included, 1-based.
     *
     * @param first the first page, at least 1
     * @param last  the last page, at least {@code first}
     */
    public record Span(int first, int last) {
        /** Checks that the span starts at page 1 or later and does not end before it starts. */
        public Span {
            if (first < 1) throw new IllegalArgumentException("pages are numbered from 1, got " + first);
            if (last < first) throw new IllegalArgumentException("page span " + first + "-" + last + " ends before it starts");
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    /** Copies the spans. */
    public PageRange {
        spans = List.copyOf(spans);
    }

    /**
     * Pages {@code first} to {@code last}, both included, 1-based.
     *
     * @param first the first page, at least 1
     * @param last  the last page, at least {@code first}
     * @return the range of that one span
     */
    public static PageRange of(int first, int last) {
        return new PageRange(List.of(new Span(first, last)));
    }

    /**
     * One page, 1-based.
     *
     * @param page the page number, at least 1
     * @return the range of that page alone
     */
    public static PageRange single(int page) {
        return of(page, page);
    }

    /**
     * Parses {@code "all"} or comma-separated pages and spans such as {@code "1-3,5"}
     * (spaces allowed, case ignored).
     *
     * @param spec the text to parse
     * @return the range it selects
     * @throws InputException {@code BAD_OPTION} naming the part that is not understood
     */
    public static PageRange parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw badOption("page range is empty: expected e.g. '1-3,5' or 'all'");
        }
        String trimmed = spec.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("all")) return ALL;
        List<Span> spans = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int first = pageNumber(dash < 0 ? p : p.substring(0, dash), p, spec);
            int last = dash < 0 ? first : pageNumber(p.substring(dash + 1), p, spec);
            if (last < first) {
                throw badOption("page span '" + p + "' in '" + spec + "' ends before it starts");
            }
            spans.add(new Span(first, last));
        }
        return new PageRange(spans);
    }

    private static int pageNumber(String text, String part, String spec) {
        String t = text.trim();
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw badOption("page range '" + spec + "' is not understood at '" + part
                    + "': expected e.g. '1-3,5' or 'all'");
        }
        int page;
        try {
            page = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw badOption("page number " + t + " in '" + spec + "' is too large");
        }
        if (page < 1) throw badOption("pages are numbered from 1, got " + page + " in '" + spec + "'");
        return page;
    }

    /**
     * Whether every page is selected.
     *
     * @return true for {@link #ALL}
     */
    public boolean isAll() {
        return spans.isEmpty();
    }

    /**
     * The selected page numbers (1-based, ascending, distinct) of a document with {@code pageCount} pages.
     *
     * @param pageCount how many pages the document has
     * @return the page numbers to read, in document order
     * @throws InputException {@code BAD_OPTION} when the range asks for pages past the end
     */
    public List<Integer> resolve(int pageCount) {
        if (isAll()) {
            List<Integer> all = new ArrayList<>(pageCount);
            for (int p = 1; p <= pageCount; p++) all.add(p);
            return all;
        }
        int highest = spans.stream().mapToInt(Span::last).max().orElseThrow();
        if (highest > pageCount) {
            throw badOption("pages " + this + " were asked for, but the input has " + pageCount
                    + (pageCount == 1 ? " page" : " pages"));
        }
        TreeSet<Integer> pages = new TreeSet<>();
        for (Span s : spans) {
            for (int p = s.first(); p <= s.last(); p++) pages.add(p);
        }
        return List.copyOf(pages);
    }

    /** The range as {@link #parse} reads it: {@code "all"} or e.g. {@code "1-3,5"}. */
    @Override
    public String toString() {
        return isAll() ? "all" : spans.stream().map(Span::toString).collect(Collectors.joining(","));
    }

    private static InputException badOption(String message) {
        return new InputException(InputException.Reason.BAD_OPTION, message);
    }
}
