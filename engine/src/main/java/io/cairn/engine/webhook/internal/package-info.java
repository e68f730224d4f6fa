/**
 * Webhook internals: SQL ({@code WebhookStore}), draft checks, the database-backed directory and
 * replay store, the connector that refuses disabled webhooks, and the test-send recorder.
 */
package io.cairn.engine.webhook.internal;
