package dev.connectorengine.api.web;

import dev.connectorengine.model.connector.SpecViolation;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 problem+json. Bad input answers 4xx naming the field in an
 * {@code errors} array of {@code {field, message}}; only a fault of ours answers 500, and its
 * detail never echoes internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  // character_not_in_repertoire (NUL in text), untranslatable_character (NUL escape in jsonb)
  private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");
  // insufficient_privilege: row-level security or a missing grant refused a statement.
  private static final String REFUSED_BY_DATABASE = "42501";
  private static final Pattern QUOTED_TOKEN = Pattern.compile("'[^']{2,}'");

  // Values echoed back in a problem are cut to this length.
  private static final int MAX_ECHO = 100;

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ResponseEntity<ProblemDetail> answer = problem(e.status(), e.getMessage(), e.errors());
    e.properties().forEach(answer.getBody()::setProperty);
    if (e.headers().isEmpty()) {
      return answer;
    }
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(answer.getHeaders());
    e.headers().forEach(headers::set);
    return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid " + e.getName(),
        List.of(
            new SpecViolation(
                e.getName(), "'" + echo(String.valueOf(e.getValue())) + "' is not a valid value")));
  }

  /**
   * PostgreSQL cannot store a NUL character in text or jsonb; that is bad input, not our fault. The
   * transaction has rolled back, so nothing of the request was written.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> unstorable(DataAccessException e) {
    String state = sqlState(e);
    if (UNSTORABLE_TEXT.contains(state)) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "a text value contains a character that cannot be stored: NUL (\\u0000)",
          List.of(new SpecViolation("body", "must not contain the NUL character \\u0000")));
    }
    if (REFUSED_BY_DATABASE.equals(state)) {
      // The second wall held where the workspace filter should have: a bug, logged as one. The
      // caller learns what it would for another workspace's resource, and nothing was written.
      log.error("the database refused a statement outside the request's workspace", e);
      return problem(HttpStatus.NOT_FOUND, "not found in this workspace", List.of());
    }
    if (e instanceof TransientDataAccessException
        || e instanceof DataAccessResourceFailureException) {
      return unavailable(e);
    }
    return unexpected(e);
  }

  /**
   * The database is busy or away (pool exhausted, connection refused, statement timeout): not the
   * caller's fault and not a bug, so 503 with a hint to retry, never 500.
   */
  @ExceptionHandler(CannotCreateTransactionException.class)
  ResponseEntity<ProblemDetail> unavailable(Exception e) {
    log.warn("database unavailable: {}", e.toString());
    ResponseEntity<ProblemDetail> answer =
        problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the service is busy or its database is unreachable; try again in a moment",
            List.of());
    return ResponseEntity.status(answer.getStatusCode())
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(answer.getBody());
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
    return problem(
        HttpStatus.BAD_REQUEST, "a query parameter is not validly percent-encoded", List.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("request failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", List.of());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    // Jackson wraps the limit's IOException with the field it was reading: look past it first.
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyTooLargeException tooLarge) {
        return widen(problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of()));
      }
    }
    // A limit may surface wrapped in a binding error: the limit is what the caller must know.
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamConstraintsException limit) {
        return widen(jsonProblem(limit));
      }
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException jackson) {
        return widen(jsonProblem(jackson));
      }
    }
    return widen(
        problem(HttpStatus.BAD_REQUEST, "request body is missing or unreadable", List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return widen(
        problem(
            HttpStatus.BAD_REQUEST,
            "missing parameter " + e.getParameterName(),
            List.of(new SpecViolation(e.getParameterName(), "is required"))));
  }

  private static ResponseEntity<ProblemDetail> jsonProblem(JacksonException e) {
    String field = fieldOf(e).isEmpty() ? "body" : fieldOf(e);
    if (e instanceof StreamConstraintsException) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "the JSON exceeds a limit: " + limitOf(e.getOriginalMessage()),
          List.of(new SpecViolation(field, limitOf(e.getOriginalMessage()))));
    }
    if (e instanceof InputCoercionException coercion) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "invalid request body",
          List.of(
              new SpecViolation(
                  field, "is out of range: " + JsonTypes.expected(coercion.getTargetType()))));
    }
    if (e instanceof StreamReadException) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "malformed JSON",
          List.of(new SpecViolation("body", withoutTokens(firstLine(e.getOriginalMessage())))));
    }
    String message;
    if (e instanceof UnrecognizedPropertyException) {
      message = "unknown field";
    } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      // Named by the type expected, never by the value given: a body may carry secrets.
      message = "has the wrong type: " + JsonTypes.expected(mismatch.getTargetType());
    } else {
      message = "has the wrong type or value";
    }
    return problem(
        HttpStatus.BAD_REQUEST, "invalid request body", List.of(new SpecViolation(field, message)));
  }

  /**
   * {@code Document nesting depth (65) exceeds the maximum allowed (64)}, without Jackson's API.
   */
  private static String limitOf(String message) {
    String line = firstLine(message);
    int from = line.indexOf(", from `");
    return from > 0 ? line.substring(0, from) + ")" : line;
  }

  // Jackson quotes the token it choked on; a body may carry secrets, so the token is left out.
  private static String withoutTokens(String message) {
    return QUOTED_TOKEN.matcher(message).replaceAll("'...'");
  }

  private static String sqlState(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  private static String echo(String value) {
    return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
  }

  /** {@code steps[0].request.method} from Jackson's reference path. */
  static String fieldOf(JacksonException e) {
    StringBuilder field = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    // Jackson's messages name Java types after the first clause; people want the first part.
    String line = message.lines().findFirst().orElse(message);
    int java = line.indexOf(" (for ");
    return java > 0 ? line.substring(0, java) : line;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String detail, List<SpecViolation> errors) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    if (!errors.isEmpty()) {
      body.setProperty(
          "errors",
          errors.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
    }
    return ResponseEntity.status(status).body(body);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> entity) {
    return (ResponseEntity) entity;
  }
}
