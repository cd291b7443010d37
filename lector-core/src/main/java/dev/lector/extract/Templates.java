package dev.lector.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built-in templates ({@code receipt}, {@code invoice}, {@code id_card_cn},
 * {@code passport_mrz}, {@code kv}: JSON resources in this package), user templates read from
 * files, and the extractor for each. Loading reads files; the extractors it returns do no I/O.
 */
public final class Templates {

    /** The built-in template names, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of("receipt", "invoice", "id_card_cn", "passport_mrz", "kv");

    private static final Map<String, Template> BUILT = load();

    private Templates() {}

    private static Map<String, Template> load() {
        Map<String, Template> m = new LinkedHashMap<>();
        for (String n : BUILT_IN) {
            String res = "templates/" + n + ".json";
            try (InputStream in = Templates.class.getResourceAsStream(res)) {
                if (in == null) throw new IllegalStateException("built-in template " + res + " is missing from the jar");
                m.put(n, Template.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), res));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }

    /** The built-in template called {@code name}, or an error naming the choices. */
    public static Template builtIn(String name) {
        Template t = BUILT.get(name);
        if (t == null) throw new IllegalArgumentException("unknown template '" + name + "': use one of " + String.join(", ", BUILT_IN));
        return t;
    }

    public static boolean isBuiltIn(String name) {
        return BUILT.containsKey(name);
    }

    /** A user template from a JSON file. */
    public static Template read(Path file) {
        try {
            return Template.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read template file " + file + ": " + e.getMessage());
        }
    }

    /** Every {@code *.json} template in {@code dir}, by template name (a folder of user templates for the server). */
    public static Map<String, Template> readDirectory(Path dir) {
        Map<String, Template> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Template t = read(p);
                if (m.put(t.name(), t) != null) throw new IllegalArgumentException("two templates in " + dir + " are called '" + t.name() + "'");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list template folder " + dir + ": " + e.getMessage());
        }
        return m;
    }

    /** The extractor for {@code t}, by its kind. */
    public static FieldExtractor extractor(Template t) {
        return switch (t.kind()) {
            case "kv" -> new KvExtractor();
            case "mrz" -> new MrzExtractor();
            default -> new TemplateExtractor(t);
        };
    }

    /** The extractor for a built-in template. */
    public static FieldExtractor extractor(String builtInName) {
        return extractor(builtIn(builtInName));
    }
}
