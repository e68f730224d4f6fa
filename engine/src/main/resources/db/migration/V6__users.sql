-- API users. Passwords as delegating-encoder hashes ({bcrypt}…); roles comma-separated.
CREATE TABLE cairn_user (
  username      VARCHAR(64)  NOT NULL PRIMARY KEY,
  password_hash VARCHAR(255) NOT NULL,
  roles         VARCHAR(255) NOT NULL,
  created_at    DATETIME     NOT NULL
);
