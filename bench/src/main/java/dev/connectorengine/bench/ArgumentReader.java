package dev.connectorengine.bench;

import java.time.Duration;
import java.util.List;

/**
 * Command-line arguments read in order: an option, then its value when it takes one. Every value
 * that is missing or wrong throws an {@link IllegalArgumentException} naming its option.
 */
final class ArgumentReader {

  private final List<String> args;
  private int next;

  ArgumentReader(List<String> args) {
    this.args = List.copyOf(args);
  }

  boolean hasNext() {
    return next < args.size();
  }

  /** The next option (or flag). */
  String next() {
    return args.get(next++);
  }

  /** The value after {@code option}: the next argument, unless it is an option itself. */
  String value(String option) {
    if (next >= args.size() || args.get(next).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(next++);
  }

  int nonNegativeInt(String option) {
    return intBetween(option, 0, Integer.MAX_VALUE);
  }

  int positiveInt(String option) {
    return intBetween(option, 1, Integer.MAX_VALUE);
  }

  /** A whole number from {@code min} to {@code max}; {@code 20_000} and {@code 20,000} read too. */
  int intBetween(String option, int min, int max) {
    String text = value(option).replace("_", "").replace(",", "");
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, not " + text, e);
    }
    if (value >= min && value <= max) {
      return value;
    }
    if (max < Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          option + " must be from " + Fmt.count(min) + " to " + Fmt.count(max) + ", not " + text);
    }
    throw new IllegalArgumentException(
        min == 0 ? option + " must not be negative" : option + " must be at least " + min);
  }

  /** A positive, finite number, e.g. a rate in runs/s. */
  double positiveNumber(String option) {
    String text = value(option);
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not " + text, e);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(option + " must be a positive number");
    }
    return value;
  }

  /** A whole number of seconds, at least 1. */
  Duration seconds(String option) {
    return Duration.ofSeconds(positiveInt(option));
  }
}
