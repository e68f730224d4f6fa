package io.cairn.engine.journey;

/** What a new version of a started journey does to the users already in it. */
public enum MigrationPolicy {
  /** Users in flight finish on the version they are on; new runs and entries use the new one. */
  STAY,
  /**
   * Users whose current nodes exist unchanged in the new version move to it when the migration is
   * applied; users at a node that was changed or removed stay (with every other user of the same
   * process instance, which moves as a whole or not at all).
   */
  MIGRATE
}
