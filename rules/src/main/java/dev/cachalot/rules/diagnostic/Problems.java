package dev.cachalot.rules.diagnostic;

/**
 * Where rules report what they find, each report naming the site it is about.
 *
 * @param <S> where a diagnostic points
 */
@FunctionalInterface
public interface Problems<S> {

  /** Reports {@code message}, filled with {@code arguments} (see {@link Message#format}). */
  void report(S site, Message message, Object... arguments);
}
