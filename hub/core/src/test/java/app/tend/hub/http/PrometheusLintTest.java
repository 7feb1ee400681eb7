package app.tend.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Meters;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hub's metrics as Prometheus' own linter, {@code promtool check metrics} (Debian package prometheus), reads them. */
class PrometheusLintTest {

  @Test
  void everyMeterNamedInTendApiHasHelpText() throws Exception {
    List<String> names = new ArrayList<>();
    for (Field field : Meters.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String value && value.startsWith("tend.")) {
        names.add(value);
      }
    }

    assertThat(names).hasSizeGreaterThan(20);
    assertThat(Meters.HELP.keySet()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void aScrapeWithEveryTendMeterAndTheJvmBindersPassesPromtool() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new PrometheusLint());
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // As plugins make them: through a composite registry with the plugin tag, with no description, on first use.
    CompositeMeterRegistry plugin = new CompositeMeterRegistry();
    plugin.config().commonTags(Meters.TAG_PLUGIN, "some-plugin");
    plugin.add(registry);
    Meters.HELP.keySet().forEach(name -> plugin.counter(name, List.of(Tag.of(Meters.TAG_REASON, "x"))).increment());

    String scrape = registry.scrape();
    Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    promtool.getOutputStream().close();
    String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(said).isEmpty();
    assertThat(promtool.exitValue()).isZero();
    assertThat(scrape).contains("# HELP tend_prompts_sent_total Prompts delivered, by channel\n")
        .contains("# HELP system_cpus ").doesNotContain("system_cpu_count").doesNotContain("process_cpu_time");
  }
}
