package io.cairn.engine.event;

/**
 * A typed attribute of an event type.
 *
 * @param name the key in an event's {@code attributes} (1–64 of letters, digits, {@code _})
 * @param displayName what the console shows
 * @param type the type values must have
 */
public record EventAttribute(String name, String displayName, AttributeType type) {}
