/**
 * Segments: the rule language, the bitmap engine, the SQL compiler and materialised snapshots. Owns cairn_segment*. {@link io.cairn.engine.segment.EventBehaviours} answers behaviour conditions over an exact window of time (journeys' behaviour branches). Depends on profile (catalog, import events), event (types, sources, the event tables) and problem.
 */
package io.cairn.engine.segment;
