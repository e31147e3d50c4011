package dev.parley.bench.driver.xmpp;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A parsed XML element: enough DOM for XMPP stanzas. Over RFC 7395 every WebSocket message is one
 * complete element, so a frame parses on its own.
 */
public record Xml(String name, String ns, Map<String, String> attrs, List<Xml> children, String text) {

  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
  }

  public static Xml parse(String text) {
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(text));
      try {
        while (r.next() != XMLStreamConstants.START_ELEMENT) {
          // skip prolog
        }
        return element(r);
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("bad XML: " + text, e);
    }
  }

  private static Xml element(XMLStreamReader r) throws XMLStreamException {
    String name = r.getLocalName();
    String ns = r.getNamespaceURI();
    Map<String, String> attrs = new HashMap<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
    }
    List<Xml> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> children.add(element(r));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          return new Xml(name, ns == null ? "" : ns, attrs, children, text.toString());
        }
        default -> { }
      }
    }
  }

  public String attr(String key) {
    return attrs.get(key);
  }

  /** The first child with that local name, or null. */
  public Xml child(String childName) {
    for (Xml c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  /** The first child with that local name and namespace, or null. */
  public Xml child(String childName, String childNs) {
    for (Xml c : children) {
      if (c.name.equals(childName) && c.ns.equals(childNs)) {
        return c;
      }
    }
    return null;
  }

  /** Text of the first child with that name, or null. */
  public String childText(String childName) {
    Xml c = child(childName);
    return c == null ? null : c.text;
  }

  /** Escapes text or an attribute value. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
