package coroutines.testbed;

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
    })
    void refuses_a_malformed_rule_saying_what_is_wrong(String text, String why) {
        assertThatThrownBy(() -> ResolveRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
