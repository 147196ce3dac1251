package dev.connectorengine.api.web;

import dev.connectorengine.model.connector.SpecViolation;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 problem+json. Bad input answers 4xx naming the field in an
 * {@code errors} array of {@code {field, message}}; only a fault of ours answers 500, and its
 * detail never echoes internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    return problem(e.status(), e.getMessage(), e.errors());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid " + e.getName(),
        List.of(new SpecViolation(e.getName(), "'" + e.getValue() + "' is not a valid value")));
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
    if (e instanceof StreamReadException) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "malformed JSON",
          List.of(new SpecViolation("body", e.getOriginalMessage())));
    }
    String field = fieldOf(e);
    String message =
        e instanceof UnrecognizedPropertyException
            ? "unknown field"
            : "has the wrong type or value: " + firstLine(e.getOriginalMessage());
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid request body",
        List.of(new SpecViolation(field.isEmpty() ? "body" : field, message)));
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
