package coroutines.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --resolve HOST:PORT:ADDRESS}, as curl reads it. */
class ResolveRuleTest {

    @Test
    void reads_host_port_and_an_ipv4_address() throws Exception {
        ResolveRule rule = ResolveRule.parse("so1n.me:8080:127.0.0.1");

        assertThat(rule.host()).isEqualTo("so1n.me");
        assertThat(rule.port()).isEqualTo(8080);
        assertThat(rule.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void reads_a_bracketed_ipv6_address() throws Exception {
        ResolveRule rule = ResolveRule.parse("github.com:80:[::1]");

        assertThat(rule.address()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(rule.socketAddress().getPort()).isEqualTo(80);
    }

    @Test
    void reads_a_port_with_leading_zeros_as_curl_does() {
        assertThat(ResolveRule.parse("so1n.me:0080:127.0.0.1").port()).isEqualTo(80);
    }

    @Test
    void matches_a_name_in_any_case_as_curl_does() {
        ResolveRule rule = ResolveRule.parse("so1n.me:8080:127.0.0.1");

        assertThat(rule.isFor("SO1N.ME")).isTrue();
        assertThat(rule.isFor("So1n.Me")).isTrue();
        assertThat(rule.isFor("so1n.me.example")).isFalse();
    }

    @Test
    void keeps_the_ascii_form_of_an_internationalised_name() {
        assertThat(ResolveRule.parse("bücher.example:80:127.0.0.1").host()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void refuses_a_name_with_cr_lf_showing_it_escaped() {
        assertThatThrownBy(() -> ResolveRule.parse("so1n.me\r\nGET /x:80:127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'so1n.me\\r\\nGET /x:80:127.0.0.1': 'so1n.me\\r\\nGET /x' is not a valid host name");
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "so1n.me                 | is not HOST:PORT:ADDRESS",
        "so1n.me:80              | is not HOST:PORT:ADDRESS",
        ":80:127.0.0.1           | is not HOST:PORT:ADDRESS",
        "so1n.me:80:             | is not HOST:PORT:ADDRESS",
        "so1n.me:http:127.0.0.1  | the port 'http' is not a number",
        "so1n.me:0:127.0.0.1     | the port 0 is not in 1..65535",
        "so1n.me:65536:127.0.0.1 | the port 65536 is not in 1..65535",
        "so1n.me:80:localhost    | is not a numeric IPv4 address or a bracketed IPv6 one",
        "so1n.me:80:999.0.0.1    | is not a numeric IPv4 address or a bracketed IPv6 one",
        "so1n.me:80:::1          | is not a numeric IPv4 address or a bracketed IPv6 one",
        "so1n.me:+80:127.0.0.1   | the port '+80' is not a number (ASCII digits 0-9 only)",
        "so1n.me:٨٠:127.0.0.1    | the port '٨٠' is not a number (ASCII digits 0-9 only)",
        "so1n.me:-1:127.0.0.1    | the port '-1' is not a number",
        "so1n.me:99999999999999:127.0.0.1 | the port 99999999999999 is not in 1..65535",
        "so 1n.me:80:127.0.0.1   | 'so 1n.me' is not a valid host name: a space",
        "@x:80:127.0.0.1         | '@x' is not a valid host name: an '@'",
    })
    void refuses_a_malformed_rule_saying_what_is_wrong(String text, String why) {
        assertThatThrownBy(() -> ResolveRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
