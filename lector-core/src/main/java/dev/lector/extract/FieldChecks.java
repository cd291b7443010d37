package dev.lector.extract;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The named checks a template can ask for, applied to a found field. */
final class FieldChecks {

    private FieldChecks() {}

    static Field apply(Field f, List<String> checks, Map<String, Field> all) {
        Field out = f;
        for (String c : checks) {
            out = switch (c) {
                case "cn_id" -> {
                    String id = f.normalized().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
                    if (!id.matches("\\d{17}[\\dX]")) yield out.withFailed("format");
                    if (!Validators.cnIdValid(id)) yield out.withFailed("check_digit");
                    if (Validators.cnIdBirthDate(id) == null) yield out.withFailed("birth_date");
                    yield out;
                }
                case "cn_id_birth" -> {
                    String id = cnId(all);
                    if (id == null) yield out;
                    LocalDate fromId = Validators.cnIdBirthDate(id);
                    LocalDate mine = TemplateExtractor.isoDate(f.normalized());
                    yield fromId != null && fromId.equals(mine) ? out : out.withFailed("id_number_mismatch");
                }
                case "cn_id_sex" -> {
                    String id = cnId(all);
                    if (id == null) yield out;
                    yield String.valueOf(Validators.cnIdSex(id)).equals(f.normalized()) ? out : out.withFailed("id_number_mismatch");
                }
                case "luhn" -> Validators.luhn(f.normalized()) ? out : out.withFailed("luhn");
                case "iban" -> Validators.iban(f.normalized()) ? out : out.withFailed("iban");
                // needs the page (the amount tendered and the change): applied by the extractor when it finds the total
                case "paid" -> out;
                default -> throw new IllegalArgumentException("unknown validator '" + c + "'");
            };
        }
        return out;
    }

    /** The value of the first field checked with {@code cn_id}, when it has the ID's shape. */
    private static String cnId(Map<String, Field> all) {
        for (Field f : all.values()) {
            String id = f.normalized().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
            if (id.matches("\\d{17}[\\dX]")) return id;
        }
        return null;
    }
}
