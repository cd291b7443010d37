package dev.lector.spark;

import dev.lector.extract.FieldExtractor;
import dev.lector.extract.Template;
import dev.lector.extract.Templates;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The field template a job asked for, as it travels to the executors: a built-in name, or a
 * user template's JSON read on the driver (executors need not see the driver's files).
 *
 * @param name the built-in template's name, or the file's name
 * @param json the user template's JSON; null for a built-in
 */
public record TemplateChoice(String name, String json) implements Serializable {

    /** {@code nameOrFile}: a built-in name ({@link Templates#BUILT_IN}) or a template JSON file; checked here. */
    public static TemplateChoice of(String nameOrFile) {
        if (Templates.isBuiltIn(nameOrFile)) return new TemplateChoice(nameOrFile, null);
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown template '" + nameOrFile + "': use one of "
                    + String.join(", ", Templates.BUILT_IN) + ", or a template JSON file");
        }
        try {
            TemplateChoice t = new TemplateChoice(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            t.extractor(); // a broken template fails on the driver, not in every task
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read template file " + file + ": " + e.getMessage());
        }
    }

    /** The extractor (made on each executor; extractors are pure and thread-safe). */
    public FieldExtractor extractor() {
        return json == null ? Templates.extractor(name) : Templates.extractor(Template.parse(json, name));
    }
}
