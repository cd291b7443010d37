package dev.lector.render;

/** The name written into output files as their producer: {@code Lector <version>}. */
public final class Producer {
    private Producer() {}

    /** Lector's version from the jar manifest, or {@code dev} when run from classes. */
    public static String version() {
        String v = Producer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** {@code "Lector " + version()}. */
    public static String name() {
        return "Lector " + version();
    }
}
