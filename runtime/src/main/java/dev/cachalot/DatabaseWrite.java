package dev.cachalot;

/**
 * A call to the user's DAO that returns nothing, as a generated decorator hands it to an engine.
 * The type parameter {@code X} carries the checked exception the DAO method declares, so that the
 * engine rethrows it unchanged to the caller.
 *
 * @param <X> the checked exception the call may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface DatabaseWrite<X extends Throwable> {
  /** Runs the DAO call. */
  void run() throws X;
}
