package dev.cachalot.store;

import static dev.cachalot.store.JournalTesting.METHOD;
import static dev.cachalot.store.JournalTesting.bytes;
import static dev.cachalot.store.JournalTesting.cache;
import static dev.cachalot.store.JournalTesting.logOf;
import static dev.cachalot.store.JournalTesting.recovered;
import static dev.cachalot.store.JournalTesting.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.store.WriteBehindLog.CacheLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a journal does with damaged segments when it opens: a torn or damaged tail of the last
 * segment is truncated with a warning and everything before it recovered; damage anywhere else, or
 * a newer format, is refused with the file and offset, and nothing is changed.
 */
class JournalRecoveryTest {

  @TempDir Path directory;

  /** The journal's single segment, holding six entries. */
  private Path segment;

  /** The keys and values of the entries, in order. */
  private final Map<String, String> written = new LinkedHashMap<>();

  /** Where the records of the entries start; the sixth, the last record, ends at the end. */
  private final long[] offsets = new long[6];

  @BeforeEach
  void sixEntries() {
    try (LocalJournal journal = LocalJournal.at(directory).open()) {
      CacheLog log = cache(journal, "events");
      for (int i = 0; i < offsets.length; i++) {
        String key = "k" + i;
        String value = "value " + i + " ".repeat(20);
        JournalEntry entry = (JournalEntry) log.append(METHOD, key, bytes(value));
        offsets[i] = entry.slot.offset;
        segment = entry.slot.segment.file;
        written.put(key, value);
      }
    }
    assertThat(segments(directory)).containsExactly(segment);
  }

  private Map<String, String> allButTheLast() {
    Map<String, String> expected = new LinkedHashMap<>(written);
    expected.remove("k5");
    return expected;
  }

  private static void truncate(Path file, long size) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flip(Path file, long offset) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, offset);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      channel.write(one, offset);
    }
  }

  // ---------------------------------------------------------------- torn and damaged tails

  /** Cuts inside the frame (sync marker, length, checksum), the body, and one byte short. */
  static Stream<Integer> cuts() {
    return Stream.of(1, 3, 4, 7, 8, 11, 12, 13, 30, -1);
  }

  @ParameterizedTest(name = "cut {0} bytes into the last record")
  @MethodSource("cuts")
  void aTornTailIsTruncatedWithAWarningAndEverythingBeforeItRecovered(int cut) throws Exception {
    long start = offsets[5];
    long size = cut > 0 ? start + cut : Files.size(segment) + cut;
    truncate(segment, size);

    String log = logOf(() -> assertThat(recovered(directory, "events")).isEqualTo(allButTheLast()));

    assertThat(log)
        .contains("WARN")
        .contains(segment.toString())
        .contains("at offset " + start)
        .contains("dropping " + (size - start) + " bytes");
    assertThat(Files.size(segment)).isEqualTo(start);
    assertThat(recovered(directory, "events"))
        .as("a clean second start")
        .isEqualTo(allButTheLast());
  }

  @Test
  void aLastRecordThatFailsItsChecksumIsTruncatedLikeATornOne() throws Exception {
    flip(segment, Files.size(segment) - 3);

    String log = logOf(() -> assertThat(recovered(directory, "events")).isEqualTo(allButTheLast()));

    assertThat(log).contains("WARN").contains("at offset " + offsets[5]);
  }

  @Test
  void zerosAfterTheLastRecordAreTruncated() throws Exception {
    long size = Files.size(segment);
    Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

    String log = logOf(() -> assertThat(recovered(directory, "events")).isEqualTo(written));

    assertThat(log).contains("at offset " + size).contains("dropping 4096 bytes");
  }

  @Test
  void aTornHeaderOfANewLastSegmentIsDeletedWithAWarning() throws Exception {
    Path torn = directory.resolve(JournalSegment.fileName(2));
    Files.write(torn, new byte[] {0x43, 0x4A, 0x4E, 0x4C, 0, 0});

    String log = logOf(() -> assertThat(recovered(directory, "events")).isEqualTo(written));

    assertThat(log).contains("WARN").contains(torn.toString()).contains("deleted");
  }

  // ---------------------------------------------------------------- refusals

  private void assertRefusedUnchanged(String... fragments) throws IOException {
    Map<Path, byte[]> before = new LinkedHashMap<>();
    for (Path file : segments(directory)) {
      before.put(file, Files.readAllBytes(file));
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      // Twice: a refused open unlocks the directory again.
      assertThatThrownBy(() -> LocalJournal.at(directory).open())
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContainingAll(fragments);
    }
    assertThat(segments(directory)).containsExactlyElementsOf(before.keySet());
    for (Map.Entry<Path, byte[]> file : before.entrySet()) {
      assertThat(Files.readAllBytes(file.getKey())).as("unchanged").isEqualTo(file.getValue());
    }
  }

  static Stream<Integer> damagedRecords() {
    return IntStream.range(0, 5).boxed();
  }

  @ParameterizedTest(name = "record {0}")
  @MethodSource("damagedRecords")
  void aDamagedRecordFollowedByValidOnesIsRefusedNamingFileAndOffset(int record) throws Exception {
    flip(segment, offsets[record] + 20);

    assertRefusedUnchanged(
        segment.toString(),
        "damaged record at offset " + offsets[record],
        "valid records follow it (at offset " + offsets[record + 1] + ")",
        "move " + segment + " out of the directory");
  }

  @Test
  void aRecordWhoseLengthIsDamagedIsRefusedToo() throws Exception {
    flip(segment, offsets[2] + 5);

    assertRefusedUnchanged("damaged record at offset " + offsets[2]);
  }

  @Test
  void aDamagedTailOfASegmentThatIsNotTheLastIsRefused() throws Exception {
    try (LocalJournal journal = LocalJournal.at(directory).open()) {
      cache(journal, "events").append(METHOD, "k6", bytes("in the second segment"));
    }
    List<Path> both = segments(directory);
    assertThat(both).hasSize(2);
    flip(segment, Files.size(segment) - 3);

    assertRefusedUnchanged(
        segment.toString(), "damaged record at offset " + offsets[5], "later segments follow it");
  }

  @Test
  void aSegmentCutShortOfWhatItsSuccessorRecordsIsRefused() throws Exception {
    try (LocalJournal journal = LocalJournal.at(directory).open()) {
      cache(journal, "events").append(METHOD, "k6", bytes("in the second segment"));
    }
    truncate(segment, offsets[5]);

    assertRefusedUnchanged(segment.toString(), "acknowledged records at its end were lost");
  }

  @Test
  void aSegmentOfANewerFormatIsRefusedNamingTheFileAndBothVersions() throws Exception {
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, 2), 4);
    }

    assertRefusedUnchanged(
        segment.toString(), "journal format version 2", "reads format version 1");
  }

  @Test
  void aFileThatIsNotASegmentIsRefused() throws Exception {
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes("PK\3\4")), 0);
    }

    assertRefusedUnchanged(segment.toString(), "does not start like a journal segment");
  }
}
