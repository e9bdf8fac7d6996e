package dev.cachalot.rules;

/**
 * Where the rules report what they find: javac's messager at compile time, an exception at run
 * time. Each report names the site it is about.
 *
 * @param <S> where a diagnostic points
 */
@FunctionalInterface
public interface Problems<S> {

  /** Reports {@code message}, filled with {@code arguments}, at {@code site}. */
  void report(S site, Message message, Object... arguments);
}
