/**
 * Segments: the rule language, the bitmap engine, the SQL compiler and materialised snapshots. Owns cairn_segment*. Depends on profile (catalog, import events) and problem.
 */
package io.cairn.engine.segment;
