package io.cairn.engine.delivery;

import java.util.List;

/**
 * SPI: checks an action node's bound settings against what only another feature knows (e.g. that a
 * node's webhook exists and accepts its identity type), before a journey is deployed. Every bean of
 * this type is asked about every action node; one that does not know the settings type answers
 * nothing.
 */
public interface SettingsCheck {

  /** What is wrong with these settings, in words a marketer understands; empty when nothing. */
  List<String> problems(Record settings);
}
