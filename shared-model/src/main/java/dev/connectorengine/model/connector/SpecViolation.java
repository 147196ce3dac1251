package dev.connectorengine.model.connector;

/**
 * One reason a connector spec or an input was refused.
 *
 * @param field where, as a JSON-pointer-like path ({@code steps[1].request.url}, {@code
 *     input.email})
 * @param message what is wrong, for a person
 */
public record SpecViolation(String field, String message) {}
