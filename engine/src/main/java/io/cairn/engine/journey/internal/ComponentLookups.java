package io.cairn.engine.journey.internal;

import java.util.List;

/** What the branch and output components look up while a journey is validated. */
interface ComponentLookups {

  /** Refuses every rule and folder: for validators that check no tag branch or saved audience. */
  ComponentLookups NONE =
      new ComponentLookups() {
        @Override
        public List<String> ruleProblems(String entityType, String rule) {
          return List.of("tag rules cannot be checked here");
        }

        @Override
        public boolean segmentGroupExists(long groupId) {
          return false;
        }
      };

  /**
   * What is wrong with a tag rule (SEGMENTS.md's JSON) over {@code entityType}'s tag catalog, each
   * as "path: message"; empty when it is valid.
   */
  List<String> ruleProblems(String entityType, String rule);

  /** Whether a segment folder with this id exists. */
  boolean segmentGroupExists(long groupId);
}
