package dev.connectorengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class ProblemHandlerTest {

  private final ProblemHandler handler = new ProblemHandler();

  @Test
  void an_exhausted_connection_pool_answers_503_with_retry_after_not_500() {
    ResponseEntity<ProblemDetail> inTransaction =
        handler.unavailable(
            new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("Connection is not available")));
    ResponseEntity<ProblemDetail> outsideTransaction =
        handler.unavailable(
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection is not available")));

    for (ResponseEntity<ProblemDetail> answer :
        new ResponseEntity[] {inTransaction, outsideTransaction}) {
      assertThat(answer.getStatusCode().value()).isEqualTo(503);
      assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
      assertThat(answer.getBody().getDetail()).contains("try again");
    }
  }

  @Test
  void a_transient_database_failure_answers_503_too() {
    ResponseEntity<ProblemDetail> answer =
        handler.unstorable(new QueryTimeoutException("canceling statement due to timeout"));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
  }

  @Test
  void a_statement_refused_by_row_level_security_answers_404_not_500() {
    ResponseEntity<ProblemDetail> answer =
        handler.unstorable(
            new BadSqlGrammarException(
                "INSERT INTO connectors",
                "INSERT INTO connectors (id, workspace_id) VALUES (?, ?)",
                new SQLException(
                    "new row violates row-level security policy for table \"connectors\"",
                    "42501")));

    assertThat(answer.getStatusCode().value()).isEqualTo(404);
    assertThat(answer.getBody().getDetail())
        .isEqualTo("not found in this workspace")
        .doesNotContain("connectors");
  }
}
