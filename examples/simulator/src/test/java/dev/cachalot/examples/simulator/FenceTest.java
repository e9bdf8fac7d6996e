package dev.cachalot.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The crash's fence: nothing passes after it closed, and closing waits for what is running. */
class FenceTest {

  @Test
  void aClosedFenceLetsNoStatementThrough() {
    Fence fence = new Fence(7);
    assertThat(fence.pass(() -> "ran")).isEqualTo("ran");

    fence.close();

    assertThat(fence.isClosed()).isTrue();
    assertThatThrownBy(() -> fence.pass(() -> "ran"))
        .isInstanceOf(Fence.CrashedException.class)
        .hasMessageContaining("generation 7 of the app crashed");
  }

  @Test
  void closingWaitsForTheStatementThatIsRunning() throws Exception {
    Fence fence = new Fence(1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> statement =
        CompletableFuture.supplyAsync(
            () ->
                fence.pass(
                    () -> {
                      running.countDown();
                      await(finish);
                      return "written before the crash";
                    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> close = CompletableFuture.runAsync(fence::close);

    // The crash cannot complete while the statement runs: the fence is not closed yet.
    assertThat(close).isNotDone();
    assertThat(fence.isClosed()).isFalse();
    finish.countDown();
    close.get(5, TimeUnit.SECONDS);
    assertThat(statement.get(5, TimeUnit.SECONDS)).isEqualTo("written before the crash");
    assertThat(fence.isClosed()).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
