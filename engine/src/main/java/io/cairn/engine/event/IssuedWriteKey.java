package io.cairn.engine.event;

/**
 * A source with its new write key. The key is shown this once (only its hash is stored).
 *
 * @param writeKey send it as {@code Authorization: Bearer <key>} to {@code POST /api/events}
 */
public record IssuedWriteKey(EventSource source, String writeKey) {

  @Override
  public String toString() {
    return "IssuedWriteKey[source=" + source.code() + ", writeKey=***]";
  }
}
