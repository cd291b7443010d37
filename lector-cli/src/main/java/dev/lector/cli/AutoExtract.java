package dev.lector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.extract.Extraction;
import dev.lector.extract.FieldExtractor;
import dev.lector.image.PageRange;
import dev.lector.result.Page;
import dev.lector.vlm.AutoFields;
import dev.lector.vlm.PageAnswer;
import dev.lector.vlm.VlmException;
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
        Extraction rules = extractor.extract(page);
        List<String> wanted = AutoFields.wanted(extractor, rules);
        VlmFields answer = null;
        String error = null;
        if (!wanted.isEmpty()) {
            try {
                List<PageAnswer<VlmFields>> a = reader.extract(bytes, PageRange.single(page.number()), wanted);
                answer = a.isEmpty() ? null : a.getFirst().value();
            } catch (VlmException e) {
                error = e.getMessage();
            }
        }
        AutoFields.merge(extractor, rules, answer).addTo(out);
        if (!wanted.isEmpty()) wanted.forEach(out.putArray("asked_vlm")::add);
        if (error != null) out.put("vlm_error", error);
        return error;
    }

    @Override
    public void close() {
        reader.close();
    }
}
