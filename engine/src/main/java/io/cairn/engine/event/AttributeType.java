package io.cairn.engine.event;

/**
 * The type of an event attribute. TEXT and BOOLEAN values are compared as text; NUMBER values as
 * numbers; DATETIME values are ISO-8601 instants (or epoch milliseconds) compared as instants.
 */
public enum AttributeType {
  TEXT,
  NUMBER,
  BOOLEAN,
  DATETIME
}
