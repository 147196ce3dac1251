package dev.connectorengine.worker.dispatch;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.worker.execution.RequeuedExecution;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the jobs of runs that are pending again (given back, swept, or waiting too long). A
 * send that fails is logged only: the row stays pending and a later sweep publishes it again.
 */
@Component
public class JobPublisher {

  private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);

  private final KafkaTemplate<String, String> kafka;
  private final Clock clock;

  JobPublisher(KafkaTemplate<String, String> kafka, Clock clock) {
    this.kafka = kafka;
    this.clock = clock;
  }

  /** Sends one job per run; the future completes when every send has succeeded or failed. */
  public CompletableFuture<Void> publish(List<RequeuedExecution> runs) {
    Instant now = clock.instant();
    CompletableFuture<?>[] sends =
        runs.stream()
            .map(
                run -> {
                  ExecutionJob job =
                      new ExecutionJob(
                          run.id(),
                          run.workspaceId(),
                          run.connectorId(),
                          run.attempt(),
                          now,
                          Map.of());
                  try {
                    return kafka
                        .send(
                            Topics.EXECUTIONS,
                            run.id().toString(),
                            ExecutionJson.mapper().writeValueAsString(job))
                        .handle((result, error) -> logged(run, error));
                  } catch (RuntimeException e) {
                    return CompletableFuture.completedFuture(logged(run, e));
                  }
                })
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(sends);
  }

  private static Void logged(RequeuedExecution run, Throwable error) {
    if (error != null) {
      log.warn("job of execution {} not published; a later sweep retries: {}", run.id(), error);
    }
    return null;
  }
}
