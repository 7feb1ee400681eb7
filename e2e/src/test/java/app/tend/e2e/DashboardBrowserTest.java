package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's, driven by its chromedriver through Selenium),
 * against a hub in this JVM with the packaged plugins: a stress episode replayed from a recording shows
 * on the page, its Start button starts the exercise the coach suggested (guided on the wrist channel of
 * wearable-mqtt), and the page fits a phone.
 * Screenshots go to {@code e2e/target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {

  /** The page's words for each level, as app.js shows them. */
  private static final Map<StressLevel, String> LEVELS = Map.of(StressLevel.CALM, "Calm",
      StressLevel.ELEVATED, "A bit tense", StressLevel.HIGH, "Stressed", StressLevel.ACTIVE, "Active",
      StressLevel.UNKNOWN, "Not sure");

  private static final String TOKEN = "browser-token";
  private static final String PERSON = "ana";
  private static final Path TARGET = HubProcess.ROOT.resolve("e2e/target");

  @TempDir static Path temp;
  private Hub hub;
  private WebDriver browser;
  private final BlockingQueue<Feedback> feedback = new LinkedBlockingQueue<>();

  @BeforeAll
  void startHubAndBrowser() throws Exception {
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        plugins:
          wearable-mqtt:
            prompts:
              devices:
                ana: ana-watch
          wearable-simulator:
            enabled: false
          voice-hermes:
            enabled: false
          voice-local:
            enabled: false
          voice-alexa:
            enabled: false
        persons:
          ana:
            name: Ana
            zone: UTC
            quietHours: none
        """.formatted(temp.resolve("data"), FreePorts.next(), HubProcess.ROOT.resolve("plugins")));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", TOKEN));
    hub.start().await(60, TimeUnit.SECONDS);
    hub.vertx().eventBus().<Feedback>consumer(Addresses.FEEDBACK.name(), m -> feedback.add(m.body()));

    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + temp.resolve("chromium-profile"), "--window-size=1280,1700");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (hub != null) {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void pageShowsTheStateAfterAStressEpisodeWithoutConsoleErrors() throws Exception {
    // A Stress-Predict person whose Stroop and interview phases the engine tells from rest (evaluate: 0.82).
    Path recording = Path.of(System.getProperty("tend.recordings")).resolve("sp14.csv");
    StressEpisode.Episode episode = StressEpisode.of(recording, PERSON, Instant.now().minusSeconds(1));
    List<StressState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
    var listening = hub.vertx().eventBus().<StressState>consumer(Addresses.STRESS.name(), m -> {
      if (m.body().person().equals(PERSON)) {
        states.add(m.body());
      }
    });
    episode.samples().forEach(sample -> hub.vertx().eventBus().publish(Addresses.SAMPLES.name(), sample));
    Instant lastSample = episode.samples().get(episode.samples().size() - 1).time();
    new org.openqa.selenium.support.ui.FluentWait<>(states).withTimeout(Duration.ofSeconds(30))
        .until(seen -> !seen.isEmpty() && !seen.get(seen.size() - 1).time().isBefore(lastSample.minusSeconds(10)));
    // States are stamped with the whole second they describe.
    Instant first = episode.samples().get(0).time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    int[] storedBefore = {-1};
    // The engine and the recorder finish the episode within moments; the page must see all of it.
    new org.openqa.selenium.support.ui.FluentWait<>(hub).withTimeout(Duration.ofSeconds(30))
        .pollingEvery(Duration.ofMillis(500))
        .until(h -> {
          int stored = h.store().stressStates(PERSON, first, Instant.now().plusSeconds(1)).await().size();
          boolean settled = stored == storedBefore[0];
          storedBefore[0] = stored;
          return settled;
        });
    listening.unregister();
    StressState last = states.get(states.size() - 1);
    assertThat(states).as("the stress engine sees the episode's stress phase: %s", states.stream()
            .map(st -> st.time().getEpochSecond() % 10000 + " " + st.level() + " " + st.score()).toList())
        .anySatisfy(state -> {
          assertThat(state.level()).isEqualTo(StressLevel.HIGH);
          assertThat(state.time()).isAfter(episode.stressStart());
        });

    browser.get("http://127.0.0.1:" + hub.httpPort() + "/#token=" + TOKEN);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.textToBe(By.id("stress-level"), LEVELS.get(last.level())));
    assertThat(browser.findElement(By.id("stress-reason")).getText()).isEqualTo(last.reason());
    assertThat(browser.findElement(By.id("stress-score")).getText())
        .startsWith("score " + last.score() + " of 100 · " + Math.round(last.confidence() * 100) + "% sure");
    assertThat(browser.findElement(By.id("schedule-state")).getText()).isEqualTo("Between sessions");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestion")));
    assertThat(browser.findElement(By.id("suggestion-title")).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("suggestion-reason")).getText()).contains("stress");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart canvas")));
    assertThat(browser.findElements(By.cssSelector("#week-days li"))).hasSize(7);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plugin-list"), "wearable-simulator"));
    assertThat(browser.findElement(By.id("plugin-list")).getText()).contains("wearable-mqtt").contains("disabled");
    assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain(TOKEN);

    int stored = hub.store().stressStates(PERSON, first, Instant.now().plusSeconds(1)).await(10, TimeUnit.SECONDS).size();
    assertThat(browser.findElement(By.id("chart")).getDomAttribute("data-points"))
        .as("the chart plots every stored state of the episode").isEqualTo(String.valueOf(stored));
    assertThat(stored).as("the recorder keeps one state a minute, and every change of level").isGreaterThan(15);
    screenshot("dashboard.png");
    assertThat(severe(browser)).as("console errors").isEmpty();
  }

  @Test
  @Order(2)
  void liveStressUpdatesThePageWithoutReload() {
    StressState calmer = new StressState(PERSON, Instant.now(), 35, StressLevel.ELEVATED, 0.85,
        Map.of(StressState.HEART_RATE, 84.0), "heart rate 84 bpm, settling");
    hub.vertx().eventBus().publish(Addresses.STRESS.name(), calmer);

    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("stress-level"), "A bit tense"));
    assertThat(browser.findElement(By.id("stress-reason")).getText()).isEqualTo("heart rate 84 bpm, settling");
  }

  @Test
  @Order(3)
  void startButtonStartsTheSuggestedExerciseOnTheWrist() throws Exception {
    feedback.clear();
    String title = browser.findElement(By.id("suggestion-title")).getText();

    browser.findElement(By.id("suggestion-start")).click();

    Feedback started;
    do {
      started = feedback.poll(20, TimeUnit.SECONDS);
    } while (started != null && started.kind() != Feedback.Kind.STARTED);
    assertThat(started).as("the runner's STARTED feedback within 20 s").isNotNull();
    assertThat(started.person()).isEqualTo(PERSON);
    String exercise = started.exerciseId();
    assertThat(hub.store().suggestions(PERSON, Instant.EPOCH).await(10, TimeUnit.SECONDS))
        .as("the suggestion shown is the exercise started")
        .anySatisfy(s -> assertThat(List.of(s.title(), s.exerciseId())).containsExactly(title, exercise));
    assertThat(started.channel()).isEqualTo("wrist");
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textMatches(By.id("activity"), java.util.regex.Pattern.compile("step \\d+ of \\d+ on wrist")));
    assertThat(browser.findElement(By.id("suggestion")).isDisplayed()).isFalse();
    screenshot("dashboard-exercise.png");
    assertThat(severe(browser)).as("console errors").isEmpty();
  }

  @Test
  @Order(4)
  void phoneSizedScreenHasNoHorizontalOverflow() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> (Boolean) js.executeScript(
        "return document.querySelector('#chart canvas').getBoundingClientRect().right <= window.innerWidth"));

    long overflow = (Long) js.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow).as("horizontal overflow in px at 390 px wide").isLessThanOrEqualTo(0);
    List<?> wide = (List<?>) js.executeScript("""
        return [...document.querySelectorAll('body *')]
          .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map(e => e.tagName + '#' + e.id + '.' + e.className);""");
    assertThat(wide).as("elements past the right edge").isEmpty();
    screenshot("dashboard-phone.png");
    assertThat(severe(browser)).as("console errors").isEmpty();
  }

  @Test
  @Order(5)
  void yourDataCanBeDownloadedAndErasedFromThePage() throws Exception {
    browser.manage().window().setSize(new Dimension(1280, 900));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    assertThat(hub.store().stressStates(PERSON, Instant.EPOCH, Instant.now().plusSeconds(1)).await(10, TimeUnit.SECONDS))
        .as("stored before").isNotEmpty();

    browser.findElement(By.id("export-json")).click();
    wait.until(ExpectedConditions.textMatches(By.id("data-status"),
        java.util.regex.Pattern.compile("Downloaded tend-" + PERSON + "-.+\\.json \\([\\d,]+ bytes\\)\\.")));

    browser.findElement(By.id("erase")).click();
    Alert asked = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(asked.getText()).contains("cannot be undone").contains("Type " + PERSON);
    asked.sendKeys(PERSON);
    asked.accept();
    wait.until(ExpectedConditions.textMatches(By.id("data-status"),
        java.util.regex.Pattern.compile("Erased everything Tend kept about " + PERSON + " \\([\\d,]+ rows\\)\\.")));

    assertThat(hub.store().stressStates(PERSON, Instant.EPOCH, Instant.now().plusSeconds(1)).await(10, TimeUnit.SECONDS))
        .as("stored after").isEmpty();
    assertThat(hub.store().suggestions(PERSON, Instant.EPOCH).await(10, TimeUnit.SECONDS)).isEmpty();
    screenshot("dashboard-data.png");
    assertThat(severe(browser)).as("console errors").isEmpty();
  }

  @Test
  @Order(6)
  void metricsAfterTheWholeFlowPassPromtool() throws Exception {
    java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hub.httpPort() + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("tend_prompts_sent_total", "tend_samples_received_total", "tend_suggestions_made_total");

    Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    promtool.getOutputStream().write(metrics.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    promtool.getOutputStream().close();
    String said = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(said).as("promtool check metrics").isEmpty();
    assertThat(promtool.exitValue()).isZero();
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(TARGET);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, TARGET.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(TARGET.resolve(name))).isPositive();
  }

  private static List<String> severe(WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }
}
