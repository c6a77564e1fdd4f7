package nl.zorgregels.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.service.CdsHooksServer;

/**
 * {@code serve [--host H] [--port P] [--trust FILE] [--cors-origin ORIGIN]... [--public-url URL]
 * [--kb DIR [--watch]] [--lang nl|en] [--tls-keystore FILE --tls-password-env VAR] [--no-metrics]}:
 * the CDS Hooks service, until SIGTERM (requests in flight finish). Prints {@code listening on URL}
 * on standard output once it accepts requests. The keystore's password is read from the
 * environment variable named, never from the command line (which other users can see).
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
        Path keystore = null;
        String passwordEnv = null;
        boolean metrics = true;
        List<String> codeTables = new ArrayList<>();
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
                case "--tls-keystore" -> keystore = Path.of(Args.value(args, ++i, a));
                case "--tls-password-env" -> passwordEnv = Args.value(args, ++i, a);
                case "--tls-password" -> throw new UsageException("--tls-password is not an option: a password on the command"
                        + " line is visible to other users; put it in an environment variable and name it with --tls-password-env VAR");
                case "--no-metrics" -> metrics = false;
                case "--codes" -> codeTables.add(Args.value(args, ++i, a));
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
        char[] password = password(keystore, passwordEnv);
        Path dir = kb == null ? null : Path.of(kb);
        ReloadableEngine engine = new ReloadableEngine(dir == null ? ZorgregelsEngine.packaged() : build(dir));
        CdsHooksServer server;
        try {
            CdsHooksServer.Builder builder = CdsHooksServer.builder(engine).host(host).port(port).trustFile(trust)
                    .corsOrigins(origins).publicUrl(publicUrl).language(lang).tls(keystore, password).metrics(metrics)
                    .watch(watch ? dir : null);
            if (dir != null || !codeTables.isEmpty()) {
                // the knowledge base's codes.csv (read once: --watch reloads the rules, not the codes)
                // with the deployer's tables; the discovery asks for exactly these codes
                builder.codes(FhirCommands.codes(kb, codeTables));
            }
            server = builder.start();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
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
        try {
            out.println("listening on " + server.baseUri());
            out.flush();
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /**
     * The keystore's password, from the environment variable named by {@code --tls-password-env};
     * null without {@code --tls-keystore}.
     */
    private static char[] password(Path keystore, String variable) {
        if (keystore == null) {
            if (variable != null) {
                throw new UsageException("--tls-password-env is the password of --tls-keystore FILE, which is not given");
            }
            return null;
        }
        if (variable == null) {
            throw new UsageException("--tls-keystore needs --tls-password-env VAR: the environment variable that holds"
                    + " the keystore's password (never the password itself on the command line)");
        }
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new UsageException("--tls-password-env " + variable + ": the environment variable is not set or empty;"
                    + " set it to the password of " + keystore);
        }
        return value.toCharArray();
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
