package nl.zorgregels.service.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.zorgregels.service.internal.Unreadable.Reason;

/**
 * Reads from the EHR's FHIR server what the prefetch lacks (CDS Hooks 2.0: "the CDS Service MAY
 * fetch it from the FHIR server"): the discovery's prefetch templates with the patient filled in,
 * as FHIR reads and searches ({@code Accept: application/fhir+json}) with the request's bearer
 * token, and the further pages of a searchset Bundle by its {@code next} links.
 *
 * <p>Bounds: every slot is fetched concurrently, and all of a request's fetches share one deadline;
 * the calling thread waits at most that long, then cancels what is still running. A slot reads at
 * most {@link #MAX_PAGES} pages, {@code maxEntries} entries and {@link #MAX_PAGE_BYTES} bytes a
 * page. A {@code next} link is followed only to the request's {@code fhirServer} (same scheme, host,
 * port and base path), so the token goes nowhere else; redirects are not followed. What fails makes
 * that slot {@link Unreadable}, never the call.
 *
 * <p>The token is sent in the {@code Authorization} header and nowhere else: it is not logged, and
 * {@link Access#toString()} hides it.
 */
public final class FhirFetcher {
    /** The default deadline of all of a request's fetches together. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);
    /** The default largest number of entries read for one slot (over all its pages). */
    public static final int DEFAULT_MAX_ENTRIES = 1000;
    /** The most pages read for one slot, the first included. */
    public static final int MAX_PAGES = 10;
    /** The largest page read, in bytes. */
    public static final int MAX_PAGE_BYTES = 4 << 20;
    private static final String FHIR_JSON = "application/fhir+json";

    private final Duration deadline;
    private final int maxEntries;
    private volatile HttpClient client;

