/**
 * REST API of the delivery side: ledger rows ({@code /api/deliveries}), suppression lists ({@code /api/suppressions}) and the
 * unsubscribe link of emails ({@code /api/unsubscribe}). Depends on
 * engine.delivery.
 */
package io.cairn.web.delivery;
