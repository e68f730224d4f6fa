package io.cairn.web.security;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API users (ADMIN only). */
@RestController
@RequestMapping("/api/users")
class UserController {

  /** A new user. */
  record NewUser(String username, String password, List<String> roles) {
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
  UserAccounts.Account create(@RequestBody NewUser user) {
    return accounts.create(user.username(), user.password(), user.roles());
  }

  @GetMapping
  List<UserAccounts.Account> list() {
    return accounts.list();
  }
}
