package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.worker.credential.WorkspaceCredentials;
import dev.connectorengine.worker.execution.ClaimedExecution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Field mappings transform what comes out of the answers, with the templates of requests. */
class RunOutputTemplatesTest {

  @Test
  void field_mappings_pipe_answers_and_input_through_transforms() {
    RunContext context =
        RunContext.start(
            new ClaimedExecution(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                1,
                ExecutionJson.read("{\"email\": \" Ada@Example.COM\", \"nickname\": \"\"}"),
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(30),
                List.of()),
            WorkspaceCredentials.none(),
            Set.of("person"));
    context.recordStep(
        "person",
        ExecutionJson.read("{\"age\": \"36\", \"since\": 1714557600000}"),
        new HttpAnswer(200, Map.of(), ExecutionJson.read("{\"tags\": [\"vip\", \"eu\"]}"), "", 12));
    ConnectorSpec spec =
        new ConnectorSpec(
            List.of(),
            null,
            ExecutionJson.read(
                """
                {"email": "{{ input.email | trim | lowercase }}",
                 "age": "{{ steps.person.output.age | toNumber }}",
                 "since": "{{ steps.person.output.since | dateFormat: \\"yyyy-MM-dd\\" }}",
                 "tags": "{{ steps.person.response.body.tags | join: \\", \\" }}",
                 "nickname": "{{ input.nickname | default: \\"anon\\" }}",
                 "phone": "{{ input.phone | trim }}"}
                """),
            30_000,
            0,
            false);

    assertThat(RunOutputBuilder.build(spec, context))
        .isEqualTo(
            ExecutionJson.read(
                """
                {"email": "ada@example.com", "age": 36, "since": "2024-05-01",
                 "tags": "vip, eu", "nickname": "anon", "phone": null}
                """));
  }
}
