package io.cairn.engine.profile.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the profile feature's configuration properties. */
@Configuration
@EnableConfigurationProperties(SourceProperties.class)
class ProfileConfiguration {}
