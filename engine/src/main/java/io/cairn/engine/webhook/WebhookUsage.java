package io.cairn.engine.webhook;

import java.util.List;

/**
 * SPI: who uses a webhook. Journeys implement it so that a webhook a live journey calls cannot be
 * deleted. Every bean of this type is asked.
 */
public interface WebhookUsage {

  /** The live uses of a webhook, e.g. {@code journey 12 "Welcome"}; ended journeys are not uses. */
  List<String> uses(long webhookId);
}
