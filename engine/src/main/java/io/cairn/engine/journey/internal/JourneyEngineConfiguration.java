package io.cairn.engine.journey.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionResults;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.segment.EventBehaviours;
import java.time.Clock;
import io.cairn.engine.segment.SegmentService;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Cairn's components into Camunda: the parse listener that gives them cohort semantics and
 * the action delegates named by the element templates' fixed delegate expressions.
 */
@Configuration
class JourneyEngineConfiguration {

  @Bean
  ProcessEnginePlugin cairnCohortPlugin(CohortStore cohorts, NodeStatsListener stats) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl config) {
        if (config.getCustomPostBPMNParseListeners() == null) {
          config.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        config.getCustomPostBPMNParseListeners().add(new CohortParseListener(cohorts, stats));
      }
    };
  }

  /** Event mode: the behaviour branch's event-based gateway (counting, inbox lookup). */
  @Bean
  ProcessEnginePlugin cairnEventPlugin(
      NodeStatsListener stats, org.springframework.beans.factory.ObjectProvider<EventInbox> inbox) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl config) {
        if (config.getCustomPostBPMNParseListeners() == null) {
          config.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        config.getCustomPostBPMNParseListeners().add(new EventParseListener(stats, inbox::getObject));
      }
    };
  }

  @Bean
  ProcessEnginePlugin cairnOutcomeBranchPlugin(
      CohortStore cohorts, EventBehaviours behaviours, ActionResults results, Clock clock) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl config) {
        if (config.getCustomPostBPMNParseListeners() == null) {
          config.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        config
            .getCustomPostBPMNParseListeners()
            .add(new OutcomeBranchParseListener(cohorts, behaviours, results, clock));
      }
    };
  }

  @Bean
  ProcessEnginePlugin cairnExistingH2Schema(DataSource dataSource) {
    return new ExistingH2Schema(dataSource);
  }

  @Bean("cairnSendSms")
  JavaDelegate cairnSendSms(CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(Channel.SMS, cohorts, ledger);
  }

  @Bean("cairnSendEmail")
  JavaDelegate cairnSendEmail(CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(Channel.EMAIL, cohorts, ledger);
  }

  @Bean("cairnSendPush")
  JavaDelegate cairnSendPush(CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(Channel.PUSH, cohorts, ledger);
  }

  @Bean("cairnCallWebhook")
  JavaDelegate cairnCallWebhook(CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(Channel.WEBHOOK, cohorts, ledger);
  }

  @Bean("cairnIssueCoupon")
  JavaDelegate cairnIssueCoupon(CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(Channel.COUPON, cohorts, ledger);
  }

  @Bean("cairnPushKafka")
  JavaDelegate cairnPushKafka(CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(Channel.KAFKA, cohorts, ledger);
  }

  @Bean
  ProcessEnginePlugin cairnBranchPlugin(
      SegmentService segments, CohortStore cohorts, NodeStatsListener stats) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl config) {
        if (config.getCustomPostBPMNParseListeners() == null) {
          config.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        config
            .getCustomPostBPMNParseListeners()
            .add(new BranchParseListener(segments, cohorts, stats));
      }
    };
  }

  @Bean("cairnSaveAudience")
  JavaDelegate cairnSaveAudience(CohortStore cohorts, JourneyAudiences audiences) {
    return new SaveAudienceDelegate(cohorts, audiences);
  }

  @Bean("cairnPushGoogleAdsAudience")
  JavaDelegate cairnPushGoogleAdsAudience(CohortStore cohorts, DeliveryLedger ledger) {
    return action(Component.PUSH_GOOGLE_ADS_AUDIENCE, cohorts, ledger);
  }

  @Bean("cairnPushMetaAudience")
  JavaDelegate cairnPushMetaAudience(CohortStore cohorts, DeliveryLedger ledger) {
    return action(Component.PUSH_META_AUDIENCE, cohorts, ledger);
  }

  private static JavaDelegate action(
      Component component, CohortStore cohorts, DeliveryLedger ledger) {
    return new SendActionDelegate(component.channel, component.connectorId, cohorts, ledger);
  }
}
