package io.cairn.web.sandbox;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.sandbox.SandboxQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the sandbox connectors recorded instead of sending: {@code GET
 * /api/sandbox/messages?channel=SMS&recipient=…&keyPrefix=…&page=0&size=50}, newest first.
 */
@RestController
@RequestMapping("/api/sandbox")
class SandboxController {

  static final int MAX_PAGE_SIZE = 500;

  private final SandboxMessages messages;

  SandboxController(SandboxMessages messages) {
    this.messages = messages;
  }

  @GetMapping("/messages")
  SandboxMessages.Page list(
      @RequestParam(required = false) Channel channel,
      @RequestParam(required = false) @Size(max = 320) String recipient,
      @RequestParam(required = false) @Size(max = 128) String keyPrefix,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
    return messages.list(new SandboxQuery(channel, recipient, keyPrefix, page, size));
  }
}
