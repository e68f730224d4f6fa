/**
 * REST API of webhooks (the custom channel): management ({@code /api/webhooks}: CRUD,
 * enable/disable, secret rotation, test send and its downloadable log; administrators only, except
 * reading) and the receipt endpoint ({@code POST /api/webhooks/receipts}), which receivers call
 * without a Cairn account: their webhook's signature authenticates them. Management works in the
 * request's workspace. Depends on engine.webhook, engine.workspace and web.security.
 */
package io.cairn.web.webhook;
