package dev.parley.bench.sys;

import java.util.Map;
import java.util.OptionalDouble;

/** Minimal reader of the Prometheus text exposition format. */
public final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * Sum of every sample of {@code metric} whose labels include all of {@code labels}; empty when
   * no sample matches.
   */
  public static OptionalDouble sum(String text, String metric, Map<String, String> labels) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      int nameEnd = metric.length();
      if (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
        continue; // a longer metric name with the same prefix
      }
      int valueStart = line.lastIndexOf('}') + 1;
      String labelPart = valueStart > 0 ? line.substring(nameEnd, valueStart) : "";
      if (!labels.entrySet().stream().allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
        continue;
      }
      String[] rest = line.substring(valueStart > 0 ? valueStart : nameEnd).trim().split("\\s+");
      try {
        sum += Double.parseDouble(rest[0]);
        found = true;
      } catch (NumberFormatException e) {
        // NaN/garbage sample: skip it
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
