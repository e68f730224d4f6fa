package io.cairn.engine.journey.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires Cairn's own history into Camunda: branch counts on every flow, the history time-to-live
 * of journeys ({@code cairn.journeys.history-time-to-live}, whole days, default 180) and the
 * incident handler that copies failed-job incidents into Cairn's tables.
 */
@Configuration
class JourneyHistoryConfiguration {

  @Bean
  ProcessEnginePlugin cairnHistoryPlugin(
      JdbcTemplate jdbc,
      CohortStore cohorts,
      Clock clock,
      IncidentStore incidents,
      VersionStore versions,
      @Value("${cairn.journeys.history-time-to-live:180d}") Duration historyTimeToLive) {
    if (historyTimeToLive.isNegative()) {
      throw new IllegalStateException("cairn.journeys.history-time-to-live must not be negative");
    }
    int days = Math.toIntExact(historyTimeToLive.toDays());
    BranchCounter branches = new BranchCounter(jdbc, cohorts, clock);
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl config) {
        if (config.getCustomPostBPMNParseListeners() == null) {
          config.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        config.getCustomPostBPMNParseListeners().add(new HistoryParseListener(branches, days));
        if (config.getCustomIncidentHandlers() == null) {
          config.setCustomIncidentHandlers(new ArrayList<>());
        }
        config.getCustomIncidentHandlers().add(new IncidentRecorder(incidents, versions));
      }
    };
  }
}
