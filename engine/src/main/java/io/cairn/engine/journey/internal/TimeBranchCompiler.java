package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The time branch: every user takes every branch (the gateway behaves as a copy branch, see {@link
 * CopyBranchBehavior}), and each branch continues at its own time [6.5.3.16]. Cairn inserts a timer
 * catch event on each of the gateway's flows, {@code flow → cairnAt_<flow> → cairnGo_<flow> →
 * target}, with the time written from the flow's validated {@code at} and {@code timeZone}. The
 * inserted event is named after the branch ("Evening: at 2030-01-02T09:00Z") so statistics show it
 * as the branch's wait: how many users wait on it, and how many have moved on.
 */
final class TimeBranchCompiler implements ElementCompiler {

  /** Ids Cairn derives from a time branch flow's id; uploaded files may not use them. */
  static final String WAIT_PREFIX = "cairnAt_";

  static final String GO_PREFIX = "cairnGo_";

  @Override
  public String templateId() {
    return Component.TIME_BRANCH.templateId;
  }

  @Override
  public void compile(BpmnModelInstance model, FlowElement element, Map<String, String> props) {
    // by sourceRef: a node's <outgoing> list is optional in BPMN files and Camunda ignores it
    List<SequenceFlow> out =
        model.getModelElementsByType(SequenceFlow.class).stream()
            .filter(f -> f.getSource() == element)
            .toList();
    for (SequenceFlow flow : out) {
      WaitSpec spec = spec(SendActionDelegate.properties(flow), null, new ArrayList<>());
      if (spec == null) {
        throw new IllegalStateException("time branch flow " + flow.getId() + " was not validated");
      }
      insertWait(model, flow, spec);
    }
  }

  /**
   * A branch's time as a wait until it: {@code at} (local date-time) in {@code timeZone} (IANA,
   * default UTC), with the wait's rules (after {@code now} unless null, within 30 days).
   */
  static WaitSpec spec(Map<String, String> props, java.time.Instant now, List<String> problems) {
    List<String> waitProblems = new ArrayList<>();
    WaitSpec spec =
        WaitSpec.parse(
            Map.of(
                "waitType", "UNTIL",
                "until", props.getOrDefault("at", ""),
                "timeZone", props.getOrDefault("timeZone", "UTC")),
            now,
            waitProblems);
    // the wait's words, in the branch's terms
    waitProblems.forEach(
        p ->
            problems.add(
                p.replace("until must be", "at must be")
                    .replace("the wait ends", "the branch starts")
                    .replace("a wait lasts", "a branch starts within")));
    return spec;
  }

  private static void insertWait(BpmnModelInstance model, SequenceFlow flow, WaitSpec spec) {
    ModelElementInstance container = flow.getParentElement();
    FlowNode target = flow.getTarget();

    IntermediateCatchEvent wait = model.newInstance(IntermediateCatchEvent.class);
    wait.setId(WAIT_PREFIX + flow.getId());
    String branch = flow.getName() == null || flow.getName().isBlank() ? flow.getId() : flow.getName();
    wait.setName(branch + ": at " + spec.until());
    container.addChildElement(wait);
    WaitCompiler.timer(wait, model, spec);

    SequenceFlow go = model.newInstance(SequenceFlow.class);
    go.setId(GO_PREFIX + flow.getId());
    container.addChildElement(go);
    go.setSource(wait);
    go.setTarget(target);
    flow.setTarget(wait);
    // Camunda reads sourceRef/targetRef; keep the target's optional incoming list in step
    if (target.getIncoming().remove(flow)) {
      target.getIncoming().add(go);
    }
  }
}
