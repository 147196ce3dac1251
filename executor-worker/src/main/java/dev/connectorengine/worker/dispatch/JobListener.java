package dev.connectorengine.worker.dispatch;

import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.worker.dispatch.JobParser.PoisonJobException;
import dev.connectorengine.worker.execution.ClaimResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes job batches: poison messages go to the dead-letter topic, the rest are claimed with one
 * guarded update and handed to virtual threads. A job whose row is not pending claims nothing and
 * is simply acknowledged, which makes duplicate and stale jobs harmless.
 */
@Component
class JobListener {

  static final String ID = "execution-jobs";
  static final String GROUP = "executor-workers";

  private final RunIntake intake;
  private final DeadLetterPublisher deadLetters;

  JobListener(RunIntake intake, DeadLetterPublisher deadLetters) {
    this.intake = intake;
    this.deadLetters = deadLetters;
  }

  @KafkaListener(id = ID, groupId = GROUP, topics = Topics.EXECUTIONS, batch = "true")
  void onJobs(List<ConsumerRecord<String, String>> records) {
    Map<UUID, ConsumerRecord<String, String>> jobs = new LinkedHashMap<>();
    Map<ConsumerRecord<String, String>, String> poison = new LinkedHashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      try {
        jobs.putIfAbsent(JobParser.parse(record.value()).executionId(), record);
      } catch (PoisonJobException e) {
        poison.put(record, e.getMessage());
      }
    }
    // Claim first: if it throws (database away, or this worker not alive), the batch is retried
    // with no letter sent twice.
    ClaimResult result = intake.take(jobs.keySet());
    List<CompletableFuture<?>> letters = new ArrayList<>();
    poison.forEach((record, reason) -> letters.add(deadLetters.send(record, reason)));
    for (UUID unknown : result.unknown()) {
      letters.add(deadLetters.send(jobs.get(unknown), "no execution " + unknown));
    }
    // The batch's offsets are committed after this returns: wait until the letters are stored.
    CompletableFuture.allOf(letters.toArray(CompletableFuture[]::new)).join();
  }
}
