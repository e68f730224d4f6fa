package io.cairn.engine.problem;

/** A referenced object does not exist. The web layer answers 404. */
public class NotFoundException extends RuntimeException {

  private final String kind;
  private final String id;

  /**
   * @param kind what was looked for: {@code segment}, {@code journey}, {@code tag} …
   * @param id the id that was not found
   */
  public NotFoundException(String kind, Object id) {
    super(kind + " " + id + " does not exist");
    this.kind = kind;
    this.id = String.valueOf(id);
  }

  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }
}
