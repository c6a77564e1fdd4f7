package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapping the knowledge base while decisions are being made: every decision is the one its own
 * knowledge base gives, and a failed build leaves the old engine serving.
 */
class ReloadableEngineTest {

    /** An adult with Bell score 60: eligible with the packaged threshold (60), not with 50. */
    private static final String CASE = """
            {"assessmentDate":"2026-11-23",
             "patient":{"birthDate":"1980-04-02","umcRegion":"UMCG","dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,"complaintOnsetDate":"2025-01-10",
                          "bellScore":60,"complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}}
            """;

    @Test
    void decisionsDuringReloadsMatchTheKnowledgeBaseThatMadeThem(@TempDir Path tmp) throws Exception {
        Path lowered = KbSources.copy(tmp.resolve("bell-50"));
        Path parameters = lowered.resolve("nl/zorgregels/kb/parameters.csv");
        Files.writeString(parameters, Files.readString(parameters).replace(
                "adultMaximumBellScore,60,", "adultMaximumBellScore,50,"));
        ZorgregelsEngine packaged = Engines.shared();
        ZorgregelsEngine stricter = ZorgregelsEngine.fromDirectory(lowered);
        String packagedChecksum = packaged.knowledgeBase().checksum();
        String stricterChecksum = stricter.knowledgeBase().checksum();
        assertThat(stricterChecksum).isNotEqualTo(packagedChecksum);

        Assessment input = DecisionJson.readAssessment(CASE);
        ReloadableEngine engine = new ReloadableEngine(packaged);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<int[]>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                int[] seen = new int[3]; // [packaged, stricter, wrong]
                while (running.get() || seen[0] + seen[1] < 200) {
                    Decision d = engine.evaluate(input);
                    String checksum = d.knowledgeBase().checksum();
                    Outcome outcome = d.postCovid().outcome();
                    if (checksum.equals(packagedChecksum) && outcome == Outcome.ELIGIBLE) {
                        seen[0]++;
                    } else if (checksum.equals(stricterChecksum) && outcome == Outcome.NOT_ELIGIBLE) {
                        seen[1]++;
                    } else {
                        seen[2]++;
                    }
                }
                return seen;
            }));
        }
        for (int i = 0; i < 40; i++) {
            ZorgregelsEngine next = i % 2 == 0 ? stricter : packaged;
            assertThat(engine.reload(() -> next)).isEqualTo(next.knowledgeBase());
            Thread.sleep(5);
        }
        running.set(false);
        int packagedSeen = 0;
        int stricterSeen = 0;
        int wrong = 0;
        for (Future<int[]> w : workers) {
            int[] seen = w.get(5, TimeUnit.MINUTES);
            packagedSeen += seen[0];
            stricterSeen += seen[1];
            wrong += seen[2];
        }
        pool.shutdown();
        assertThat(wrong).as("decisions that do not match their own knowledge base").isZero();
        assertThat(packagedSeen).as("decisions by the packaged knowledge base").isPositive();
        assertThat(stricterSeen).as("decisions by the reloaded knowledge base").isPositive();
    }

    @Test
    void aFailedBuildLeavesTheOldEngineServing(@TempDir Path tmp) throws IOException {
        Path broken = KbSources.copy(tmp.resolve("broken"));
        Path adult = broken.resolve("nl/zorgregels/kb/postcovid-adult.drl");
        Files.writeString(adult, Files.readString(adult).replaceFirst("then", "thne"));
        ReloadableEngine engine = new ReloadableEngine(Engines.shared());
        String before = engine.knowledgeBase().checksum();

        assertThatThrownBy(() -> engine.reload(() -> ZorgregelsEngine.fromDirectory(broken)))
                .isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("postcovid-adult.drl");
        assertThat(engine.knowledgeBase().checksum()).isEqualTo(before);
        Decision d = engine.evaluate(DecisionJson.readAssessment(CASE));
        assertThat(d.postCovid().outcome()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(d.knowledgeBase().checksum()).isEqualTo(before);
    }
}
