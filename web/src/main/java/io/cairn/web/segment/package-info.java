/**
 * REST API of segments. Depends on engine.segment.
 */
package io.cairn.web.segment;
