/**
 * The three ways an engine operation refuses a request: invalid input (400), not found (404),
 * conflict with the current state (409). Every feature throws these so that the web layer maps them
 * to RFC 9457 problems in one place. Depends on nothing.
 */
package io.cairn.engine.problem;
