package dev.connectorengine.api.web;

import dev.connectorengine.model.connector.SpecViolation;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request that ends with a problem+json answer: the status, a detail and the fields at fault. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final List<SpecViolation> errors;
  private final Map<String, Object> properties;
  private final Map<String, String> headers;

  /**
   * A problem with extra members besides {@code errors}.
   *
   * @param properties further members of the problem+json body, e.g. {@code requiredScope}
   */
  public ApiException(
      HttpStatus status,
      String detail,
      List<SpecViolation> errors,
      Map<String, Object> properties) {
    this(status, detail, errors, properties, Map.of());
  }

  /**
   * A problem with extra members and response headers.
   *
   * @param headers headers of the answer, e.g. {@code Retry-After}
   */
  public ApiException(
      HttpStatus status,
      String detail,
      List<SpecViolation> errors,
      Map<String, Object> properties,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.properties = Map.copyOf(properties);
    this.headers = Map.copyOf(headers);
  }

  public ApiException(HttpStatus status, String detail, List<SpecViolation> errors) {
    this(status, detail, errors, Map.of());
  }

  public ApiException(HttpStatus status, String detail) {
    this(status, detail, List.of());
  }

  /** 404 for a resource that does not exist in the caller's workspace. */
  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
  }

  /** 400 naming one field. */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "invalid " + field, List.of(new SpecViolation(field, message)));
  }

  /** 422 naming every violated rule. */
  public static ApiException invalid(String detail, List<SpecViolation> errors) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, detail, errors);
  }

  public HttpStatus status() {
    return status;
  }

  public List<SpecViolation> errors() {
    return errors;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
