package app.tend.plugins.calendar.ical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Windows time zone names (Outlook and Exchange write them as TZIDs: {@code Pacific Standard Time}) to IANA
 * zones, from Unicode CLDR's {@code windowsZones.xml} (shipped as a resource, see its origin in this plugin's
 * README), using each name's "001" (golden) zone as CLDR advises when no country is known.
 */
final class WindowsZones {

  private static final String RESOURCE = "windowsZones.xml";

  private WindowsZones() {}

  /** The IANA zone id of a Windows zone name, if CLDR knows it. */
  static Optional<String> iana(String windowsName) {
    return Optional.ofNullable(Holder.MAP.get(windowsName));
  }

  /** Read once, on first use. */
  private static final class Holder {
    static final Map<String, String> MAP = load();
  }

  private static Map<String, String> load() {
    try (InputStream in = WindowsZones.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the plugin");
      }
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // The file names CLDR's DTD by a relative path; nothing may be fetched or resolved.
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      NodeList zones = factory.newDocumentBuilder().parse(in).getElementsByTagName("mapZone");
      Map<String, String> map = new HashMap<>();
      for (int i = 0; i < zones.getLength(); i++) {
        Element zone = (Element) zones.item(i);
        if ("001".equals(zone.getAttribute("territory"))) {
          map.put(zone.getAttribute("other"), zone.getAttribute("type").split(" ")[0]);
        }
      }
      return Map.copyOf(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
