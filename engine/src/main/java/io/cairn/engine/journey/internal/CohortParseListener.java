package io.cairn.engine.journey.internal;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Gives Cairn components their cohort-mode meaning when Camunda parses a journey: random splits
 * fork the cohort into one partition per branch, every sequence flow hands the partition meant for
 * it to the token that takes it, and every node counts the users entering and leaving it.
 */
final class CohortParseListener extends AbstractBpmnParseListener {

  static final String PERCENTAGE = "cairn.percentage";
  private static final Namespace CAMUNDA = new Namespace(Component.CAMUNDA_NS);

  private final CohortStore cohorts;
  private final NodeStatsListener stats;

  CohortParseListener(CohortStore cohorts, NodeStatsListener stats) {
    this.cohorts = cohorts;
    this.stats = stats;
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (Component.RANDOM_SPLIT.templateId.equals(template(element))) {
      activity.setActivityBehavior(new RandomSplitBehavior(cohorts));
    }
    countUsers(activity);
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
    String pct = properties(element).get("percentage");
    if (pct != null) {
      transition.setProperty(PERCENTAGE, Double.parseDouble(pct.trim()));
    }
    transition.addListener(ExecutionListener.EVENTNAME_TAKE, new CohortHandoff());
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    countUsers(activity);
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    countUsers(activity);
  }

  @Override
  public void parseIntermediateCatchEvent(
      Element element, ScopeImpl scope, ActivityImpl activity) {
    countUsers(activity);
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    countUsers(activity);
  }

  private void countUsers(ActivityImpl activity) {
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, stats);
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, stats);
  }

  private static String template(Element element) {
    return element.attributeNS(CAMUNDA, "modelerTemplate");
  }

  static Map<String, String> properties(Element element) {
    Map<String, String> props = new HashMap<>();
    Element ext = element.element("extensionElements");
    if (ext == null) {
      return props;
    }
    Element list = ext.elementNS(CAMUNDA, "properties");
    if (list == null) {
      return props;
    }
    for (Element p : list.elementsNS(CAMUNDA, "property")) {
      props.put(p.attribute("name"), p.attribute("value"));
    }
    return props;
  }
}
