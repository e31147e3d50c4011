package dev.parley.bench.driver;

/** A request the server refused; {@code code} is its error code (e.g. {@code rate_limited}) or HTTP status. */
public final class ServerError extends RuntimeException {

  private final String code;

  public ServerError(String code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
