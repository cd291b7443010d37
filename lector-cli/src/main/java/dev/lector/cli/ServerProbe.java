package dev.lector.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * Reads a running server's process gauges from its Prometheus page ({@code /metrics}): resident
 * memory, open file descriptors, live threads. {@code lector bench --url} takes one sample before,
 * one after 200 requests and one at the end, so a soak run shows growth.
 */
final class ServerProbe {

    private final HttpClient http;
    private final URI metrics;

    ServerProbe(HttpClient http, URI metrics) {
        this.http = http;
        this.metrics = metrics;
    }

    /** One sample; NaN for a gauge the page lacks (or when the page cannot be read). */
    record Sample(String when, double rssMb, double openFiles, double threads) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "server %-12s RSS %.0f MB, open files %.0f, live threads %.0f",
                    when, rssMb, openFiles, threads);
        }
    }

    Sample sample(String when) {
        String page;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
            page = r.statusCode() == 200 ? r.body() : "";
        } catch (java.io.IOException e) {
            page = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            page = "";
        }
        return new Sample(when, gauge(page, "process_resident_memory_bytes") / (1024 * 1024),
                gauge(page, "process_files_open_files"), gauge(page, "jvm_threads_live_threads"));
    }

    /** The value of an unlabelled gauge in Prometheus text format, or NaN. */
    static double gauge(String page, String name) {
        for (String line : page.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{}")) {
                try {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }
}
