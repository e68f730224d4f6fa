/**
 * REST API listing sandbox messages. Depends on engine.sandbox.
 */
package io.cairn.web.sandbox;
