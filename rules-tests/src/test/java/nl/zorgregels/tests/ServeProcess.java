package nl.zorgregels.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java -jar rules-api/cli/target/zorgregels.jar serve --port 0 ...} process on loopback: started,
 * its URL read from the {@code listening on} line, stopped with SIGTERM.
 */
final class ServeProcess implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("rules-api/cli/target/zorgregels.jar");

    final Process process;
    final URI base;
    final Path log;

    private ServeProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts {@code serve --port 0} with the arguments and waits (at most 120 s) until it listens.
     *
     * @param log  where standard error goes
     * @param args further arguments of serve
     * @return the running service
     */
    static ServeProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", JAR.toString(), "serve", "--port", "0"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("serve did not start: " + e + "\n" + Files.readString(log), e);
        }
        if (first == null || !first.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new IOException("serve did not start (" + first + "):\n" + Files.readString(log));
        }
        return new ServeProcess(p, URI.create(first.substring("listening on ".length()).trim()), log);
    }

    /** Runs {@code serve} with the arguments to its end (at most 60 s); for refusals at start. */
    static Result runToEnd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "serve"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("serve " + String.join(" ", args) + " did not end");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }

    String stderr() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then waits at most 60 s. @return the exit code */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("serve did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
