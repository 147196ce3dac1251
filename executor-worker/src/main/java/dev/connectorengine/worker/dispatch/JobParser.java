package dev.connectorengine.worker.dispatch;

import dev.connectorengine.model.messaging.ExecutionJob;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON text of an {@link ExecutionJob}; anything else is a poison message. */
final class JobParser {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private JobParser() {}

  /**
   * @throws PoisonJobException naming why the text is not a job
   */
  static ExecutionJob parse(String value) {
    if (value == null || value.isBlank()) {
      throw new PoisonJobException("empty job message");
    }
    ExecutionJob job;
    try {
      job = MAPPER.readValue(value, ExecutionJob.class);
    } catch (JacksonException e) {
      throw new PoisonJobException("job is not ExecutionJob JSON: " + e.getOriginalMessage());
    }
    if (job == null || job.executionId() == null) {
      throw new PoisonJobException("job has no executionId");
    }
    return job;
  }

  static final class PoisonJobException extends RuntimeException {
    PoisonJobException(String message) {
      super(message);
    }
  }
}
