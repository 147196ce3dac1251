package dev.connectorengine.worker.run;

/** A step that cannot be sent: a template without value, an invalid URL, an unusable credential. */
final class StepPreparationException extends RuntimeException {

  StepPreparationException(String message) {
    super(message);
  }
}
