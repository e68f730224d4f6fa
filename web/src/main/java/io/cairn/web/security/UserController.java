package io.cairn.web.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API users (ADMIN only): {@code POST /api/users} creates one, {@code GET /api/users} lists. */
@RestController
@RequestMapping("/api/users")
class UserController {

  /**
   * A new user.
   *
   * @param username 1–64 letters, digits or {@code _ . @ -}
   * @param password at least 12 characters; stored only as a hash
   * @param roles {@code ADMIN} and/or {@code MARKETER}
   */
  record NewUser(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_.@-]{1,64}", message = "1–64 letters, digits or _ . @ -")
          String username,
      @NotBlank @Size(min = 12, max = 200, message = "between 12 and 200 characters")
          String password,
      @NotEmpty List<@Pattern(regexp = "ADMIN|MARKETER", message = "ADMIN or MARKETER") String>
          roles) {

    @Override
    public String toString() {
      return "NewUser[" + username + ", " + roles + "]";
    }
  }

  private final UserAccounts accounts;

  UserController(UserAccounts accounts) {
    this.accounts = accounts;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  UserAccounts.Account create(@Valid @RequestBody NewUser user) {
    return accounts.create(user.username(), user.password(), user.roles());
  }

  @GetMapping
  List<UserAccounts.Account> list() {
    return accounts.list();
  }
}
