package dev.connectorengine.worker.run;

import dev.connectorengine.model.execution.StorableText;
import dev.connectorengine.worker.run.AttemptOutcome.AnswerTooLarge;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.ConnectionFailed;
import dev.connectorengine.worker.run.AttemptOutcome.DeadlineReached;
import dev.connectorengine.worker.run.AttemptOutcome.Interrupted;
import dev.connectorengine.worker.run.AttemptOutcome.Refused;
import dev.connectorengine.worker.run.AttemptOutcome.StepTimedOut;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How a step's failures read in its record: the outcome of its last attempt, with an excerpt of a
 * failing answer (secrets masked before it is cut), the attempts made, and what cannot be stored.
 */
final class StepErrors {

  private final int excerptChars;

  StepErrors(int excerptChars) {
    this.excerptChars = excerptChars;
  }

  String of(AttemptOutcome outcome, SecretRedactor redactor) {
    return switch (outcome) {
      case Answered(HttpAnswer answer) ->
          HttpReasonPhrases.statusLine(answer.status()) + excerpt(answer, redactor);
      case ConnectionFailed failed -> failed.error();
      case AnswerTooLarge tooLarge -> tooLarge.error();
      case StepTimedOut timedOut -> "timed out after " + timedOut.timeoutMs() + " ms";
      case DeadlineReached reached -> "the run's deadline passed";
      case Refused refused -> refused.error();
      case Interrupted interrupted -> "cancelled";
    };
  }

  private String excerpt(HttpAnswer answer, SecretRedactor redactor) {
    String body = answer.bodyText().strip();
    if (body.isEmpty()) {
      return "";
    }
    // Redact before cutting, so a cut never leaves the start of a secret behind: the window
    // reaches past the excerpt by as much as the longest secret may take, escaped.
    int window = 4 * excerptChars + redactor.reach();
    String redacted = redactor.redact(body.length() > window ? body.substring(0, window) : body);
    String cut =
        redacted.length() > excerptChars ? redacted.substring(0, excerptChars) + "…" : redacted;
    return ": " + cut.replaceAll("\\s+", " ");
  }

  static String afterAttempts(int attempts) {
    return attempts > 1 ? " (after " + attempts + " attempts)" : "";
  }

  // The database cannot store some characters a valid JSON answer may hold: rather than change
  // the data a later step or the run's output would use, the step fails saying where they are.
  static Optional<String> unstorable(JsonNode output, JsonNode kept) {
    return StorableText.problemIn(output)
        .map(problem -> "the extracted output holds " + problem + ", which cannot be stored")
        .or(
            () ->
                StorableText.problemIn(kept)
                    .map(
                        problem ->
                            "the answer kept for later steps holds "
                                + problem
                                + ", which cannot be stored"));
  }
}
