/**
 * REST API of journeys, in the request's workspace. Depends on engine.journey, engine.workspace and web.security (the request's workspace).
 */
package io.cairn.web.journey;
