package io.cairn.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import io.cairn.engine.testing.EngineTestApplication;

@SpringBootTest(classes = EngineTestApplication.class)
class EngineSmokeIT {
  @Autowired RepositoryService repo;
  @Autowired RuntimeService runtime;

  @Test
  void shouldRunAProcess() {
    var model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1).startEvent().endEvent().done();
    repo.createDeployment().addModelInstance("p.bpmn", model).deploy();
    var pi = runtime.startProcessInstanceByKey("p");
    assertThat(pi.isEnded()).isTrue();
  }
}
