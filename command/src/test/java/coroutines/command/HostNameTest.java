package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host names are DNS names before they go into a request: nothing in them can change the request. */
class HostNameTest {

    @ParameterizedTest(name = "''{0}'' is kept as it is")
    @ValueSource(strings = {"so1n.me", "SO1N.ME", "127.0.0.1", "a", "xn--bcher-kva.example", "my-host.example.", "1-2.example"})
    void accepts_a_dns_name_or_an_ipv4_literal_as_it_is(String name) {
        assertThat(HostName.toAscii(name)).isEqualTo(name);
    }

    @Test
    void turns_an_internationalised_name_into_its_ascii_form() {
        assertThat(HostName.toAscii("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(HostName.toAscii("中文.example")).isEqualTo("xn--fiq228c.example");
    }

    @Test
    void accepts_the_longest_label_and_the_longest_name_dns_allows() {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));

        assertThat(HostName.toAscii(label63 + ".example")).startsWith(label63);
        assertThat(name253).hasSize(253);
        assertThat(HostName.toAscii(name253)).isEqualTo(name253);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "so1n .me                          | a space at position 5",
        "b?cher.example                    | '?' at position 2",
        "@hosts.txt                        | an '@' (picocli's @file expansion is off",
        "so_1n.me                          | '_' at position 3",
        "-so1n.me                          | the label '-so1n' starts or ends with a hyphen",
        "so1n-.me                          | the label 'so1n-' starts or ends with a hyphen",
        "so1n..me                          | an empty label",
        ".so1n.me                          | an empty label",
    })
    void refuses_a_name_saying_what_is_wrong(String name, String why) {
        assertThatThrownBy(() -> HostName.toAscii(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid host name: " + why)
                .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
    }

    @Test
    void refuses_a_name_that_would_smuggle_a_second_request_and_shows_the_cr_lf_escaped() {
        assertThatThrownBy(() -> HostName.toAscii("so1n.me\r\nGET /smuggled HTTP/1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'so1n.me\\r\\nGET")
                .hasMessageContaining("is not a valid host name: a carriage return (\\r) at position 8");
    }

    @Test
    void refuses_an_empty_name() {
        assertThatThrownBy(() -> HostName.toAscii(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an empty host name");
    }

    @Test
    void refuses_a_label_or_a_name_longer_than_dns_allows() {
        assertThatThrownBy(() -> HostName.toAscii("a".repeat(64) + ".example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 64 characters, more than the 63 DNS allows");
        String name254 = String.join(".", "a".repeat(63), "a".repeat(63), "a".repeat(63), "a".repeat(62));
        assertThatThrownBy(() -> HostName.toAscii(name254))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it has 254 characters, more than the 253 DNS allows");
    }

    @Test
    void refuses_a_name_with_a_port_and_suggests_a_resolve_rule_in_the_right_form() {
        assertThatThrownBy(() -> HostName.toAscii("localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost:8080' has a port")
                .hasMessageContaining("--resolve localhost:8080:ADDRESS and give HOST localhost")
                .hasMessageNotContaining("localhost:8080:PORT");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::1", "[::1]", "2001:db8::1"})
    void refuses_an_ipv6_literal_and_says_how_to_reach_an_ipv6_server(String literal) {
        assertThatThrownBy(() -> HostName.toAscii(literal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks like an IPv6 address")
                .hasMessageContaining("--resolve NAME:PORT:[ADDRESS]");
    }

    @Test
    void refuses_an_internationalised_name_that_is_not_a_dns_name_in_ascii() {
        assertThatThrownBy(() -> HostName.toAscii("bü cher.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bü cher.example'");
    }
}
