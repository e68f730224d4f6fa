/**
 * Segments: the rule language, the bitmap engine, the SQL compiler and materialised snapshots.
 * Owns cairn_segment*. {@link io.cairn.engine.segment.EventBehaviours} answers behaviour
 * conditions over an exact window of time (journeys' behaviour branches). A segment belongs to a
 * workspace (given to {@code create}, filtered on by {@link
 * io.cairn.engine.segment.SegmentFilter#workspaceId}); its definition may only take segments of the
 * same workspace. Depends on profile (catalog, import events), event (types, sources, the event
 * tables), workspace and problem.
 */
package io.cairn.engine.segment;
