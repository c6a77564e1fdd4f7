package nl.zorgregels.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.service.CdsHooksServer;
import nl.zorgregels.service.internal.KnowledgeBaseWatcher;

/**
 * {@code serve [--host H] [--port P] [--trust FILE] [--cors-origin ORIGIN]... [--public-url URL]
 * [--kb DIR [--watch]] [--lang nl|en]}: the CDS Hooks service, until SIGTERM (requests in flight
 * finish). Prints {@code listening on URL} on standard output once it accepts requests.
 */
final class Serve {
    private Serve() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String host = "127.0.0.1";
        int port = 8080;
        Path trust = null;
        List<String> origins = new ArrayList<>();
        String publicUrl = null;
        String kb = null;
        boolean watch = false;
        String lang = "nl";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = Args.value(args, ++i, a);
                case "--port" -> port = port(Args.value(args, ++i, a));
                case "--trust" -> trust = Path.of(Args.value(args, ++i, a));
                case "--cors-origin" -> origins.add(Args.value(args, ++i, a));
                case "--public-url" -> publicUrl = Args.value(args, ++i, a);
                case "--kb" -> kb = Args.value(args, ++i, a);
                case "--watch" -> watch = true;
                case "--lang" -> {
                    lang = Args.value(args, ++i, a);
                    if (!lang.equals("nl") && !lang.equals("en")) {
                        throw new UsageException("--lang must be one of nl, en but was " + lang);
                    }
                }
                default -> throw new UsageException(a.startsWith("--") ? "unknown option " + a : "serve takes no file: " + a);
            }
        }
        if (watch && kb == null) {
            throw new UsageException("--watch needs --kb DIR (the directory to watch)");
        }
        if (trust != null && !Files.isReadable(trust)) {
            throw new UsageException("--trust " + trust + ": no such readable file");
        }
        Path dir = kb == null ? null : Path.of(kb);
        ReloadableEngine engine = new ReloadableEngine(dir == null ? ZorgregelsEngine.packaged() : build(dir));
        CdsHooksServer server;
        try {
            server = CdsHooksServer.builder(engine).host(host).port(port).trustFile(trust).corsOrigins(origins)
                    .publicUrl(publicUrl).language(lang).start();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // SIGTERM: stop gracefully (requests in flight finish), then flush the log (the access log
        // is written by a background thread), in this order, in one hook
        CdsHooksServer running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
                logs.stop();
            }
        }, "zorgregels-shutdown"));
        KnowledgeBaseWatcher watcher = null;
        try {
            if (watch) {
                watcher = new KnowledgeBaseWatcher(dir, engine, () -> build(dir));
            }
            out.println("listening on " + server.baseUri());
            out.flush();
            server.join();
        } catch (IOException e) {
            server.close();
            throw new UsageException("--watch " + dir + ": cannot watch the directory: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (watcher != null) {
                try {
                    watcher.close();
                } catch (IOException e) {
                    err.println("zorgregels: closing the watcher: " + e);
                }
            }
        }
        return Main.OK;
    }

    /** Builds the knowledge base in DIR as {@code check-kb} does: a KB that fails its checks is refused. */
    private static ZorgregelsEngine build(Path dir) {
        return ZorgregelsEngine.fromDirectory(dir);
    }

    private static int port(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port must be a whole number from 0 to 65535 but was " + value);
    }
}
