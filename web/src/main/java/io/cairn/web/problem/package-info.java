/**
 * Maps every failure of a request to an RFC 9457 problem with a stable {@code
 * urn:cairn:problem:<slug>} type and the offending fields. Depends on engine.problem.
 */
package io.cairn.web.problem;
