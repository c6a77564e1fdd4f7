package nl.zorgregels.service.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a knowledge-base directory (and its subdirectories) and, once it has been quiet for a
 * moment after a change, builds the new knowledge base and swaps it in
 * ({@link ReloadableEngine#reload(Supplier)}). A build that fails is logged and the knowledge base
 * serving keeps serving. One daemon thread.
 */
public final class KnowledgeBaseWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseWatcher.class);
    /** How long the directory must be quiet before a reload: an editor's save is several events. */
    static final long QUIET_MILLIS = 500;

    private final Path dir;
    private final ReloadableEngine engine;
    private final Supplier<ZorgregelsEngine> build;
    private final WatchService watch;
    private final Thread thread;
    private final Listener listener;
    private volatile int reloads;
    private volatile int refusals;

    /**
     * Starts watching.
     *
     * @param dir    the knowledge-base directory
     * @param engine the engine to reload
     * @param build  builds and checks the new engine (as {@code check-kb} does); throws when it is unusable
     * @throws IOException if the directory cannot be watched
     */
    public KnowledgeBaseWatcher(Path dir, ReloadableEngine engine, Supplier<ZorgregelsEngine> build) throws IOException {
        this(dir, engine, build, ok -> { });
    }

    /** Told of every reload the watcher tries. */
    @FunctionalInterface
    public interface Listener {
        /** @param ok whether the new knowledge base serves ({@code false}: refused, the old one serves on) */
        void reloaded(boolean ok);
    }

    /**
     * Starts watching.
     *
     * @param dir      the knowledge-base directory
     * @param engine   the engine to reload
     * @param build    builds and checks the new engine (as {@code check-kb} does); throws when it is unusable
     * @param listener told of each reload, done or refused (the server's metrics)
     * @throws IOException if the directory cannot be watched
     */
    public KnowledgeBaseWatcher(Path dir, ReloadableEngine engine, Supplier<ZorgregelsEngine> build, Listener listener)
            throws IOException {
        this.listener = listener;
        this.dir = dir;
        this.engine = engine;
        this.build = build;
        this.watch = FileSystems.getDefault().newWatchService();
        registerAll();
        this.thread = new Thread(this::run, "zorgregels-kb-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerAll() throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                drain(key);
                // wait until the directory is quiet, so a save of several files reloads once
                for (WatchKey more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS); more != null;
                     more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                    drain(more);
                }
                try {
                    registerAll(); // new subdirectories
                } catch (IOException e) {
                    LOG.warn("cannot watch the subdirectories of {}: {}", dir, e.toString());
                }
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void reload() {
        KnowledgeBaseInfo before = engine.knowledgeBase();
        try {
            KnowledgeBaseInfo now = engine.reload(build);
            reloads++;
            listener.reloaded(true);
            LOG.info("knowledge base reloaded from {}: {} {} (was {})", dir, now.version(), now.checksum(), before.checksum());
        } catch (RuntimeException e) {
            refusals++;
            listener.reloaded(false);
            LOG.warn("knowledge base in {} refused, still serving {} {}: {}", dir, before.version(), before.checksum(),
                    e.getMessage());
        }
    }

    /** @return reloads that succeeded */
    public int reloads() {
        return reloads;
    }

    /** @return reloads refused (the old knowledge base kept serving) */
    public int refusals() {
        return refusals;
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
