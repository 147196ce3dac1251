package dev.connectorengine.api.web;

import java.io.IOException;

/** Thrown while reading a body that grows past the limit without announcing its length. */
final class RequestBodyTooLargeException extends IOException {

  RequestBodyTooLargeException(long limit) {
    super("request body is larger than " + limit + " bytes");
  }
}
