package dev.cachalot.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that makes a journal directory belong to one live process: an exclusive {@link
 * FileChannel#tryLock} on {@code journal.lock} in the directory, which records the holder's pid for
 * the message another process gets. The operating system releases it when the process dies, so a
 * crashed process does not keep the next start out.
 *
 * <p>Within one JVM a second journal on the directory is refused before it opens the lock file at
 * all: the locks are POSIX record locks, which belong to the process, and closing any descriptor of
 * the file releases them, so merely trying (and closing the channel that failed) would unlock the
 * directory for other processes. Thread-safe.
 */
final class JournalLock {

  static final String FILE_NAME = "journal.lock";

  /** The directories (by file key: the same one under any path) journals of this JVM hold. */
  private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

  private final Object identity;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private JournalLock(Object identity, FileChannel channel, FileLock lock) {
    this.identity = identity;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code directory}, which exists.
   *
   * @throws WriteBehindLogException when another process, or another journal of this one, holds it,
   *     or the lock file cannot be used
   */
  static JournalLock acquire(Path directory) {
    Object identity;
    try {
      BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
      identity = attributes.fileKey() != null ? attributes.fileKey() : directory.toRealPath();
    } catch (IOException e) {
      throw new WriteBehindLogException(
          "journal directory " + directory + " cannot be read: " + e, e);
    }
    if (!HELD.add(identity)) {
      throw inThisProcess(directory);
    }
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, CREATE, READ, WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Something else in this JVM, not a journal, locked the file.
        throw inThisProcess(directory);
      }
      if (lock == null) {
        throw new WriteBehindLogException(
            "journal directory "
                + directory
                + " is in use by another process"
                + holder(channel, file)
                + ": a journal belongs to one live process; stop that one, or give this one a"
                + " journal directory of its own");
      }
      byte[] pid =
          ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      return new JournalLock(identity, channel, lock);
    } catch (IOException e) {
      close(channel);
      HELD.remove(identity);
      throw new WriteBehindLogException(
          "journal directory " + directory + ": cannot lock " + file + ": " + e, e);
    } catch (RuntimeException e) {
      close(channel);
      HELD.remove(identity);
      throw e;
    }
  }

  private static WriteBehindLogException inThisProcess(Path directory) {
    return new WriteBehindLogException(
        "journal directory "
            + directory
            + " is already open in this process (pid "
            + ProcessHandle.current().pid()
            + "): a journal directory serves one journal; close the other LocalJournal first, or"
            + " give this one a journal directory of its own");
  }

  /** {@code " (pid 1234, per journal.lock)"}, or nothing when the holder left no pid. */
  private static String holder(FileChannel channel, Path file) {
    try {
      ByteBuffer bytes = ByteBuffer.allocate(64);
      channel.read(bytes, 0);
      String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII);
      String pid = text.strip();
      return pid.matches("pid \\d+") ? " (" + pid + ", per " + file + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing was locked through it.
      }
    }
  }

  /** Unlocks the directory; idempotent. */
  synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    }
    close(channel);
    HELD.remove(identity);
  }
}
