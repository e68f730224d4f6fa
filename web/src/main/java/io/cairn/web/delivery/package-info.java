/**
 * REST API of the delivery side: suppression lists ({@code /api/suppressions}). Depends on
 * engine.delivery.
 */
package io.cairn.web.delivery;
