package io.cairn.engine.problem;

/**
 * The request is valid but the current state forbids it (starting a journey that is already
 * running, using a segment that is still generating). The web layer answers 409.
 */
public class ConflictException extends RuntimeException {

  private final String type;

  public ConflictException(String type, String message) {
    super(message);
    this.type = type;
  }

  public String type() {
    return type;
  }
}
