package io.cairn.web.sandbox;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.sandbox.SandboxMessages;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the sandbox connectors recorded instead of sending. */
@RestController
@RequestMapping("/api/sandbox")
class SandboxController {

  private final SandboxMessages messages;

  SandboxController(SandboxMessages messages) {
    this.messages = messages;
  }

  @GetMapping("/messages")
  SandboxMessages.Page list(
      @RequestParam(required = false) Channel channel,
      @RequestParam(required = false) String recipient,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw new InvalidInputException(
          "invalid-paging", "size", "page ≥ 0 and 1 ≤ size ≤ 500 are required");
    }
    return messages.list(channel, recipient, page, size);
  }
}
