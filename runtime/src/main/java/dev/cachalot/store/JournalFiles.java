package dev.cachalot.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * How the journal opens its segment files: {@link FileChannel#open} in production; tests pass
 * channels that fail the way full or broken disks do. Implementations must be thread-safe.
 */
@FunctionalInterface
interface JournalFiles {

  /** Opens the segment files as they are. */
  JournalFiles SYSTEM = FileChannel::open;

  /**
   * Opens {@code file} with {@code options}, as {@link FileChannel#open(Path, Set,
   * java.nio.file.attribute.FileAttribute[])} does.
   */
  FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;
}
