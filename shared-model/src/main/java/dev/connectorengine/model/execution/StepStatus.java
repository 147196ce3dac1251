package dev.connectorengine.model.execution;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of one step inside an execution. */
public enum StepStatus {
  PENDING,
  RUNNING,
  SUCCESS,
  FAILED,
  SKIPPED;

  /** The spelling used in JSON: {@code pending}, {@code running}, ... */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the JSON spelling. */
  @JsonCreator
  public static StepStatus fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
