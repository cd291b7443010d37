package dev.lector.cli;

import dev.lector.extract.Templates;
import dev.lector.image.PageRange;
import dev.lector.image.Preprocess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks of option values, run by picocli while it parses the command line, so a bad value is
 * refused before any model loads. Each failure is one line naming the valid values; picocli
 * prefixes it with the option: {@code Invalid value for option '--threads': '0' (valid: 1 or more)}.
 * Choices return their canonical lower-case name (aliases folded), so commands compare plain strings.
 */
final class OptionValues {

    private OptionValues() {}

    static TypeConversionException invalid(String value, String valid) {
        return new TypeConversionException("'" + value + "' (valid: " + valid + ")");
    }

    // ---- whole numbers ----

    /** An int in {@code min..max}. */
    abstract static class IntIn implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        IntIn(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            long v = parseLong(value, range(min, max));
            if (v < min || v > max) throw invalid(value, range(min, max));
            return (int) v;
        }
    }

    /** A long in {@code min..max}. */
    abstract static class LongIn implements ITypeConverter<Long> {
        private final long min;
        private final long max;

        LongIn(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Long convert(String value) {
            long v = parseLong(value, range(min, max));
            if (v < min || v > max) throw invalid(value, range(min, max));
            return v;
        }
    }

    static String range(long min, long max) {
        if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) return min + " or more";
        return min + " to " + max;
    }

    private static long parseLong(String value, String valid) {
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(value, "a whole number, " + valid);
        }
    }

    static final class AtLeastOne extends IntIn {
        AtLeastOne() {
            super(1, Integer.MAX_VALUE);
        }
    }

    static final class AtLeastZero extends IntIn {
        AtLeastZero() {
            super(0, Integer.MAX_VALUE);
        }
    }

    static final class Port extends IntIn {
        Port() {
            super(0, 65535);
        }
    }

    /** PDF render resolution ({@code ImageLimits}: 18..1200). */
    static final class Dpi extends IntIn {
        Dpi() {
            super(18, 1200);
        }
    }

    /** Detector side limit ({@code OcrOptions}: 32..8192 px). */
    static final class DetSide extends IntIn {
        DetSide() {
            super(32, 8192);
        }
    }

    /** White margin ({@code OcrOptions}: 0..1000 px). */
    static final class Pad extends IntIn {
        Pad() {
            super(0, 1000);
        }
    }

    /** Job workers ({@code JobsConfig}: 1..64). */
    static final class JobWorkers extends IntIn {
        JobWorkers() {
            super(1, 64);
        }
    }

    /** Top-k of sampling: -1 (off) or 1 or more. */
    static final class TopK implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long v = parseLong(value, "-1 (off) or 1 or more");
            if (v != -1 && (v < 1 || v > Integer.MAX_VALUE)) throw invalid(value, "-1 (off) or 1 or more");
            return (int) v;
        }
    }

    static final class PositiveLong extends LongIn {
        PositiveLong() {
            super(1, Long.MAX_VALUE);
        }
    }

    static final class NonNegativeLong extends LongIn {
        NonNegativeLong() {
            super(0, Long.MAX_VALUE);
        }
    }

    // ---- decimals ----

    /** A double between {@code min} and {@code max}, each end open or closed. */
    abstract static class DoubleIn implements ITypeConverter<Double> {
        private final double min;
        private final boolean minOpen;
        private final double max;
        private final boolean maxOpen;

        DoubleIn(double min, boolean minOpen, double max, boolean maxOpen) {
            this.min = min;
            this.minOpen = minOpen;
            this.max = max;
            this.maxOpen = maxOpen;
        }

        @Override
        public Double convert(String value) {
            double v;
            try {
                v = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw invalid(value, "a number, " + describe());
            }
            boolean ok = !Double.isNaN(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
            if (!ok) throw invalid(value, describe());
            return v;
        }

        private String describe() {
            String lo = minOpen ? "more than " + fmt(min) : fmt(min);
            if (Double.isInfinite(max)) return minOpen ? lo : lo + " or more";
            if (!minOpen && !maxOpen) return fmt(min) + " to " + fmt(max);
            if (minOpen && maxOpen) return lo + " and less than " + fmt(max);
            return minOpen ? lo + ", up to " + fmt(max) : "from " + lo + " to less than " + fmt(max);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }

    /** A score or probability: 0 to 1. */
    static final class Probability extends DoubleIn {
        Probability() {
            super(0, false, 1, false);
        }
    }

    /** DB box threshold: [0, 1). */
    static final class BoxThresh extends DoubleIn {
        BoxThresh() {
            super(0, false, 1, true);
        }
    }

    /** DB unclip ratio: (0, 10]. */
    static final class UnclipRatio extends DoubleIn {
        UnclipRatio() {
            super(0, true, 10, false);
        }
    }

    /** Crop margin: 0 to 2 line heights. */
    static final class CropMargin extends DoubleIn {
        CropMargin() {
            super(0, false, 2, false);
        }
    }

    /** End search: 0 to 4 line heights ({@code OcrOptions}). */
    static final class EndSearch extends DoubleIn {
        EndSearch() {
            super(0, false, 4, false);
        }
    }

    /** A duration in seconds: (0, 86400]. */
    static final class Seconds extends DoubleIn {
        Seconds() {
            super(0, true, 86400, false);
        }
    }

    static final class NonNegativeDouble extends DoubleIn {
        NonNegativeDouble() {
            super(0, false, Double.POSITIVE_INFINITY, false);
        }
    }

    static final class PositiveDouble extends DoubleIn {
        PositiveDouble() {
            super(0, true, Double.POSITIVE_INFINITY, false);
        }
    }

    // ---- choices ----

    /** One of a fixed set of names (any case); aliases map to a canonical name. */
    abstract static class Choice implements ITypeConverter<String> {
        private final List<String> valid;
        private final Map<String, String> names = new LinkedHashMap<>();

        /** {@code valid} are shown and accepted; {@code aliases} pairs (alias, canonical) are accepted too. */
        Choice(List<String> valid, String... aliases) {
            this.valid = valid;
            for (String v : valid) names.put(v, v);
            for (int i = 0; i + 1 < aliases.length; i += 2) names.put(aliases[i], aliases[i + 1]);
        }

        @Override
        public String convert(String value) {
            String c = names.get(value.strip().toLowerCase(Locale.ROOT));
            if (c == null) throw invalid(value, String.join(", ", valid));
            return c;
        }
    }

    static final class OcrFormat extends Choice {
        OcrFormat() {
            super(Arrays.stream(OutputFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    static final class JsonFormat extends Choice {
        JsonFormat() {
            super(List.of("json", "jsonl"));
        }
    }

    static final class ParseFormat extends Choice {
        ParseFormat() {
            super(List.of("markdown", "json", "jsonl"), "md", "markdown");
        }
    }

    static final class TextFormat extends Choice {
        TextFormat() {
            super(List.of("text", "json", "jsonl"), "txt", "text");
        }
    }

    static final class Engine extends Choice {
        Engine() {
            super(List.of("ppocr", "vlm"), "pp-ocr", "ppocr", "onnx", "ppocr");
        }
    }

    /** extract's engines: ocr's and auto. */
    static final class ExtractEngine extends Choice {
        ExtractEngine() {
            super(List.of("ppocr", "vlm", "auto"), "pp-ocr", "ppocr", "onnx", "ppocr");
        }
    }

    static final class Language extends Choice {
        Language() {
            super(List.of("en", "zh"), "english", "en", "chinese", "zh", "zh-cn", "zh");
        }
    }

    static final class LimitType extends Choice {
        LimitType() {
            super(List.of("max", "min"));
        }
    }

    static final class PreprocessName extends Choice {
        PreprocessName() {
            super(Arrays.stream(Preprocess.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    static final class ReferenceOrder extends Choice {
        ReferenceOrder() {
            super(List.of("file", "layout"));
        }
    }

    static final class Profile extends Choice {
        Profile() {
            super(List.of("hunyuan", "generic"), "hunyuanocr", "hunyuan");
        }
    }

    static final class Coordinates extends Choice {
        Coordinates() {
            super(List.of("grid", "pixels"), "1000", "grid", "grid_1000", "grid", "px", "pixels");
        }
    }

    static final class Template extends Choice {
        Template() {
            super(Templates.BUILT_IN);
        }
    }

    // ---- structured values ----

    /** {@code all} or pages and spans such as {@code 1-3,5}; returns the text as given once it parses. */
    static final class Pages implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                PageRange.parse(value);
            } catch (RuntimeException e) {
                throw invalid(value, "all, or page numbers and spans from 1 such as 1-3,5");
            }
            return value;
        }
    }

    private static final Pattern DEVICE = Pattern.compile("(cpu|(cuda|gpu|tensorrt|trt)(:\\d{1,3})?)");

    /** {@code cpu}, {@code cuda[:N]} or {@code tensorrt[:N]}. */
    static final class DeviceName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!DEVICE.matcher(v).matches()) throw invalid(value, "cpu, cuda, cuda:N, tensorrt, tensorrt:N");
            return v;
        }
    }

    /** A file that exists and can be read. */
    static final class ReadableFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = Path.of(value);
            if (Files.isDirectory(p)) throw invalid(value, "a file; this is a folder");
            if (!Files.exists(p)) throw invalid(value, "an existing file; there is no such file");
            if (!Files.isReadable(p)) throw invalid(value, "a readable file; permission denied");
            return p;
        }
    }

    /** A folder that exists. */
    static final class ReadableFolder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = Path.of(value);
            if (!Files.isDirectory(p)) throw invalid(value, "an existing folder; " + (Files.exists(p) ? "this is a file" : "there is no such folder"));
            return p;
        }
    }

    /** An http or https URL with a host. */
    static final class HttpUrl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                URI u = new URI(value.strip());
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return value.strip();
            } catch (java.net.URISyntaxException e) {
                // falls through to the message
            }
            throw invalid(value, "an http:// or https:// URL with a host, e.g. http://127.0.0.1:8000/v1");
        }
    }
}