    /**
     * @param deadline   how long all of a request's fetches together may take
     * @param maxEntries the most entries read for one slot
     */
    public FhirFetcher(Duration deadline, int maxEntries) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the FHIR fetch deadline must be positive but was " + deadline);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the most entries fetched per prefetch key must be at least 1 but was " + maxEntries);
        }
        this.deadline = deadline;
        this.maxEntries = maxEntries;
    }

    /** @return the deadline of a request's fetches */
    public Duration deadline() {
        return deadline;
    }

    /** @return the most entries read for one slot */
    public int maxEntries() {
        return maxEntries;
    }

    /**
     * The request's FHIR server and token.
     *
     * @param base  {@code fhirServer}, without a trailing slash
     * @param token {@code fhirAuthorization.access_token}
     */
    public record Access(URI base, String token) {
        /** @return the server, the token hidden */
        @Override
        public String toString() {
            return "Access[" + base + ", token hidden]";
        }

        /** @return the URL of a prefetch template (relative to the server) with the patient filled in */
        URI template(String template, String patientId) {
            int q = template.indexOf('?');
            String path = (q < 0 ? template : template.substring(0, q)).replace("{{context.patientId}}", encode(patientId));
            StringBuilder url = new StringBuilder(base.toString()).append('/').append(path);
            if (q >= 0) {
                char sep = '?';
                for (String param : template.substring(q + 1).split("&")) {
                    int eq = param.indexOf('=');
                    url.append(sep).append(param, 0, eq + 1)
                            .append(encode(param.substring(eq + 1).replace("{{context.patientId}}", patientId)));
                    sep = '&';
                }
            }
            return URI.create(url.toString());
        }

        /** @return the link as an absolute URL if it lies on this server (under its base path), else null */
        URI onServer(String link) {
            URI u;
            try {
                u = new URI(base.toString() + "/").resolve(new URI(link)).normalize();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            boolean same = u.getScheme() != null && u.getScheme().equalsIgnoreCase(base.getScheme())
                    && u.getHost() != null && u.getHost().equalsIgnoreCase(base.getHost())
                    && port(u) == port(base) && u.getRawUserInfo() == null
                    && (path.equals(basePath) || path.startsWith(basePath + "/")) && !path.contains("/../");
            return same ? u : null;
        }

        private static int port(URI u) {
            return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /**
     * What to read for one slot.
     *
     * @param slot      the prefetch key
     * @param url       the first URL to read: the template's, or the {@code next} link of a prefetched page
     * @param read      whether the URL is a read of one resource (the Patient) rather than a search
     * @param pagesRead pages already read (a prefetched first page: 1)
     * @param entries   entries already read
     */
    public record Job(String slot, URI url, boolean read, int pagesRead, int entries) {
    }

    /**
     * What was read for one slot: its pages (the resource for a read), or why it could not be read.
     *
     * @param slot       the prefetch key
     * @param pages      the pages read, in order (empty when unreadable)
     * @param unreadable why the slot could not be read, or null
     */
    public record Outcome(String slot, List<JsonNode> pages, Unreadable unreadable) {
        static Outcome failed(String slot, Reason reason, String detail) {
            return new Outcome(slot, List.of(), new Unreadable(slot, reason, detail));
        }
    }

    /**
     * Runs the jobs, concurrently, and waits for them at most the deadline.
     *
     * @param access the server and token
     * @param jobs   one per slot
     * @return the outcome of each job, by slot, in the jobs' order
     */
    public Map<String, Outcome> fetch(Access access, List<Job> jobs) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        if (jobs.isEmpty()) {
            return outcomes;
        }
        long until = System.nanoTime() + deadline.toNanos();
        List<Slot> slots = new ArrayList<>();
        for (Job job : jobs) {
            Slot s = new Slot(access, job, until);
            // whatever goes wrong in reading a page is that slot's outcome, never an exception of the call
            s.result = s.next(job.url(), new ArrayList<>(), job.pagesRead(), job.entries())
                    .handle((o, e) -> e == null ? o : s.failure(e));
            slots.add(s);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(slots.stream().map(s -> s.result).toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // each slot's own outcome below; those not done are cut off
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot s : slots) {
            Outcome o = s.result.getNow(null);
            if (o == null) {
                s.cancel();
                o = Outcome.failed(s.job.slot(), Reason.TIMEOUT, seconds());
            }
            outcomes.put(s.job.slot(), o);
        }
        return outcomes;
    }

    private String seconds() {
        double s = deadline.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(deadline).followRedirects(HttpClient.Redirect.NEVER).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** One slot's chain of requests (a read, or a search and its next pages). */
    private final class Slot {
        private final Access access;
        private final Job job;
        private final long until;
        private volatile CompletableFuture<?> inFlight;
        private volatile boolean cancelled;
        CompletableFuture<Outcome> result;

        Slot(Access access, Job job, long until) {
            this.access = access;
            this.job = job;
            this.until = until;
        }

        void cancel() {
            cancelled = true;
            CompletableFuture<?> f = inFlight;
            if (f != null) {
                f.cancel(true);
            }
        }

        CompletableFuture<Outcome> next(URI url, List<JsonNode> pages, int pagesRead, int entries) {
            long left = until - System.nanoTime();
            if (left <= 0 || cancelled) {
                return CompletableFuture.completedFuture(Outcome.failed(job.slot(), Reason.TIMEOUT, seconds()));
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofNanos(left)).header("Accept", FHIR_JSON)
                    .header("Authorization", "Bearer " + access.token()).GET();
            if (url.getScheme().equalsIgnoreCase("http")) {
                builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempt on plain HTTP
            }
            HttpRequest request = builder.build();
            CompletableFuture<HttpResponse<byte[]>> sent;
            try {
                sent = client().sendAsync(request, info -> new Limited(MAX_PAGE_BYTES));
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(Outcome.failed(job.slot(), Reason.UNREACHABLE, ""));
            }
            inFlight = sent;
            return sent.handle((response, error) -> error != null
                            ? CompletableFuture.completedFuture(failure(error))
                            : page(response, pages, pagesRead + 1, entries))
                    .thenCompose(f -> f);
        }

        Outcome failure(Throwable error) {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.CancellationException) {
                return Outcome.failed(job.slot(), Reason.TIMEOUT, seconds());
            }
            if (e instanceof TooLarge) {
                return Outcome.failed(job.slot(), Reason.TOO_LARGE, limits());
            }
            if (e instanceof IOException) {
                return Outcome.failed(job.slot(), Reason.UNREACHABLE, "");
            }
            return Outcome.failed(job.slot(), Reason.MALFORMED, "");
        }

        private CompletionStage<Outcome> page(HttpResponse<byte[]> response, List<JsonNode> pages, int pagesRead, int entries) {
            if (response.statusCode() != 200) {
                return done(Reason.HTTP_STATUS, String.valueOf(response.statusCode()));
            }
            JsonNode page;
            try {
                page = CdsRequest.MAPPER.readTree(response.body());
            } catch (IOException e) {
                return done(Reason.MALFORMED, "");
            }
            if (page == null || !page.isObject()) {
                return done(Reason.MALFORMED, "");
            }
            String type = page.path("resourceType").asText("");
            String expected = job.read() ? "Patient" : "Bundle";
            if (!type.equals(expected)) {
                return done(Reason.WRONG_TYPE, type.isEmpty() ? "-" : type);
            }
            pages.add(page);
            if (job.read()) {
                return CompletableFuture.completedFuture(new Outcome(job.slot(), List.copyOf(pages), null));
            }
            JsonNode list = page.get("entry");
            int total = entries + (list != null && list.isArray() ? list.size() : 0);
            if (total > maxEntries) {
                return done(Reason.TOO_LARGE, limits());
            }
            String next = FhirFetcher.next(page);
            if (next == null) {
                return CompletableFuture.completedFuture(new Outcome(job.slot(), List.copyOf(pages), null));
            }
            if (pagesRead >= MAX_PAGES) {
                return done(Reason.TOO_LARGE, limits());
            }
            URI url = access.onServer(next);
            if (url == null) {
                return done(Reason.OTHER_HOST, "");
            }
            return next(url, pages, pagesRead, total);
        }

        private CompletionStage<Outcome> done(Reason reason, String detail) {
            return CompletableFuture.completedFuture(Outcome.failed(job.slot(), reason, detail));
        }
    }

    /** The limits, as the cards show them after {@code card.unread.TOO_LARGE}: pages, entries. */
    String limits() {
        return MAX_PAGES + ", " + maxEntries;
    }

    /**
     * @param bundle a searchset Bundle
     * @return the URL of its {@code next} link, or null when it has none
     */
    static String next(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText(null)) && link.path("url").isTextual()) {
                return link.get("url").asText();
            }
        }
        return null;
    }

    /**
     * @param fhirServer the request's {@code fhirServer}
     * @return the base URL without a trailing slash
     * @throws IllegalArgumentException if it is not an absolute http(s) URL without user, query or fragment
     */
    static URI base(String fhirServer) {
        URI u;
        try {
            u = new URI(fhirServer);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("must be the absolute http(s) base URL of a FHIR server, without user,"
                    + " query or fragment (e.g. https://ehr.example.org/fhir)");
        }
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** A page larger than the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("page too large");
        }
    }

    /** Collects a body of at most {@code limit} bytes; beyond it, cancels and fails with {@link TooLarge}. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final long limit;
        private long received;
        private Flow.Subscription subscription;

        Limited(long limit) {
            this.limit = limit;
            bytes.getBody().whenComplete((b, e) -> {
                if (e != null) {
                    body.completeExceptionally(e);
                } else {
                    body.complete(b);
                }
            });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = Objects.requireNonNull(s);
            bytes.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
            }
            if (received > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge());
                return;
            }
            bytes.onNext(items);
        }

        @Override
        public void onError(Throwable t) {
            bytes.onError(t);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
