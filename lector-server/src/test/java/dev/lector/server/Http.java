package dev.lector.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.render.JsonRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the tests. */
final class Http {

    private static final HttpClient SHARED = newClient();

    private final String base;
    private final HttpClient client;

    Http(int port) {
        this(port, SHARED);
    }

    private Http(int port, HttpClient client) {
        this.base = "http://127.0.0.1:" + port;
        this.client = client;
    }

    /**
     * A client with its own connection pool: for requests the server refuses without reading
     * their body (413), after which it may close the connection, so that no later request of the
     * test lands on a connection already closing.
     */
    static Http ownConnections(int port) {
        return new Http(port, newClient());
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(builder(path, headers).GET().build());
    }

    HttpResponse<String> post(String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder b = builder(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b.build());
    }

    /** Like {@link #post}, with the answer's bytes as they are (images, PDFs). */
    HttpResponse<byte[]> postBytes(String path, byte[] body, String contentType) {
        HttpRequest req = builder(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType).build();
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> multipart(String path, byte[] image, String imageType, Map<String, String> fields, String... headers) {
        String boundary = "lector-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n");
        }
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"page\"\r\n"
                + "Content-Type: " + imageType + "\r\n\r\n");
        out.writeBytes(image);
        write(out, "\r\n--" + boundary + "--\r\n");
        return post(path, out.toByteArray(), "multipart/form-data; boundary=" + boundary, headers);
    }

    /** A body sent without Content-Length (chunked). */
    HttpResponse<String> chunked(String path, byte[] body, String contentType) {
        HttpRequest.Builder b = builder(path).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body)));
        b.header("Content-Type", contentType);
        return send(b.build());
    }

    HttpResponse<String> chunkedMultipart(String path, byte[] image) {
        String boundary = "lector-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n");
        out.writeBytes(image);
        write(out, "\r\n--" + boundary + "--\r\n");
        return chunked(path, out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JsonRenderer.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return b;
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
