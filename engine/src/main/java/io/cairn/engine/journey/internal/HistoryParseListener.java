package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What Cairn keeps of a journey's history, wired in when Camunda parses it: every sequence flow
 * counts the users taking it ({@link BranchCounter}), and every journey's Camunda history lives
 * as long as the operator configured, whatever the uploaded file says (history is the operator's
 * storage, not the marketer's choice).
 */
final class HistoryParseListener extends AbstractBpmnParseListener {

  private final BranchCounter branches;
  private final int historyDays;

  HistoryParseListener(BranchCounter branches, int historyDays) {
    this.branches = branches;
    this.historyDays = historyDays;
  }

  @Override
  public void parseProcess(Element element, ProcessDefinitionEntity definition) {
    definition.setHistoryTimeToLive(historyDays);
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
    transition.addListener(ExecutionListener.EVENTNAME_TAKE, branches);
  }
}
