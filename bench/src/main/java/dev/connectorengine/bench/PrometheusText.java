package dev.connectorengine.bench;

import java.util.Map;
import java.util.OptionalDouble;

/** Reads figures out of the Prometheus text format that {@code /actuator/prometheus} serves. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * The sum of the samples of {@code metric} whose labels include all of {@code labels}; empty when
   * there is none.
   */
  static OptionalDouble sum(String text, String metric, Map<String, String> labels) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      String rest = line.substring(metric.length());
      String labelText = "";
      if (rest.startsWith("{")) {
        int end = rest.indexOf('}');
        if (end < 0) {
          continue;
        }
        labelText = rest.substring(1, end);
        rest = rest.substring(end + 1);
      } else if (!rest.startsWith(" ")) {
        continue; // a longer metric name that starts with this one
      }
      if (!hasLabels(labelText, labels)) {
        continue;
      }
      String[] parts = rest.strip().split("\\s+");
      try {
        sum += Double.parseDouble(parts[0]);
        found = true;
      } catch (NumberFormatException e) {
        // NaN spelled otherwise, or a malformed line: not a figure
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private static boolean hasLabels(String labelText, Map<String, String> labels) {
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!labelText.contains(label.getKey() + "=\"" + label.getValue() + "\"")) {
        return false;
      }
    }
    return true;
  }
}
