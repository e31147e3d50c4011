package dev.parley.bench.driver.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.driver.ServerError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParleyRestTest {

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void arraySizeCountsTheTopLevelArrayWithoutLookingIntoItsElementsOrOtherFields() {
    byte[] page = json("{\"users\":{\"1\":{\"messages\":[1,2,3]}},\"messages\":[{\"id\":\"1\",\"messages\":[]},"
        + "{\"id\":\"2\",\"content\":\"[not, an, array]\"},[7,8]],\"has_more\":true}");

    assertThat(ParleyRest.arraySize(page, "messages")).isEqualTo(3);
  }

  @Test
  void arraySizeIsZeroWhenTheFieldIsMissingEmptyOrNotAnArray() {
    assertThat(ParleyRest.arraySize(json("{\"messages\":[]}"), "messages")).isZero();
    assertThat(ParleyRest.arraySize(json("{\"has_more\":false}"), "messages")).isZero();
    assertThat(ParleyRest.arraySize(json("{\"messages\":{\"a\":[1]}}"), "messages")).isZero();
    assertThat(ParleyRest.arraySize(json("[1,2]"), "messages")).isZero();
  }

  @Test
  void arraySizeOfBrokenJsonIsAServerError() {
    assertThatThrownBy(() -> ParleyRest.arraySize(json("{\"messages\":[1,"), "messages"))
        .isInstanceOf(ServerError.class);
  }
}
