package dev.cachalot.rules.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog's contract: stable ids, named and counted arguments. */
class MessageTest {

  @Test
  void everyMessageHasAnIdOfItsOwnInItsText() {
    Set<String> ids = new HashSet<>();
    for (Message message : Message.values()) {
      assertThat(ids.add(message.id())).as("the id of %s is unique", message).isTrue();
      assertThat(message.id()).matches("CACHALOT-[A-Z-]+");
      Object[] arguments = new Object[message.parameters().size()];
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = "<" + message.parameters().get(i) + ">";
      }
      String text = message.format(arguments);
      assertThat(text).startsWith("[" + message.id() + "] ");
      assertThat(text).as("every placeholder was filled").doesNotContain("{").doesNotContain("%s");
      for (Object argument : arguments) {
        assertThat(text).contains(argument.toString());
      }
    }
  }

  @Test
  void aNameUsedTwiceIsOneArgument() {
    assertThat(Message.NON_POSITIVE_DURATION.parameters()).containsExactly("attribute", "text");
    assertThat(Message.NON_POSITIVE_DURATION.format("ttl", "0s"))
        .isEqualTo(
            "[CACHALOT-NON-POSITIVE-DURATION] ttl = \"0s\" is not positive: write a duration"
                + " greater than zero, such as 30s, or leave ttl empty");
  }

  @Test
  void aWrongNumberOfArgumentsIsRefused() {
    assertThatThrownBy(() -> Message.NO_KEY.format("ProductDao.find()"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CACHALOT-NO-KEY takes 2 arguments [method, name], not 1");
    assertThatThrownBy(() -> Message.NO_KEY.format("a", "b", "c"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theReportKeepsADiagnosticReportedTwiceAtOneSiteOnce() {
    Report report = new Report();
    dev.cachalot.rules.element.Site site = () -> "ProductDao.find(long)";
    report.report(site, Message.NO_KEY, "ProductDao.find()", "find");
    report.report(site, Message.NO_KEY, "ProductDao.find()", "find");

    assertThat(report.entries()).hasSize(1);
    assertThat(report.errorCount()).isOne();
    assertThat(report.hasErrors()).isTrue();
  }
}
