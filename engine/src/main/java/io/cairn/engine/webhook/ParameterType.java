package io.cairn.engine.webhook;

/**
 * The type of a webhook parameter. Every value travels as a string; the type says what a journey
 * node may put there, and is checked when the journey is deployed.
 */
public enum ParameterType {
  /** Any text; the only type that may hold {@code ${tag}} variables. */
  TEXT,
  /** A decimal number, e.g. {@code 10} or {@code 9.90}. */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN
}
