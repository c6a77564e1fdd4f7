package nl.zorgregels.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieContainer;

/** A compiled knowledge base with its messages and identity. Immutable and thread-safe. */
final class KnowledgeBase {
    static final String RESOURCE_ROOT = "nl/zorgregels/kb/";
    /** Where the rules-kb build keeps the exact rule sources, their list and the KB version. */
    static final String SOURCES_ROOT = "META-INF/zorgregels/";
    private static final String KIE_BASE = "zorgregels";

    final KieBase kieBase;
    final Messages messages;
    final KnowledgeBaseInfo info;

    private KnowledgeBase(KieBase kieBase, Messages messages, KnowledgeBaseInfo info) {
        this.kieBase = kieBase;
        this.messages = messages;
        this.info = info;
    }

    /** The knowledge base packaged in the rules-kb jar on the class path. */
    static KnowledgeBase packaged() {
        ClassLoader loader = KnowledgeBase.class.getClassLoader();
        String version = readText(loader, SOURCES_ROOT + "kb-version.txt").strip();
        List<String> sources = readText(loader, SOURCES_ROOT + "kb-sources.txt").lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        KnowledgeBaseInfo info = new KnowledgeBaseInfo(version, checksum(loader, sources));
        KieContainer container;
        try {
            container = KieServices.get().newKieClasspathContainer(loader);
        } catch (RuntimeException e) {
            throw new KnowledgeBaseException("the packaged knowledge base cannot be loaded: " + e.getMessage(), e);
        }
        KieBase kieBase = container.getKieBase(KIE_BASE);
        return new KnowledgeBase(kieBase, Messages.fromClasspath(loader, RESOURCE_ROOT + "messages"), info);
    }

    /** SHA-256 over each source's path, a NUL, its bytes and a NUL, in the order given (path order). */
    private static String checksum(ClassLoader loader, List<String> sources) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        for (String source : sources) {
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(readBytes(loader, SOURCES_ROOT + "kb-sources/" + source));
            sha.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static String readText(ClassLoader loader, String path) {
        return new String(readBytes(loader, path), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new KnowledgeBaseException("knowledge-base resource " + path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new KnowledgeBaseException("knowledge-base resource " + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
