/**
 * REST API of journeys. Depends on engine.journey.
 */
package io.cairn.web.journey;
