package dev.lector.cli;

import dev.lector.extract.FieldExtractor;
import dev.lector.extract.KeysExtractor;
import dev.lector.extract.Templates;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** What to extract: a built-in template, a template file, or keys (exactly one). */
final class FieldOptions {

    @Option(names = "--template", paramLabel = "NAME", converter = OptionValues.Template.class, description = "Built-in template: receipt, invoice, id_card_cn, passport_mrz or kv.")
    String template;

    @Option(names = "--template-file", paramLabel = "FILE", converter = OptionValues.ReadableFile.class, description = "A template of your own (JSON; see docs/fields.md).")
    Path templateFile;

    @Option(names = "--keys", paramLabel = "K1,K2", description = "Keys to find, comma-separated (e.g. 'Invoice No,Total due').")
    String keys;

    /** The extractor asked for, or a one-line error; {@code dflt} is used when nothing was asked for (null: an error). */
    FieldExtractor extractor(String dflt) {
        int given = (template != null ? 1 : 0) + (templateFile != null ? 1 : 0) + (keys != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("give only one of --template, --template-file and --keys");
        if (templateFile != null) return Templates.extractor(Templates.read(templateFile));
        if (keys != null) {
            List<String> ks = Arrays.stream(keys.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (ks.isEmpty()) throw new IllegalArgumentException("--keys is empty: name at least one key, e.g. --keys 'Invoice No,Total'");
            return new KeysExtractor(ks);
        }
        String name = template != null ? template : dflt;
        if (name == null) throw new IllegalArgumentException("say what to extract: --template NAME, --template-file FILE or --keys K1,K2");
        return Templates.extractor(name);
    }
}
