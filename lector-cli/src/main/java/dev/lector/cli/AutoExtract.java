package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.FieldExtractor;
import dev.lector.image.PageRange;
import dev.lector.result.Page;
import dev.lector.vlm.AutoFields;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmFields;
import dev.lector.vlm.VlmReader;
import java.util.List;

/**
 * {@code lector extract --engine auto}: the page's fields by the rules, then the VLM back end asked
 * (one request per page, only for the fields still missing or failing their checks) through
 * {@link AutoFields}. Owns the VLM client.
 */
final class AutoExtract implements AutoCloseable {

    private final VlmReader reader;
    private final FieldExtractor extractor;

    AutoExtract(VlmOptions vlm, FieldExtractor extractor) {
        if (extractor.fieldNames().isEmpty()) {
            throw new IllegalArgumentException("--engine auto needs named fields (a template of kind fields, or --keys); '"
                    + extractor.name() + "' reports whatever the page holds");
        }
        this.reader = new VlmReader(vlm.config(System.getenv()), VlmOptions.limits(), null);
        this.extractor = extractor;
    }

    /**
     * Adds the merged fields of {@code page} (of the file {@code bytes}) to {@code out}; returns null, or
     * the back end's error (the rules' fields are still added, with {@code "vlm_error"}).
     */
    String addTo(ObjectNode out, byte[] bytes, Page page) {
        return AutoFields.addTo(out, extractor, extractor.extract(page), wanted -> {
            List<PageAnswer<VlmFields>> a = reader.extract(bytes, PageRange.single(page.number()), wanted);
            return a.isEmpty() ? null : a.getFirst().value();
        });
    }

    @Override
    public void close() {
        reader.close();
    }
}
