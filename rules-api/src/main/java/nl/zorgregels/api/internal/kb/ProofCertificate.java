package nl.zorgregels.api.internal.kb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.kb.fact.Finding;
import nl.zorgregels.model.Assessment;

/**
 * The record that the packaged knowledge base passed its proof when rules-api was built, so an
 * engine from the packaged knowledge base need not prove it again at every start (about a second
 * of a command-line run). Not API.
 *
 * <p>The build (rules-api, phase {@code process-classes}) runs {@link #main}: it removes any earlier
 * record, builds {@link ZorgregelsEngine#packaged()} (which, with no record, proves the knowledge
 * base in full and refuses it on any failure, failing the build), and writes
 * {@value #RESOURCE}: the knowledge base's checksum (its sources: rules, tables, bundles,
 * requirements) and a digest of every class the decision and the proof are made of (the rules-api,
 * rules-model and rules-kb classes, the compiled rules among them): the SHA-256 of each class's
 * name, size and CRC-32. At run time {@link #holds} accepts the record only if the checksum and that
 * digest are the ones recorded; anything else (another rules-kb jar, a rebuilt or patched class, no
 * record) and the proof runs as before. From a jar the sizes and CRC-32s come from its directory,
 * so the check reads no class (a few milliseconds for its 400 or so classes). A knowledge base from
 * a directory is always proven. The completeness check of every decision is not affected.
 *
 * <p>Trust: the record is a resource on the class path, like the code it describes, and CRC-32
 * detects a changed class, not a forged one: it protects against a stale or mismatched jar, not
 * against a hostile class path (whoever can change the class path can change the code).
 */
public final class ProofCertificate {
    /** The class-path resource of the record. */
    public static final String RESOURCE = "META-INF/zorgregels/kb-proof.properties";
    /** The packages whose classes the record covers. */
    private static final List<String> PACKAGES = List.of("nl/zorgregels/api/", "nl/zorgregels/model/", "nl/zorgregels/kb/");

    private ProofCertificate() {
    }

    /**
     * Whether the record on the class path covers this knowledge base and the classes loaded now.
     *
     * @param kb the packaged knowledge base
     * @return true only if the record exists, names kb's checksum, and every class it lists has
     *         the SHA-256 it records
     */
    public static boolean holds(KnowledgeBase kb) {
        Properties record = new Properties();
        try (InputStream in = ProofCertificate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return false;
            }
            record.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return holds(record, kb.info.checksum(), codeDigest());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false; // no usable record: prove
        }
    }

    /**
     * Whether a record covers a knowledge base and code.
     *
     * @param record     the record's properties
     * @param checksum   the knowledge base's checksum
     * @param codeDigest the digest of the classes loaded ({@link #codeDigest()})
     * @return true only if both are the ones recorded
     */
    static boolean holds(Properties record, String checksum, String codeDigest) {
        return checksum.equals(record.getProperty("checksum")) && codeDigest.equals(record.getProperty("code"));
    }

    /**
     * Proves the packaged knowledge base and writes the record (the build's step).
     *
     * @param args the record's file: {@code target/classes/}{@value #RESOURCE}
     * @throws Exception if the knowledge base fails its proof, or the record cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.deleteIfExists(out); // the build's earlier record, which would let packaged() skip the proof
        KnowledgeBase kb = KnowledgeBase.packaged();
        boolean recorded = holds(kb); // another record on the class path (a test's): prove anyway
        ZorgregelsEngine engine = ZorgregelsEngine.packaged(); // without a record, proves in full
        if (recorded) {
            KnowledgeBaseProof.prove(engine::evaluate, kb);
        }
        Map<String, String> classes = classes();
        StringBuilder s = new StringBuilder();
        s.append("# The packaged knowledge base passed its proof when this jar was built (ProofCertificate).\n");
        s.append("version=").append(escape(engine.knowledgeBase().version())).append('\n');
        s.append("checksum=").append(engine.knowledgeBase().checksum()).append('\n');
        s.append("classes=").append(classes.size()).append('\n');
        s.append("code=").append(digest(classes)).append('\n');
        Files.createDirectories(out.getParent());
        Files.writeString(out, s.toString(), StandardCharsets.UTF_8);
        System.out.println("kb-proof: " + engine.knowledgeBase().version() + " " + engine.knowledgeBase().checksum()
                + " proven; " + classes.size() + " classes recorded in " + out);
    }

    /** The digest of the classes loaded now. */
    static String codeDigest() throws IOException, URISyntaxException {
        return digest(classes());
    }

    /** Every covered class of the three modules: name to "size crc32". */
    private static Map<String, String> classes() throws IOException, URISyntaxException {
        Map<String, String> classes = new TreeMap<>();
        for (Class<?> module : List.of(ZorgregelsEngine.class, Assessment.class, Finding.class)) {
            collect(module.getProtectionDomain().getCodeSource(), classes);
        }
        return classes;
    }

    private static String digest(Map<String, String> classes) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> c : classes.entrySet()) {
            sha.update((c.getKey() + ' ' + c.getValue() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void collect(CodeSource source, Map<String, String> classes) throws IOException, URISyntaxException {
        Path where = Path.of(source.getLocation().toURI());
        if (Files.isDirectory(where)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(where)) {
                walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
            }
            for (Path f : files) {
                String name = where.relativize(f).toString().replace('\\', '/');
                if (covered(name)) {
                    byte[] bytes = Files.readAllBytes(f);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    classes.put(name, bytes.length + " " + crc.getValue());
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile(), false)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().endsWith(".class") && covered(entry.getName())) {
                        classes.put(entry.getName(), entry.getSize() + " " + entry.getCrc());
                    }
                }
            }
        }
    }

    private static boolean covered(String name) {
        return PACKAGES.stream().anyMatch(name::startsWith);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
