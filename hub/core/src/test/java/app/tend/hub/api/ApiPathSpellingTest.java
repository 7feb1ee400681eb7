package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token cannot be skipped by spelling a path differently: every operation of the contract, asked for
 * with encoded, dotted, doubled-slash and case variants of its path, written on the wire byte for byte (no
 * client library in between to tidy the path), is refused without a token and never reaches a handler.
 */
@ExtendWith(TestHub.Extension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ApiPathSpellingTest {

  /** Spellings of {@code /api/<rest>} that a router might route to it; {@code rest} has no leading slash. */
  private static final Map<String, UnaryOperator<String>> SPELLINGS = spellings();

  private final TestHub test;

  ApiPathSpellingTest(TestHub test) {
    this.test = test;
  }

  @Test
  void noSpellingOfAProtectedPathIsServedWithoutAToken() throws Exception {
    List<String> served = new ArrayList<>();
    int asked = 0;
    for (String[] operation : operations()) {
      String rest = operation[1].substring("/api/".length());
      for (Map.Entry<String, UnaryOperator<String>> spelling : SPELLINGS.entrySet()) {
        String path = spelling.getValue().apply(rest);
        int status = statusOf(operation[0], path, null);
        asked++;
        if (status < 400 || status >= 500) {
          served.add(operation[0] + " " + path + " (" + spelling.getKey() + ") -> " + status);
        }
      }
    }
    assertThat(served).as("answered without a token").isEmpty();
    assertThat(asked).isGreaterThan(500);
  }

  @Test
  void theSpellingsDoReachTheApiWithTheToken() throws Exception {
    // Were these refused for another reason, the test above would prove nothing.
    Set<String> reached = new LinkedHashSet<>();
    for (Map.Entry<String, UnaryOperator<String>> spelling : SPELLINGS.entrySet()) {
      String path = spelling.getValue().apply("persons");
      if (statusOf("GET", path, TestHub.TOKEN) == 200) {
        reached.add(spelling.getKey());
      }
      assertThat(statusOf("GET", path, null)).as("GET %s without a token", path).isIn(401, 404, 400);
    }
    assertThat(reached).contains("encoded letter", "encoded dot segment under /plugins", "leading dot segment",
        "dot-dot from /health", "doubled leading slash", "doubled inner slash", "dot segment inside");
  }

  @Test
  void aProtectedPathInAnyCaseIsRefused() throws Exception {
    for (String path : List.of("/API/persons", "/Api/status", "/aPI/events", "/%41PI/persons", "/API")) {
      assertThat(statusOf("GET", path, null)).as("GET %s", path).isEqualTo(401);
    }
  }

  /** Every method and path of the contract, with example ids, as {@link ApiTest} asks them. */
  private List<String[]> operations() throws IOException {
    JsonNode contract = new ObjectMapper(new YAMLFactory())
        .readTree(getClass().getClassLoader().getResource(ApiRouter.CONTRACT));
    List<String[]> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      String id = path.getKey().startsWith("/api/routines/") ? "evening" : "calm-plugin";
      String concrete = path.getKey().replace("{id}", id).replace("{person}", "ana");
      if (concrete.endsWith("/api/persons/ana")) {
        concrete += "?confirm=ana";
      }
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        operations.add(new String[] {methods.next().toUpperCase(), concrete});
      }
    }
    return operations;
  }

  private static Map<String, UnaryOperator<String>> spellings() {
    Map<String, UnaryOperator<String>> s = new java.util.LinkedHashMap<>();
    s.put("as written", rest -> "/api/" + rest);
    s.put("encoded letter", rest -> "/%61pi/" + rest);
    s.put("upper-case encoding", rest -> "/%41%50%49/" + rest);
    s.put("all encoded", rest -> "/%61%70%69/" + rest);
    s.put("encoded letter after /api", rest -> "/api/%" + Integer.toHexString(rest.charAt(0)) + rest.substring(1));
    s.put("leading dot segment", rest -> "/./api/" + rest);
    s.put("encoded leading dot segment", rest -> "/%2e/api/" + rest);
    s.put("dot-dot from /health", rest -> "/health/../api/" + rest);
    s.put("encoded dot segment under /plugins", rest -> "/plugins/%2e%2e/api/" + rest);
    s.put("upper-case encoded dot segment", rest -> "/plugins/%2E%2E/api/" + rest);
    s.put("half-encoded dot segment", rest -> "/plugins/.%2e/api/" + rest);
    s.put("dot-dot above the root", rest -> "/../api/" + rest);
    s.put("dot-dot from a static file", rest -> "/index.html/../api/" + rest);
    s.put("doubled leading slash", rest -> "//api/" + rest);
    s.put("tripled leading slash", rest -> "///api/" + rest);
    s.put("doubled inner slash", rest -> "/api//" + rest);
    s.put("dot segment inside", rest -> "/api/./" + rest);
    s.put("dot-dot inside", rest -> "/api/x/../" + rest);
    s.put("encoded slash", rest -> "/api%2f" + rest);
    s.put("encoded leading slash", rest -> "/%2fapi/" + rest);
    s.put("trailing slash", rest -> "/api/" + rest.replace("?", "/?") + (rest.contains("?") ? "" : "/"));
    s.put("path parameter", rest -> "/api;x=1/" + rest);
    s.put("upper case", rest -> "/API/" + rest);
    s.put("mixed case", rest -> "/Api/" + rest);
    s.put("absolute form", rest -> "http://127.0.0.1/api/" + rest);
    return s;
  }

  /** Sends one request exactly as given and returns the status of the answer (0 when there is none). */
  private int statusOf(String method, String path, String token) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", test.hub.httpPort())) {
      socket.setSoTimeout(20_000);
      boolean body = method.equals("POST") || method.equals("PUT");
      StringBuilder request = new StringBuilder()
          .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1\r\nConnection: close\r\n");
      if (token != null) {
        request.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      request.append(body ? "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" : "\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
          .readLine();
      return statusLine == null ? 0 : Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
