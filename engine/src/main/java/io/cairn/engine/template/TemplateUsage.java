package io.cairn.engine.template;

import java.util.List;

/**
 * SPI: who uses a template. A template in use cannot be deleted. Every bean of this type is
 * asked; implementations are thread-safe and cheap enough to call on each delete.
 */
public interface TemplateUsage {

  /** Human-readable descriptions of the live uses (ended journeys and finished sends are not). */
  List<String> uses(long templateId);
}
