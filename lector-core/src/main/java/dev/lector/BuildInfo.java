package dev.lector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which Lector this is: the version and the git commit it was built from, written into
 * {@code dev/lector/build-info.properties} at build time. A build without git (a source tarball)
 * or a value the build could not fill in reads {@code "unknown"}.
 *
 * @param version the Maven version, e.g. {@code 0.2.0}
 * @param commit  the abbreviated git commit id, or {@code unknown}
 */
public record BuildInfo(String version, String commit) {

    /** The value of a field the build could not fill in. */
    public static final String UNKNOWN = "unknown";

    private static final String RESOURCE = "build-info.properties";
    private static final BuildInfo CURRENT = load();

    /**
     * Reads a field's value, {@link #UNKNOWN} when blank or when it was not filtered.
     *
     * @param version the version, may be null
     * @param commit  the commit id, may be null
     */
    public BuildInfo {
        version = known(version);
        commit = known(commit);
    }

    /**
     * The running Lector's build.
     *
     * @return the version and commit of the lector-core jar on the class path
     */
    public static BuildInfo current() {
        return CURRENT;
    }

    /**
     * One line for people, e.g. {@code 0.2.0 (commit 1a2b3c4)}.
     *
     * @return the version and the commit
     */
    public String text() {
        return version + " (commit " + commit + ")";
    }

    static BuildInfo from(Properties p) {
        return new BuildInfo(p.getProperty("version"), p.getProperty("commit"));
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return from(p);
    }

    private static String known(String value) {
        // an unfiltered resource still holds the Maven expression, e.g. ${git.commit.id.abbrev}
        if (value == null || value.isBlank() || value.contains("${")) return UNKNOWN;
        return value.strip();
    }
}
