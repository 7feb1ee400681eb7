package app.tend.hub.api;

import static app.tend.hub.api.TestHub.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardTest {

  private final TestHub test;

  DashboardTest(TestHub test) {
    this.test = test;
  }

  @Test
  void pageIsServedWithoutATokenAndMayLoadOnlyFromTheHub() throws Exception {
    HttpResponse<String> page = test.call("GET", "/", null, null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("<title>Tend</title>").contains("/app.js")
        .contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").doesNotContain("https://");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void scriptStylesAndChartLibraryAreServed() throws Exception {
    for (String path : new String[] {"/app.js", "/app.css", "/favicon.svg", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
        "/webjars/uplot/1.6.30/dist/uPlot.min.css"}) {
      HttpResponse<String> file = test.call("GET", path, null, null);
      assertThat(file.statusCode()).as(path).isEqualTo(200);
      assertThat(file.body()).as(path).isNotEmpty();
    }
  }

  @Test
  void missingFileIsAJson404() throws Exception {
    assertThat(error(test.call("GET", "/nothing-here.js", null, null), 404)).isEqualTo("no such resource: /nothing-here.js");
  }
}
