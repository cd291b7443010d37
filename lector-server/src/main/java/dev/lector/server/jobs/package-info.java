/**
 * Durable asynchronous jobs ({@code /v1/jobs}): a request that {@code /v1/ocr} or {@code /v1/extract}
 * would answer, accepted at once (202) and read in the background.
 *
 * <p>Contract: a job the client was told was accepted is on disk before the 202 leaves (its input
 * fsynced in the jobs folder, its row committed in the SQLite database beside it); every finished
 * page's result is committed as it completes, so after a crash (kill -9) and a restart a job
 * resumes with the pages it still lacks and no page is read twice into a result. Job workers read
 * through the same engine admission as synchronous requests and never hold more than one page
 * each. Job ids are 128 random bits; with API keys a job is visible only to the key that made it.
 * Time comes from an injected {@link java.time.Clock}.
 */
package dev.lector.server.jobs;
