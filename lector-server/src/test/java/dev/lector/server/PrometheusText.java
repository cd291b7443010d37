package dev.lector.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, as documented
 * (prometheus.io/docs/instrumenting/exposition_formats): {@code # HELP} and {@code # TYPE} at most
 * once per family and before its samples, a family's samples together, metric and label names
 * by the documented grammar, label values with their three escapes, values as Go floats
 * ({@code NaN}, {@code +Inf}, {@code -Inf} included), an optional integer timestamp, histogram
 * and summary samples by their suffixes. Any line outside that grammar fails with its number.
 */
final class PrometheusText {

    static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(NaN|Inf|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    record Sample(String name, Map<String, String> labels, double value) {}

    static final class Family {
        final String name;
        String help;
        String type;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }
    }

    private PrometheusText() {}

    /** Families by name, in the order they appear. */
    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) throw new IllegalArgumentException("the text does not end with a line feed");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                String[] t = line.split(" ", 4);
                if (t.length >= 3 && (t[1].equals("HELP") || t[1].equals("TYPE"))) {
                    String name = t[2];
                    if (!NAME.matcher(name).matches()) throw fail(no, "bad metric name " + name);
                    Family f = families.get(name);
                    if (f != null && !f.samples.isEmpty()) throw fail(no, t[1] + " of " + name + " after its samples");
                    if (f == null) families.put(name, f = new Family(name));
                    String rest = t.length == 4 ? t[3] : "";
                    if (t[1].equals("HELP")) {
                        if (f.help != null) throw fail(no, "second HELP for " + name);
                        f.help = unescape(rest, false, no);
                    } else {
                        if (f.type != null) throw fail(no, "second TYPE for " + name);
                        if (!TYPES.contains(rest)) throw fail(no, "unknown type '" + rest + "' for " + name);
                        f.type = rest;
                    }
                    current = name;
                }
                continue; // any other comment
            }
            Sample s = sample(line, no);
            String family = familyOf(s.name(), families);
            if (family == null) {
                family = s.name();
                families.put(family, new Family(family));
            } else if (!family.equals(current) && !families.get(family).samples.isEmpty()) {
                throw fail(no, "samples of " + family + " are not together");
            }
            current = family;
            Family f = families.get(family);
            checkSuffix(f, s, no);
            f.samples.add(s);
        }
        return families;
    }

    private static String familyOf(String sample, Map<String, Family> families) {
        if (families.containsKey(sample)) return sample;
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                Family f = families.get(base);
                if (f != null && ("histogram".equals(f.type) || "summary".equals(f.type))) return base;
            }
        }
        return null;
    }

    private static void checkSuffix(Family f, Sample s, int no) {
        if ("histogram".equals(f.type)) {
            if (s.name().equals(f.name + "_bucket")) {
                if (!s.labels().containsKey("le")) throw fail(no, "histogram bucket without le");
            } else if (!s.name().equals(f.name + "_count") && !s.name().equals(f.name + "_sum")) {
                throw fail(no, "histogram " + f.name + " has sample " + s.name());
            }
        } else if ("summary".equals(f.type)) {
            if (!s.name().equals(f.name) && !s.name().equals(f.name + "_count") && !s.name().equals(f.name + "_sum")) {
                throw fail(no, "summary " + f.name + " has sample " + s.name());
            }
        } else if (!s.name().equals(f.name)) {
            throw fail(no, "sample " + s.name() + " in family " + f.name);
        }
    }

    private static Sample sample(String line, int no) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
        String name = line.substring(0, i);
        if (!NAME.matcher(name).matches()) throw fail(no, "bad metric name '" + name + "'");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) throw fail(no, "label without '='");
                String label = line.substring(i, eq);
                if (!LABEL.matcher(label).matches()) throw fail(no, "bad label name '" + label + "'");
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') throw fail(no, "label value not quoted");
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        if (++j >= line.length()) throw fail(no, "dangling escape");
                        char e = line.charAt(j);
                        v.append(switch (e) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw fail(no, "bad escape \\" + e);
                        });
                    } else {
                        v.append(c);
                    }
                }
                if (j >= line.length()) throw fail(no, "unterminated label value");
                if (labels.put(label, v.toString()) != null) throw fail(no, "label " + label + " twice");
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') i++;
                else if (i >= line.length() || line.charAt(i) != '}') throw fail(no, "expected ',' or '}'");
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') throw fail(no, "no value");
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2) throw fail(no, "expected value [timestamp]");
        if (!FLOAT.matcher(rest[0]).matches()) throw fail(no, "bad value '" + rest[0] + "'");
        if (rest.length == 2 && !rest[1].matches("-?\\d+")) throw fail(no, "bad timestamp '" + rest[1] + "'");
        String v = rest[0];
        double value = v.endsWith("Inf") ? (v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : v.endsWith("NaN") ? Double.NaN : Double.parseDouble(v);
        return new Sample(name, labels, value);
    }

    private static String unescape(String s, boolean quotes, int no) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= s.length()) throw fail(no, "dangling escape");
            char e = s.charAt(i);
            if (e == '\\') b.append('\\');
            else if (e == 'n') b.append('\n');
            else if (quotes && e == '"') b.append('"');
            else throw fail(no, "bad escape \\" + e);
        }
        return b.toString();
    }

    private static IllegalArgumentException fail(int line, String why) {
        return new IllegalArgumentException("line " + line + ": " + why);
    }
}
