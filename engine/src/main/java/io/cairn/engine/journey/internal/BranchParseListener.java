package io.cairn.engine.journey.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.segment.SegmentService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Gives the tag, copy and time branches their behaviour when Camunda parses a journey: a tag
 * branch partitions by its flows' rules (kept parsed on each flow), copy and time branches hand
 * the token's cohort to every flow, and parallel gateways count the users entering and leaving
 * them. Runs after {@link CohortParseListener}, which counts exclusive gateways already.
 */
final class BranchParseListener extends AbstractBpmnParseListener {

  /** The transition property holding a tag rule flow's parsed rule. */
  static final String RULE = "cairn.rule";

  private static final Namespace CAMUNDA = new Namespace(Component.CAMUNDA_NS);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SegmentService segments;
  private final CohortStore cohorts;
  private final NodeStatsListener stats;

  BranchParseListener(SegmentService segments, CohortStore cohorts, NodeStatsListener stats) {
    this.segments = segments;
    this.cohorts = cohorts;
    this.stats = stats;
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (Component.TAG_BRANCH.templateId.equals(template(element))) {
      activity.setActivityBehavior(new TagBranchBehavior(segments, cohorts));
    }
  }

  @Override
  public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    String template = template(element);
    if (Component.COPY_BRANCH.templateId.equals(template)
        || Component.TIME_BRANCH.templateId.equals(template)) {
      activity.setActivityBehavior(new CopyBranchBehavior());
    }
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, stats);
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, stats);
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
    if (!Component.TAG_RULE.templateId.equals(template(element))) {
      return;
    }
    String rule = CohortParseListener.properties(element).get("rule");
    try {
      // validated when the journey was saved; parsed once here, not per token
      transition.setProperty(RULE, JSON.readTree(rule));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tag rule on flow " + transition.getId() + " is not JSON", e);
    }
  }

  private static String template(Element element) {
    return element.attributeNS(CAMUNDA, "modelerTemplate");
  }
}
