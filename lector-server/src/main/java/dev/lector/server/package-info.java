/**
 * The HTTP service: {@code POST /v1/ocr}, {@code POST /ocr}, models, health, metrics, OpenAPI, the
 * API reference at {@code /docs} and the web page, on Javalin with virtual threads.
 *
 * <p>Contract: {@link dev.lector.server.LectorServer#start} installs every route (tests and
 * {@code lector serve} run the same wiring); every error leaves as JSON
 * {@code {"error":{"code":"...","message":"..."}}} with its status decided in one place,
 * {@link dev.lector.server.ErrorMapper}; the server never owns or closes the engine it is given;
 * {@link dev.lector.server.LectorServer#drain} makes readiness false, refuses new work with 503,
 * lets in-flight requests finish, then stops. Every answer, Jetty's own included, carries an
 * {@code X-Request-Id} ({@link dev.lector.server.RequestIds}) and gets one access log line
 * ({@link dev.lector.server.AccessLog}, logger {@code lector.access}) that names an API key only
 * by its position; an image comes raw, as one multipart part or as base64 JSON
 * ({@link dev.lector.server.JsonInput}) under the same size caps.
 */
package dev.lector.server;
