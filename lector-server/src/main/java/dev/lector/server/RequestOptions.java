package dev.lector.server;

import dev.lector.image.InputException;
import dev.lector.image.PageRange;
import dev.lector.pipeline.OcrOptions;
import java.util.Locale;
import java.util.function.Function;

/**
 * Options of one OCR request, parsed from query or form parameters; any bad value is a 422
 * naming the parameter.
 *
 * @param ocr    engine options
 * @param pages  pages of a PDF to read
 * @param format {@code json}, {@code text}, or a file: {@code pdf}, {@code hocr}, {@code alto}
 */
public record RequestOptions(OcrOptions ocr, PageRange pages, Format format) {

    /** Response body format. */
    public enum Format {
        JSON, TEXT, PDF, HOCR, ALTO;

        /** Whether the answer is a file rendered from the Document and the input ({@link FileResponses}). */
        public boolean isFile() {
            return this == PDF || this == HOCR || this == ALTO;
        }
    }

    /** Reads {@code cls}, {@code page_orientation}, {@code det_limit_side}, {@code format} and {@code pages} through {@code param}. */
    public static RequestOptions parse(Function<String, String> param, OcrOptions base) {
        return parse(param, base, 8192);
    }

    /**
     * Like {@link #parse(Function, OcrOptions)}, with {@code det_limit_side} above {@code maxDetSide}
     * refused (422): the detector's working memory grows with the square of its input side, so the
     * server, not the client, decides how large it may be.
     */
    public static RequestOptions parse(Function<String, String> param, OcrOptions base, int maxDetSide) {
        OcrOptions o = base;
        String cls = param.apply("cls");
        if (cls != null) o = o.withClassify(bool("cls", cls));
        String preprocess = param.apply("preprocess");
        if (preprocess != null) {
            try {
                o = o.withPreprocess(dev.lector.image.Preprocess.parse(preprocess));
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        String orientation = param.apply("page_orientation");
        if (orientation != null) o = o.withPageOrientation(bool("page_orientation", orientation));
        String side = param.apply("det_limit_side");
        if (side != null) {
            int px;
            try {
                px = Integer.parseInt(side.trim());
            } catch (NumberFormatException e) {
                throw bad("det_limit_side must be a whole number of pixels, not '" + side + "'");
            }
            if (px > maxDetSide) {
                throw bad("det_limit_side " + px + " is above this server's limit of " + maxDetSide
                        + " px (--max-det-side); ask for " + maxDetSide + " or less");
            }
            try {
                o = o.withDetLimit(px, o.detLimitType());
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        Format format = Format.JSON;
        String f = param.apply("format");
        if (f != null) {
            format = switch (f.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> Format.JSON;
                case "text", "txt" -> Format.TEXT;
                case "pdf" -> Format.PDF;
                case "hocr" -> Format.HOCR;
                case "alto" -> Format.ALTO;
                default -> throw bad("format must be json, text, pdf, hocr or alto, not '" + f + "'");
            };
        }
        PageRange pages = PageRange.ALL;
        String p = param.apply("pages");
        if (p != null) {
            try {
                pages = PageRange.parse(p);
            } catch (InputException e) {
                throw bad(e.getMessage());
            }
        }
        return new RequestOptions(o, pages, format);
    }

    /** The part of the options that changes the result: goes into the cache key. */
    public String cacheKeyPart() {
        return "cls=" + ocr.classify() + ";side=" + ocr.detLimitSidePx() + ";type=" + ocr.detLimitType()
                + ";drop=" + ocr.dropScore() + ";pad=" + ocr.padPx() + ";margin=" + ocr.cropMargin() + ";ends=" + ocr.endSearch()
                + ";orientation=" + ocr.pageOrientation() + ";preprocess=" + ocr.preprocess() + ";pages=" + pages;
    }

    static boolean bool(String name, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw bad(name + " must be true or false, not '" + v + "'");
        };
    }

    private static ApiException bad(String message) {
        return new ApiException(ApiException.Kind.BAD_OPTION, message);
    }
}
