/**
 * REST API of the delivery side: suppression lists ({@code /api/suppressions}) and the
 * unsubscribe link of emails ({@code /api/unsubscribe}). Depends on
 * engine.delivery.
 */
package io.cairn.web.delivery;
