package dev.parley.bench.driver.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTest {

  @Test
  void parsesAStanzaWithNamespacesAndChildren() {
    Xml x = Xml.parse("<message xmlns='jabber:client' from='r@conference.localhost/bob' type='groupchat'>"
        + "<body>hi &amp; bye</body><stanza-id xmlns='urn:xmpp:sid:0' by='r@conference.localhost' id='123'/>"
        + "</message>");
    assertThat(x.name()).isEqualTo("message");
    assertThat(x.ns()).isEqualTo("jabber:client");
    assertThat(x.attr("type")).isEqualTo("groupchat");
    assertThat(x.childText("body")).isEqualTo("hi & bye");
    assertThat(x.child("stanza-id", "urn:xmpp:sid:0").attr("id")).isEqualTo("123");
    assertThat(x.child("stanza-id", "other")).isNull();
    assertThat(x.child("subject")).isNull();
  }

  @Test
  void parsesPrefixedStreamFeatures() {
    Xml x = Xml.parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"
        + "</stream:features>");
    assertThat(x.name()).isEqualTo("features");
    assertThat(x.child("mechanisms").childText("mechanism")).isEqualTo("PLAIN");
  }

  @Test
  void escapesTextAndAttributes() {
    assertThat(Xml.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  }
}
