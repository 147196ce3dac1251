package dev.connectorengine.bench;

/** A block of aligned figure lines: label, value, and the target beside it when there is one. */
final class Report {

  private final StringBuilder text = new StringBuilder();

  Report title(String title) {
    text.append('\n').append("== ").append(title).append(" ==\n");
    return this;
  }

  Report row(String label, String value) {
    text.append(String.format("  %-24s %s", label, value).stripTrailing()).append('\n');
    return this;
  }

  Report row(String label, String value, String target) {
    return row(label, String.format("%-44s target %s", value, target));
  }

  Report note(String note) {
    text.append("  ").append(note).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
