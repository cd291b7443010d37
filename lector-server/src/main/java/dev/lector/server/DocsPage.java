package dev.lector.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: the API reference, Swagger UI (from the {@code org.webjars:swagger-ui} jar on
 * the classpath, no CDN) reading {@code /openapi.json}. Only the files the page loads are served
 * (a fixed list, each with its type), under {@code /docs/NAME}; Swagger UI's online validator is off.
 */
final class DocsPage {

    static final String PATH = "/docs";
    /** The files under {@code /docs/}: Swagger UI's own (from the webjar) and the page's start-up script. */
    static final Map<String, String> ASSETS;
    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("swagger-ui.css", "text/css; charset=utf-8");
        m.put("index.css", "text/css; charset=utf-8");
        m.put("swagger-ui-bundle.js", "text/javascript; charset=utf-8");
        m.put("favicon-32x32.png", "image/png");
        m.put("favicon-16x16.png", "image/png");
        m.put("docs.js", "text/javascript; charset=utf-8");
        ASSETS = java.util.Collections.unmodifiableMap(m);
    }

    private static final String OWN = "docs.js";
    private final String webjar;
    private final byte[] page;

    DocsPage() {
        Properties p = new Properties();
        try (InputStream in = DocsPage.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.webjar = "/META-INF/resources/webjars/swagger-ui/" + p.getProperty("version") + "/";
        this.page = read("docs.html");
    }

    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    void asset(Context ctx) {
        String name = ctx.path().substring(ctx.path().lastIndexOf('/') + 1);
        String type = ASSETS.get(name);
        if (type == null) throw new ApiException(ApiException.Kind.NOT_FOUND, "no file " + name + " under " + PATH);
        InputStream in = name.equals(OWN) ? DocsPage.class.getResourceAsStream(name) : DocsPage.class.getResourceAsStream(webjar + name);
        if (in == null) throw new ApiException(ApiException.Kind.NOT_FOUND, "no file " + name + " under " + PATH);
        // the files are as immutable as the jar: a day is safe, and the bundle is 1.6 MB
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType(type).result(in);
    }

    private static byte[] read(String name) {
        try (InputStream in = DocsPage.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
