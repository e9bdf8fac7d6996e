package dev.cachalot.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) driven by Selenium, clicking what a reader clicks and waiting for what the page
 * shows. Each state is saved as a screenshot under {@code target/screenshots/}. Without Chromium
 * the tests fail, saying how to install it: CI installs it ({@code .ci/run}).
 *
 * <p>The tests run in order on one application, the way a reader goes through the page.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"cachalot.retry-backoff.initial=200ms", "cachalot.retry-backoff.max=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorPageBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static WebDriver browser;

  @LocalServerPort int port;
  @Autowired Database database;

  @BeforeAll
  static void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "the browser tests need headless Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ", which are missing; install them (Debian) with: apt-get update && apt-get"
              + " install -y chromium chromium-driver");
    }
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1500,2100",
        "--force-device-scale-factor=1");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void openThePage() {
    if (!browser.getCurrentUrl().startsWith("http://localhost:" + port)) {
      browser.get("http://localhost:" + port + "/");
    }
    waitFor(driver -> !driver.findElements(By.id("read-cache-aside-user_1")).isEmpty());
  }

  @Test
  @Order(1)
  void readingAKeyTwiceShowsAMissThenAHit() {
    click("read-cache-aside-user_3");
    waitForLog("read user_3", "miss → user_3 = Carol v1");
    click("read-cache-aside-user_3");
    waitForLog("read user_3", "hit → user_3 = Carol v1");

    List<String> entries =
        waitFor(driver -> logEntries("read user_3").stream().map(WebElement::getText).toList());
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0)).contains("hit", "HIT");
    assertThat(entries.get(1)).contains("miss", "MISS", "LOAD", "FILL");
    waitFor(driver -> text("cache-cache-aside-user_3").contains("Carol"));
    screenshot("01-miss-then-hit");
  }

  @Test
  @Order(2)
  void aWriteBehindWriteWaitsInTheBufferUntilFlushNow() {
    awaitAFreshFlushInterval();
    click("write-write-behind-user_2");
    waitFor(driver -> text("buffer-depth").equals("1"));
    assertThat(text("buffer-entries")).contains("user_2 = Bob #2");
    assertThat(text("db-write-behind-user_2")).isEqualTo("Bob v1");
    assertThat(text("cache-write-behind-user_2")).contains("Bob #2");
    screenshot("02-write-behind-buffered");

    click("flush-now");

    waitFor(driver -> text("buffer-depth").equals("0"));
    waitFor(driver -> text("db-write-behind-user_2").startsWith("Bob #2"));
    assertThat(database.row(Lane.WRITE_BEHIND, "user_2").orElseThrow().name()).isEqualTo("Bob #2");
    waitForLogStep("FLUSH");
    screenshot("03-write-behind-flushed");
  }

  @Test
  @Order(3)
  void racingAWriteAgainstAFillShowsTheStaleFillRejected() {
    click("read-write-through-user_1");
    click("write-write-behind-user_3");
    click("trap-race");

    waitFor(driver -> text("report-title").contains("stale fill rejected"));
    waitForLogStep("STALE_FILL_REJECTED");
    assertThat(text("race-cache")).isEqualTo("nothing");
    waitFor(driver -> text("rejected-cache-aside").equals("1"));
    assertThat(text("db-cache-aside-user_1")).contains("(raced)");
    assertThat(text("cache-cache-aside-user_1")).isEqualTo("—");
    screenshot("04-race-rejected");

    // The README's picture: the race's report, a row of the latency table for each figure, and a
    // write waiting in the buffer (or, if the flusher's tick took it meanwhile, in the database).
    click("write-cache-aside-user_2");
    waitFor(driver -> !text("measured-CACHE_ASIDE_WRITE").equals("—"));
    click("read-cache-aside-user_2");
    click("write-write-through-user_3");
    waitFor(driver -> !text("measured-WRITE_THROUGH_WRITE").equals("—"));
    click("read-write-through-user_3");
    click("write-write-behind-user_1");
    waitFor(
        driver ->
            text("buffer-entries").contains("user_1 = Alice #")
                || text("db-write-behind-user_1").startsWith("Alice #"));
    screenshot("00-overview");
  }

  @Test
  @Order(4)
  void aFailingDatabaseFailsWriteThroughAndMakesWriteBehindRetry() {
    click("flush-now");
    click("trap-database");
    waitFor(driver -> text("db-status").equals("database DOWN"));

    click("write-write-through-user_2");
    waitFor(driver -> browser.findElement(By.id("notice")).getText().contains("database is down"));
    waitForLogStep("DATABASE_WRITE_FAILED");
    click("write-write-behind-user_1");
    waitForLogStep("WRITE_STILL_FAILING");
    waitFor(driver -> text("buffer-entries").contains("still failing"));
    screenshot("05-database-down");

    click("trap-database");
    waitFor(driver -> text("db-status").equals("database up"));
    click("flush-now");
    waitFor(driver -> text("buffer-depth").equals("0"));
  }

  @Test
  @Order(5)
  void crashingTheAppShowsTheAcknowledgedWritesItLost() {
    awaitAFreshFlushInterval();
    click("write-write-behind-user_1");
    waitFor(driver -> text("buffer-depth").equals("1"));

    click("trap-crash");

    waitFor(driver -> text("report-title").contains("Crash: generation 1 abandoned"));
    assertThat(text("lost")).contains("user_1 = Alice #", "acknowledged, never written");
    assertThat(text("report")).contains("Switch durability to journal");
    waitFor(driver -> text("buffer-depth").equals("0"));
    assertThat(text("badges")).contains("generation 2");
    screenshot("06-crash");
  }

  @Test
  @Order(6)
  void withTheJournalACrashLosesNothing() {
    click("durability");
    waitFor(driver -> text("durability").startsWith("Durability: journal"));
    awaitAFreshFlushInterval();
    click("write-write-behind-user_2");
    waitFor(driver -> text("buffer-depth").equals("1"));
    Matcher badge = Pattern.compile("generation (\\d+)").matcher(text("badges"));
    assertThat(badge.find()).as("the page shows the generation").isTrue();
    String generation = badge.group(1);

    click("trap-crash");

    waitFor(
        driver -> text("report-title").contains("Crash: generation " + generation + " abandoned"));
    assertThat(text("lost")).contains("user_2 = Bob #", "kept by the journal");
    assertThat(text("report")).contains("recovered 1 write", "nothing was lost");
    waitFor(driver -> text("buffer-depth").equals("0"));
    screenshot("08-crash-with-journal");
    click("durability");
    waitFor(driver -> text("durability").startsWith("Durability: memory"));
  }

  @Test
  @Order(7)
  void theDecisionFrameworkEndsOnAStrategyAndOpensIt() {
    click("decide-start-2"); // fast writes
    click("decide-writes-0"); // may lose the last seconds
    waitFor(driver -> text("decide-result").contains("Write-Behind"));
    screenshot("07-decision");

    click("decide-open");

    waitFor(
        driver ->
            browser
                .findElement(By.id("view-write-behind"))
                .getAttribute("class")
                .contains("active"));
    assertThat(browser.findElement(By.id("lane-cache-aside")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("lane-write-behind")).isDisplayed()).isTrue();
    click("view-all");
    waitFor(driver -> browser.findElement(By.id("lane-cache-aside")).isDisplayed());
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Waits until the page says the flusher's next periodic flush is more than 2.5 s away, so that a
   * write clicked now stays in the buffer while the test looks at it.
   */
  private static void awaitAFreshFlushInterval() {
    waitFor(driver -> Double.parseDouble(text("next-flush")) > 2.5);
  }

  private static void click(String id) {
    waitFor(
        driver -> {
          driver.findElement(By.id(id)).click();
          return true;
        });
  }

  /** The text of the element {@code id}, read again if the page re-rendered it meanwhile. */
  private static String text(String id) {
    return waitFor(driver -> driver.findElement(By.id(id)).getText().strip());
  }

  private static List<WebElement> logEntries(String title) {
    return browser.findElements(By.cssSelector("#log li.log-entry")).stream()
        .filter(entry -> entry.findElement(By.className("title")).getText().equals(title))
        .toList();
  }

  private static void waitForLog(String title, String outcome) {
    waitFor(
        driver ->
            logEntries(title).stream()
                .anyMatch(
                    entry -> entry.findElement(By.className("outcome")).getText().equals(outcome)));
  }

  private static void waitForLogStep(String kind) {
    waitFor(driver -> !driver.findElements(By.cssSelector("#log .step." + kind)).isEmpty());
  }

  private static <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(15))
        .pollingEvery(Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition);
  }

  private static void screenshot(String name) {
    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
