package io.cairn.web.delivery;

import io.cairn.engine.delivery.ChannelProvider;
import io.cairn.engine.delivery.ChannelProviders;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The configured connector of each channel and its health from the ledger ({@code GET
 * /api/channels/providers}); ADMIN and MARKETER may read it. No credentials or provider URLs.
 */
@RestController
class ChannelProviderController {

  private final ChannelProviders providers;

  ChannelProviderController(ChannelProviders providers) {
    this.providers = providers;
  }

  @GetMapping("/api/channels/providers")
  List<ChannelProvider> list() {
    return providers.list();
  }
}
