package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's record that the packaged knowledge base passed its proof ({@link ProofCertificate}). */
class ProofCertificateTest {

    @Test
    void theBuildRecordedTheProofOfThePackagedKnowledgeBaseAndTheClassesLoadedNow() throws Exception {
        KnowledgeBase kb = KnowledgeBase.packaged();
        assertThat(ProofCertificate.class.getClassLoader().getResource(ProofCertificate.RESOURCE))
                .as("the record the rules-api build writes (process-classes)").isNotNull();
        assertThat(ProofCertificate.holds(kb)).isTrue();
    }

    @Test
    void theBuildStepProvesAgainAndWritesARecordForThisKnowledgeBaseAndCode(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kb-proof.properties");
        ProofCertificate.main(new String[] {out.toString()});
        Properties record = load(out);
        assertThat(record.getProperty("checksum")).isEqualTo(ZorgregelsEngine.packaged().knowledgeBase().checksum());
        // rules-api, rules-model and the rules compiled to the executable model: about 400 on a clean build
        assertThat(Integer.parseInt(record.getProperty("classes"))).isGreaterThan(300);
        assertThat(ProofCertificate.holds(record, record.getProperty("checksum"), ProofCertificate.codeDigest())).isTrue();
    }

    @Test
    void aRecordOfAnotherKnowledgeBaseOrOtherCodeDoesNotHold(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kb-proof.properties");
        ProofCertificate.main(new String[] {out.toString()});
        Properties record = load(out);
        String checksum = record.getProperty("checksum");
        String code = ProofCertificate.codeDigest();
        assertThat(ProofCertificate.holds(record, checksum.replace('a', 'b').replace('1', '2'), code)).isFalse();
        assertThat(ProofCertificate.holds(record, checksum, "0".repeat(64))).isFalse();
        Properties noCode = new Properties();
        noCode.setProperty("checksum", checksum);
        assertThat(ProofCertificate.holds(noCode, checksum, code)).isFalse();
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
