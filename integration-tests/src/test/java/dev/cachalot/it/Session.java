package dev.cachalot.it;

/** A login session; a JavaBean, so key paths resolve to its getters. */
public final class Session {
  private final String token;
  private final String user;

  public Session(String token, String user) {
    this.token = token;
    this.user = user;
  }

  public String getToken() {
    return token;
  }

  public String getUser() {
    return user;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Session that && token.equals(that.token) && user.equals(that.user);
  }

  @Override
  public int hashCode() {
    return token.hashCode() * 31 + user.hashCode();
  }

  @Override
  public String toString() {
    return "Session[" + token + ", " + user + "]";
  }
}
