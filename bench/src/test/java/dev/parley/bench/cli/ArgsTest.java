package dev.parley.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.scenario.FanoutConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void parsesPositionalsValuesEqualsAndFlags() {
    Args a = Args.parse("fanout", "--rate", "1_000", "--url=http://x:1", "--find-max", "--channels", "3");
    assertThat(a.positional()).containsExactly("fanout");
    assertThat(a.number("rate", 0)).isEqualTo(1000.0);
    assertThat(a.string("url", null)).isEqualTo("http://x:1");
    assertThat(a.flag("find-max")).isTrue();
    assertThat(a.flag("quiet")).isFalse();
    assertThat(a.integer("channels", 1)).isEqualTo(3);
    assertThat(a.integer("members", 7)).isEqualTo(7);
    a.requireAllUsed();
  }

  @Test
  void optionsGoBackToACommandLineThatParsesToTheSameValues() {
    Args a = Args.parse("dm", "--url", "http://a:1", "--url", "http://b:2", "--rate", "5", "--in-process", "--note",
        "--x");
    List<String> argv = a.optionsArgv();
    assertThat(argv).doesNotContain("dm");
    Args back = Args.parse(argv.toArray(String[]::new));
    assertThat(back.strings("url")).containsExactly("http://a:1", "http://b:2");
    assertThat(back.number("rate", 0)).isEqualTo(5.0);
    assertThat(back.flag("in-process")).isTrue();
    assertThat(back.string("note", null)).isEqualTo("true");
    assertThat(Args.parse("--note=--x").optionsArgv()).containsExactly("--note=--x");
    assertThat(Args.parse(Args.parse("--note=--x").optionsArgv().toArray(String[]::new)).string("note", null))
        .isEqualTo("--x");
  }

  @Test
  void aFlagBeforeAnotherOptionIsTrue() {
    Args a = Args.parse("--find-max", "--rate", "5");
    assertThat(a.flag("find-max")).isTrue();
    assertThat(a.number("rate", 0)).isEqualTo(5.0);
  }

  @Test
  void refusesMisspeltOptionsAndBadNumbers() {
    Args a = Args.parse("fanout", "--rtae", "5");
    a.number("rate", 1);
    assertThatThrownBy(a::requireAllUsed).hasMessageContaining("--rtae");
    assertThatThrownBy(() -> Args.parse("--rate", "fast").number("rate", 1)).hasMessageContaining("--rate");
  }

  @Test
  void copiesWithAndWithoutOptions() {
    Args a = Args.parse("--parley-url", "u", "--rate", "5");
    Args b = a.without(List.of("parley-url")).with("url", "v");
    assertThat(b.has("parley-url")).isFalse();
    assertThat(b.string("url", null)).isEqualTo("v");
    assertThat(b.with("url", null).has("url")).isFalse();
  }

  @Test
  void aCopyRemembersWhatWasReadBeforeIt() {
    Args a = Args.parse("--launch", "kafka:3", "--rate", "5", "--rtae", "1");
    a.string("launch", null);
    Args b = a.without(List.of("rate")).with("url", "v");
    b.string("url", null);
    assertThatThrownBy(b::requireAllUsed).hasMessageContaining("--rtae").message().doesNotContain("--launch");
  }

  @Test
  void buildsAScenarioConfigWithDefaults() {
    FanoutConfig c = FanoutConfig.from(Args.parse("--target", "ejabberd", "--channels", "4", "--find-max"));
    assertThat(c.options().target().kind()).isEqualTo(TargetKind.EJABBERD);
    assertThat(c.options().target().url()).isEqualTo("http://127.0.0.1:5280");
    assertThat(c.channels()).isEqualTo(4);
    assertThat(c.senders()).isEqualTo(4);
    assertThat(c.members()).isEqualTo(50);
    assertThat(c.load().findMax()).isTrue();
    assertThat(c.load().p99LimitMs()).isEqualTo(50.0);
    assertThatThrownBy(() -> FanoutConfig.from(Args.parse("--target", "irc"))).hasMessageContaining("irc");
  }
}
