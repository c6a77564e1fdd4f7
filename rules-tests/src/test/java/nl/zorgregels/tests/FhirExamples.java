package nl.zorgregels.tests;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The example resources of the FHIR R4 specification: the npm package {@code hl7.fhir.r4.examples}
 * 4.0.1 (HL7, CC0), data no one here wrote. Fetched with {@code npm pack} from the npm registry
 * into {@code target/fhir-examples/} on first use and kept there (later builds reuse it); its
 * SHA-512 must be the registry's published integrity, so the tests always read the same files.
 * npm must be installed; without it the tests fail saying so (they are not skipped).
 */
final class FhirExamples {
    static final String PACKAGE = "hl7.fhir.r4.examples@4.0.1";
    static final String FILE = "hl7.fhir.r4.examples-4.0.1.tgz";
    /** dist.integrity of the package on the npm registry (sha512-DXBdIZ...), as hex. */
    static final String SHA512 = "0d705d21939e41a48a220094ef0e87382eecc3fe81cf29668a92e4056e1ffffa"
            + "53f8173de31fbc2c89b04ddbda35384f2683b3a41cefc40ccdaa37aedd7ff32f";
    private static final Path DIR = Path.of("target", "fhir-examples");

    private FhirExamples() {
    }

    /**
     * @param wanted which files of the package (names like {@code package/Patient-example.json})
     * @return file name to content, sorted by name
     */
    static synchronized Map<String, String> files(Predicate<String> wanted) {
        Path tgz = fetch();
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                byte type = header[156];
                long padded = (size + 511) / 512 * 512;
                if ((type == '0' || type == 0) && wanted.test(name)) {
                    byte[] content = in.readNBytes((int) size);
                    in.skipNBytes(padded - size);
                    files.put(name, new String(content, StandardCharsets.UTF_8));
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tgz, e);
        }
        return files;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.US_ASCII);
    }

    /** The package file, fetched with npm pack if it is not in target/ yet, its SHA-512 checked. */
    private static Path fetch() {
        Path tgz = DIR.resolve(FILE);
        try {
            if (!Files.exists(tgz)) {
                Files.createDirectories(DIR);
                Path work = Files.createTempDirectory(DIR, "npm-pack");
                ProcessBuilder pb = new ProcessBuilder("npm", "pack", PACKAGE, "--silent")
                        .directory(work.toFile()).redirectErrorStream(true);
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new IllegalStateException("the FHIR R4 examples are fetched with npm (npm pack " + PACKAGE
                            + "), and npm is not installed: install Node.js/npm (CI: .ci/run)", e);
                }
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("npm pack " + PACKAGE + " failed: " + output);
                }
                Files.move(work.resolve(FILE), tgz, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(work);
            }
            String actual = sha512(tgz);
            if (!actual.equals(SHA512)) {
                Files.delete(tgz); // fetched again next time
                throw new IllegalStateException(tgz + " has SHA-512 " + actual + ", not the registry's " + SHA512);
            }
            return tgz;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha512(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return for tests: where the package is kept */
    static Path cache() {
        return DIR.resolve(FILE);
    }
}
