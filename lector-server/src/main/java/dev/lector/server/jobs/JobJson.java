package dev.lector.server.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.render.JsonRenderer;
import java.time.Duration;
import java.time.Instant;

/** The status object of {@code GET /v1/jobs/{id}}, also the body of the job's webhook. */
public final class JobJson {

    private JobJson() {}

    public static String statusUrl(String id) {
        return "/v1/jobs/" + id;
    }

    public static ObjectNode status(Job j, Duration ttl) {
        ObjectNode n = JsonRenderer.mapper().createObjectNode();
        n.put("id", j.id());
        n.put("task", j.task().key());
        n.put("status", j.status().key());
        n.put("pages_done", j.pagesDone());
        n.put("pages_total", j.pagesTotal());
        time(n, "created_at", j.createdAt());
        time(n, "started_at", j.startedAt());
        time(n, "finished_at", j.finishedAt());
        time(n, "expires_at", j.expiresAt(ttl));
        if (j.error() == null) {
            n.putNull("error");
        } else {
            n.putObject("error").put("code", j.error().code()).put("message", j.error().message());
        }
        n.put("attempts", j.attempts());
        n.put("status_url", statusUrl(j.id()));
        n.put("result_url", statusUrl(j.id()) + "/result");
        return n;
    }

    private static void time(ObjectNode n, String name, Instant t) {
        if (t == null) n.putNull(name);
        else n.put(name, t.toString());
    }
}
