/**
 * REST API listing the messages the sandbox connectors recorded ({@code /api/sandbox/messages}).
 * Depends on engine.sandbox.
 */
package io.cairn.web.sandbox;
