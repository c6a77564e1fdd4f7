package nl.zorgregels.service.internal.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Wraps the service's handler: counts and times every request ({@link ServiceMetrics}), and answers
 * the operator's routes itself, without a token (as {@code /health}):
 * <ul>
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} while the process answers at all;</li>
 *   <li>{@code GET /health/ready}: 200 {@code {"status":"READY","knowledgeBase":{…}}} while a
 *       knowledge base serves and the server is not stopping; 503
 *       {@code {"status":"NOT_READY","reason":"starting|stopping"}} otherwise;</li>
 *   <li>{@code GET /metrics} (unless switched off): the metrics, Prometheus text format.</li>
 * </ul>
 * Another method on these paths is 405, in the service's error format. Every other request goes
 * to the wrapped handler.
 */
public final class OpsHandler extends Handler.Wrapper {
    private static final String JSON = "application/json; charset=utf-8";

    /** Whether the server takes requests: not while starting, not once stopping. */
    public static final class Readiness {
        private volatile String notReady = "starting";

        /** The server has started: ready. */
        public void started() {
            notReady = null;
        }

        /** The server is stopping: no longer ready, for good. */
        public void stopping() {
            notReady = "stopping";
        }

        /** @return why the server is not ready, or null when it is */
        public String notReady() {
            return notReady;
        }
    }

    private final ServiceMetrics metrics;
    private final boolean serveMetrics;
    private final Readiness readiness;
    private final Supplier<KnowledgeBaseInfo> knowledgeBase;

    /**
     * @param handler       the service's handler
     * @param metrics       the server's metrics
     * @param serveMetrics  whether {@code /metrics} is served (otherwise it goes to the wrapped handler: 404)
     * @param readiness     the server's readiness
     * @param knowledgeBase the knowledge base serving
     */
    public OpsHandler(Handler handler, ServiceMetrics metrics, boolean serveMetrics, Readiness readiness,
                      Supplier<KnowledgeBaseInfo> knowledgeBase) {
        super(handler);
        this.metrics = metrics;
        this.serveMetrics = serveMetrics;
        this.readiness = readiness;
        this.knowledgeBase = knowledgeBase;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        String route = ServiceMetrics.route(path);
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                metrics.request(route, response.getStatus(), System.nanoTime() - start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                metrics.request(route, response.isCommitted() ? response.getStatus() : 500, System.nanoTime() - start);
                super.failed(x);
            }
        };
        switch (path) {
            case "/health/live" -> {
                return probe(request, response, counted, 200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8), JSON);
            }
            case "/health/ready" -> {
                String why = readiness.notReady();
                if (why != null) {
                    ObjectNode root = JsonNodeFactory.instance.objectNode().put("status", "NOT_READY").put("reason", why);
                    return probe(request, response, counted, 503, root.toString().getBytes(StandardCharsets.UTF_8), JSON);
                }
                KnowledgeBaseInfo kb = knowledgeBase.get();
                ObjectNode root = JsonNodeFactory.instance.objectNode().put("status", "READY");
                root.putObject("knowledgeBase").put("version", kb.version()).put("checksum", kb.checksum());
                return probe(request, response, counted, 200, root.toString().getBytes(StandardCharsets.UTF_8), JSON);
            }
            case "/metrics" -> {
                if (serveMetrics) {
                    return probe(request, response, counted, 200, metrics.scrape(), metrics.contentType());
                }
            }
            default -> {
                // the service's own routes
            }
        }
        try {
            return super.handle(request, response, counted);
        } catch (Exception | Error e) {
            metrics.request(route, 500, System.nanoTime() - start);
            throw e;
        }
    }

    private static boolean probe(Request request, Response response, Callback callback, int status, byte[] body, String type) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            if (request.getLength() != 0) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close"); // its body is not read
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.putObject("error").put("status", 405).put("field", "method")
                    .put("rule", "method " + method + " is not allowed here; allowed: GET, HEAD");
            status = 405;
            body = root.toString().getBytes(StandardCharsets.UTF_8);
            type = JSON;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
