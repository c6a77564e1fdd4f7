package nl.zorgregels.tests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios the performance goals are stated in, from one JMH run's results ({@code
 * jmh-result.json}): the engine's full decision over the same content in plain Java, and the
 * post-COVID decision of an adult over plain Java and over Easy Rules, each by the median of the
 * sampled latencies (and the mean). Both sides come from the same run, on the same machine at the
 * same time, so the ratio is steadier than either figure. Run by {@code mvn -Pbench} after JMH.
 */
public final class JmhRatios {
    private JmhRatios() {
    }

    /**
     * @param args the JMH result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/jmh-result.json");
        if (!Files.isRegularFile(file)) {
            System.out.println("ratio: " + file + " not found (run JMH first)");
            return;
        }
        Map<String, double[]> results = new HashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(file.toFile())) {
            String name = r.path("benchmark").asText();
            JsonNode metric = r.path("primaryMetric");
            if (r.path("mode").asText().equals("sample")) {
                results.put(name.substring(name.lastIndexOf('.') + 1),
                        new double[] {metric.path("scorePercentiles").path("50.0").asDouble(), metric.path("score").asDouble()});
            }
        }
        ratio(results, "droolsFull", "plainJavaFull", "full decision, Drools / plain Java (goal <= 20)");
        ratio(results, "droolsPostCovidAdult", "plainJavaPostCovidAdult", "post-COVID adult, Drools / plain Java");
        ratio(results, "droolsPostCovidAdult", "easyRulesPostCovidAdult", "post-COVID adult, Drools / Easy Rules (adult criteria only)");
        ratio(results, "droolsFullJsonLine", "droolsFull", "full decision JSON to JSON / decision alone");
    }

    private static void ratio(Map<String, double[]> results, String a, String b, String label) {
        double[] x = results.get(a);
        double[] y = results.get(b);
        if (x == null || y == null) {
            System.out.println("ratio: " + label + ": not measured in this run");
            return;
        }
        System.out.printf(Locale.ROOT, "ratio: %-62s median %6.1f (%.2f / %.2f us), mean %6.1f%n", label,
                x[0] / y[0], x[0], y[0], x[1] / y[1]);
    }
}
