package io.cairn.engine.profile;

/** The value types a tag can have (SEGMENTS.md, operators by tag type). */
public enum TagType {
  ENUM,
  BOOLEAN,
  NUMBER,
  DATE,
  MULTI,
  TEXT
}
