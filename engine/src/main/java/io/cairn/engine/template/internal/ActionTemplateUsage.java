package io.cairn.engine.template.internal;

import io.cairn.engine.template.TemplateUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Action executions still sending a copy of a template use it (their rows are not all final). */
@Component
class ActionTemplateUsage implements TemplateUsage {

  private final TemplateStore store;

  ActionTemplateUsage(TemplateStore store) {
    this.store = store;
  }

  @Override
  public List<String> uses(long templateId) {
    return store.unfinishedActions(templateId).stream()
        .map(id -> "action execution " + id + " (still sending)")
        .toList();
  }
}
