package dev.cachalot;

/**
 * A call to the user's DAO that returns a value, as a generated decorator hands it to an engine: a
 * load on a miss, or a write whose result the caller gets back. The type parameter {@code X}
 * carries the checked exception the DAO method declares, so that the engine rethrows it unchanged.
 *
 * @param <R> what the call returns ({@code null} for a load means the row does not exist)
 * @param <X> the checked exception the call may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface DatabaseCall<R, X extends Throwable> {
  /** Runs the DAO call and returns its result. */
  R call() throws X;
}
