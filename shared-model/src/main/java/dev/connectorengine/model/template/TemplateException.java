package dev.connectorengine.model.template;

/** A template that cannot be parsed or rendered; the message names the template. */
public final class TemplateException extends RuntimeException {

  public TemplateException(String message) {
    super(message);
  }
}
