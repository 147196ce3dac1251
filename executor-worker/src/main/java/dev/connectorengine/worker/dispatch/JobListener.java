package dev.connectorengine.worker.dispatch;

import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.worker.dispatch.JobParser.PoisonJobException;
import dev.connectorengine.worker.dispatch.WaitingRuns.Waiting;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes job batches: poison messages go to the dead-letter topic, the rest wait here for their
 * workspace's turn ({@link RunAdmission}), which claims them with one guarded update per batch. A
 * job whose row is not pending claims nothing, which makes duplicate and stale jobs harmless.
 */
@Component
class JobListener {

  static final String ID = "execution-jobs";
  static final String GROUP = "executor-workers";

  private final RunAdmission admission;
  private final DeadLetterPublisher deadLetters;
  private final WorkerMetrics metrics;
  private final Clock clock;

  JobListener(
      RunAdmission admission, DeadLetterPublisher deadLetters, WorkerMetrics metrics, Clock clock) {
    this.admission = admission;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
  }

  @KafkaListener(id = ID, groupId = GROUP, topics = Topics.EXECUTIONS, batch = "true")
  void onJobs(List<ConsumerRecord<String, String>> records) {
    List<Waiting> jobs = new ArrayList<>(records.size());
    long read = System.nanoTime();
    Instant now = clock.instant();
    List<CompletableFuture<?>> letters = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      try {
        ExecutionJob job = JobParser.parse(record.value());
        jobs.add(
            new Waiting(
                job.executionId(),
                job.workspaceId(),
                job.connectorId(),
                job.attempt(),
                record,
                read));
        if (job.enqueuedAt() != null) {
          metrics.jobDelivered(Duration.between(job.enqueuedAt(), now));
        }
      } catch (PoisonJobException e) {
        letters.add(deadLetters.send(record, e.getMessage()));
      }
    }
    admission.admit(jobs);
    // The batch's offsets are committed after this returns: wait until the letters are stored.
    CompletableFuture.allOf(letters.toArray(CompletableFuture[]::new)).join();
  }
}
