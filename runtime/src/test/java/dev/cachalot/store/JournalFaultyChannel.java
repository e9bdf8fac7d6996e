package dev.cachalot.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A segment channel that fails as full and broken disks do, when its {@link Faults} say so, and
 * remembers how much of each file an fsync covered. Thread-safe, as FileChannel is.
 */
final class JournalFaultyChannel extends FileChannel {

  /** What the channels of one journal do wrong, and what they saw; set by the test. */
  static final class Faults implements JournalFiles {
    /** Writes past this offset fail after a short write, as with a file size limit. */
    volatile long sizeLimit = Long.MAX_VALUE;

    volatile boolean failTruncate;
    volatile boolean failForce;

    /** Per file, the size it had when the last completed fsync of it began. */
    final Map<Path, Long> durable = new ConcurrentHashMap<>();

    @Override
    public FileChannel open(Path file, java.util.Set<? extends java.nio.file.OpenOption> options)
        throws IOException {
      return new JournalFaultyChannel(FileChannel.open(file, options), file, this);
    }

    long durable(Path file) {
      return durable.getOrDefault(file, 0L);
    }
  }

  private final FileChannel delegate;
  private final Path file;
  private final Faults faults;

  private JournalFaultyChannel(FileChannel delegate, Path file, Faults faults) {
    this.delegate = delegate;
    this.file = file;
    this.faults = faults;
  }

  @Override
  public int write(ByteBuffer source, long position) throws IOException {
    long limit = faults.sizeLimit;
    if (position >= limit) {
      throw new IOException("File too large");
    }
    if (position + source.remaining() > limit) {
      ByteBuffer part = source.duplicate();
      part.limit(part.position() + (int) (limit - position));
      int written = delegate.write(part, position);
      source.position(source.position() + written);
      return written;
    }
    return delegate.write(source, position);
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (faults.failTruncate) {
      throw new IOException("Input/output error (truncate)");
    }
    delegate.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (faults.failForce) {
      throw new IOException("Input/output error (fsync)");
    }
    long covered = delegate.size();
    delegate.force(metaData);
    faults.durable.merge(file, covered, Math::max);
  }

  @Override
  public int read(ByteBuffer target, long position) throws IOException {
    return delegate.read(target, position);
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    return delegate.read(target);
  }

  @Override
  public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
    return delegate.read(targets, offset, length);
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    throw new UnsupportedOperationException("the journal writes at positions");
  }

  @Override
  public long write(ByteBuffer[] sources, int offset, int length) {
    throw new UnsupportedOperationException("the journal writes at positions");
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long position) throws IOException {
    delegate.position(position);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel source, long position, long count) {
    throw new UnsupportedOperationException("the journal writes at positions");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
