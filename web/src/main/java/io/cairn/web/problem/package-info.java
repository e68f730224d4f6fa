/**
 * Maps every failure to an RFC 9457 problem with a stable type. Depends on engine.problem.
 */
package io.cairn.web.problem;
