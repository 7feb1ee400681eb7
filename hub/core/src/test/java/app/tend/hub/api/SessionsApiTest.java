package app.tend.hub.api;

import static app.tend.hub.api.TestHub.error;
import static app.tend.hub.api.TestHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestHub.Extension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionsApiTest {

  private final TestHub test;

  SessionsApiTest(TestHub test) {
    this.test = test;
  }

  @Test
  void addedSessionIsListedStartedAndEndedByHand() throws Exception {
    HttpResponse<String> added = test.post("/api/sessions",
        "{\"person\":\"ana\",\"start\":\"2026-11-26T14:00:00Z\",\"end\":\"2026-11-26T14:50:00Z\",\"summary\":\"Therapy with Dr. Lee\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode session = json(added);
    String id = session.get("id").asText();
    assertThat(session.get("state").asText()).isEqualTo("planned");
    assertThat(session.get("source").asText()).isEqualTo("api");
    assertThat(ids(json(test.get("/api/sessions?person=ana")))).contains(id);

    try (var events = test.listen(Addresses.SESSIONS); var statuses = test.listen(Addresses.SCHEDULE)) {
      JsonNode started = json(test.post("/api/sessions/" + id + "/start", null));
      assertThat(started.get("state").asText()).isEqualTo("running");
      assertThat(started.get("start").asText()).isEqualTo("2026-11-26T10:00:00Z");
      assertThat(started.get("end").asText()).as("the planned end stays").isEqualTo("2026-11-26T14:50:00Z");
      SessionEvent event = events.next();
      assertThat(event.type()).isEqualTo(SessionEvent.Type.STARTED);
      assertThat(event.sessionId()).isEqualTo(id);
      assertThat(event.source()).isEqualTo("api");
      assertThat(nextFor(statuses, "ana").state()).isEqualTo(ScheduleState.IN_SESSION);

      JsonNode ended = json(test.post("/api/sessions/" + id + "/end?person=ana", null));
      assertThat(ended.get("state").asText()).isEqualTo("ended");
      assertThat(ended.get("end").asText()).isEqualTo("2026-11-26T10:00:00Z");
      assertThat(events.next().type()).isEqualTo(SessionEvent.Type.ENDED);
      assertThat(nextFor(statuses, "ana").state()).isEqualTo(ScheduleState.DECOMPRESS);
    }
    assertThat(error(test.post("/api/sessions/" + id + "/end", null), 409)).isEqualTo(
        "session '" + id + "' is already over (it ended at 2026-11-26T10:00:00Z)");
    assertThat(error(test.post("/api/sessions/" + id + "/start", null), 409)).contains("is already over");
  }

  @Test
  void sessionWithoutEndLastsTheManualSessionLength() throws Exception {
    JsonNode session = json(test.post("/api/sessions", "{\"person\":\"ana\",\"start\":\"2026-11-27T09:00:00Z\"}"));

    assertThat(session.get("end").asText()).isEqualTo("2026-11-27T11:00:00Z");
    assertThat(session.get("summary").asText()).isEqualTo("Therapy session");
  }

  @Test
  void endingASessionThatHasNotStartedIs409() throws Exception {
    String id = json(test.post("/api/sessions", "{\"person\":\"ana\",\"start\":\"2026-11-28T09:00:00Z\"}")).get("id").asText();

    assertThat(error(test.post("/api/sessions/" + id + "/end", null), 409))
        .isEqualTo("session '" + id + "' has not started (it starts at 2026-11-28T09:00:00Z)");
  }

  @Test
  void unknownSessionIs404() throws Exception {
    assertThat(error(test.post("/api/sessions/nope/start", null), 404)).isEqualTo("no session 'nope' in the schedule");
    assertThat(error(test.post("/api/sessions/nope/end?person=ana", null), 404)).isEqualTo("no session 'nope' of ana in the schedule");
  }

  @Test
  void badPersonWhenStartingOrEndingIs400NamingTheParameter() throws Exception {
    assertThat(error(test.post("/api/sessions/x/start?person=Ana!", null), 400)).contains("query parameter person");
    assertThat(error(test.post("/api/sessions/x/end?person=Ana!", null), 400)).contains("query parameter person");
  }

  @Test
  void listNeedsAPerson() throws Exception {
    assertThat(error(test.get("/api/sessions"), 400)).contains("query parameter person");
  }

  @Test
  void unknownPersonIs404WhenListingAnd400WhenAdding() throws Exception {
    assertThat(error(test.get("/api/sessions?person=nobody"), 404)).startsWith("no person 'nobody'");
    assertThat(error(test.post("/api/sessions", "{\"person\":\"nobody\",\"start\":\"2026-11-27T09:00:00Z\"}"), 400))
        .startsWith("body field person: no person 'nobody'");
  }

  @Test
  void badBodiesAre400NamingTheField() throws Exception {
    assertThat(error(test.post("/api/sessions", "{\"person\":\"ana\"}"), 400)).isEqualTo("body field start is required");
    assertThat(error(test.post("/api/sessions", "{\"person\":\"ana\",\"start\":\"tomorrow\"}"), 400))
        .isEqualTo("body field start: 'tomorrow' is not an ISO-8601 instant such as 2026-11-26T10:00:00Z");
    assertThat(error(test.post("/api/sessions",
        "{\"person\":\"ana\",\"start\":\"2026-11-27T09:00:00Z\",\"end\":\"2026-11-27T08:00:00Z\"}"), 400))
        .isEqualTo("body field end (2026-11-27T08:00:00Z) must be after start (2026-11-27T09:00:00Z)");
    assertThat(error(test.post("/api/sessions", "{\"person\":\"ana\",\"start\":\"2026-11-27T09:00:00Z\",\"room\":4}"), 400))
        .isEqualTo("body field room is not one this request takes");
    assertThat(error(test.post("/api/sessions", "{\"person\":\"Ana Lee\",\"start\":\"2026-11-27T09:00:00Z\"}"), 400))
        .startsWith("body field person: ");
  }

  @Test
  void instantsOutOfRangeAre400NotAnOverflow() throws Exception {
    for (String start : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
      assertThat(error(test.post("/api/sessions", "{\"person\":\"ana\",\"start\":\"" + start + "\"}"), 400))
          .isEqualTo("body field start: '" + start + "' is out of range: expected an instant from "
              + "1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
    }
    assertThat(error(test.post("/api/sessions",
        "{\"person\":\"ana\",\"start\":\"2026-11-27T09:00:00Z\",\"end\":\"+999999999-12-31T23:59:59Z\"}"), 400))
        .startsWith("body field end: '+999999999-12-31T23:59:59Z' is out of range");
    assertThat(error(test.get("/api/sessions?person=ana&to=%2B999999999-12-31T23:59:59Z"), 400))
        .startsWith("query parameter to: '+999999999-12-31T23:59:59Z' is out of range");
    assertThat(error(test.get("/api/persons/ana/stress/history?from=-999999999-01-01T00:00:00Z"), 400))
        .startsWith("query parameter from: '-999999999-01-01T00:00:00Z' is out of range");
  }

  @Test
  void aQueryInstantWithAnOffsetIsReadAsWritten() throws Exception {
    // %2B is a '+': the contract's validator decoded it a second time, into a space.
    HttpResponse<String> listed = test.get("/api/sessions?person=ana&from=2026-11-27T10:00:00%2B01:00");

    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
  }

  @Test
  void withoutTokenIs401() throws Exception {
    assertThat(test.call("GET", "/api/sessions?person=ana", null, null).statusCode()).isEqualTo(401);
    assertThat(test.call("POST", "/api/sessions", "{}", null).statusCode()).isEqualTo(401);
    assertThat(test.call("POST", "/api/sessions/x/start", null, null).statusCode()).isEqualTo(401);
    assertThat(test.call("POST", "/api/sessions/x/end", null, null).statusCode()).isEqualTo(401);
  }

  private static java.util.List<String> ids(JsonNode sessions) {
    return sessions.findValuesAsText("id");
  }

  private static ScheduleStatus nextFor(TestHub.Listener<ScheduleStatus> statuses, String person) throws InterruptedException {
    ScheduleStatus status;
    do {
      status = statuses.next();
    } while (!status.person().equals(person));
    return status;
  }
}
