package io.cairn.connectors.content;

/** What a message template does when a variable has no value for a recipient. */
public enum EmptyValuePolicy {
  /** Do not send to this recipient; the ledger records it as skipped. */
  SKIP,
  /** Send with the configured replacement text in place of the missing value. */
  REPLACE
}
