package io.gucun.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.webhook.WebhookEndpoint.AddressKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

    /** DNS as the tests want it: names not listed do not resolve. */
    private static WebhookEndpoint.Resolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> ips = records.get(host);
            if (ips == null) {
                throw new UnknownHostException(host);
            }
            return ips.stream().map(WebhookEndpointTest::ip).toList();
        };
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private final WebhookEndpoint strict = new WebhookEndpoint(dns(Map.of(
            "credit.example.cn", List.of("203.119.0.10", "2400:3200::1"),
            "intranet.example.cn", List.of("10.1.2.3"),
            "split.example.cn", List.of("203.119.0.10", "192.168.1.20"),
            "metadata.example.cn", List.of("169.254.169.254"),
            "v6-private.example.cn", List.of("fd12:3456::1"),
            "localhost", List.of("127.0.0.1"))), false);
    private final WebhookEndpoint local = new WebhookEndpoint(dns(Map.of("localhost", List.of("127.0.0.1"),
            "intranet.example.cn", List.of("10.1.2.3"))), true);

    @Test
    void ipv4Kinds() {
        assertThat(WebhookEndpoint.classify(ip("203.119.0.10"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(WebhookEndpoint.classify(ip("8.8.8.8"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(WebhookEndpoint.classify(ip("10.0.0.1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("172.16.0.1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("172.31.255.255"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("172.32.0.1"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(WebhookEndpoint.classify(ip("192.168.0.1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("127.0.0.1"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(WebhookEndpoint.classify(ip("127.255.0.9"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(WebhookEndpoint.classify(ip("169.254.169.254"))).isEqualTo(AddressKind.LINK_LOCAL);
        assertThat(WebhookEndpoint.classify(ip("100.64.0.1"))).isEqualTo(AddressKind.CARRIER_GRADE_NAT);
        assertThat(WebhookEndpoint.classify(ip("100.127.255.255"))).isEqualTo(AddressKind.CARRIER_GRADE_NAT);
        assertThat(WebhookEndpoint.classify(ip("100.128.0.1"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(WebhookEndpoint.classify(ip("0.0.0.0"))).isEqualTo(AddressKind.UNSPECIFIED);
        assertThat(WebhookEndpoint.classify(ip("0.1.2.3"))).isEqualTo(AddressKind.RESERVED);
        assertThat(WebhookEndpoint.classify(ip("224.0.0.251"))).isEqualTo(AddressKind.MULTICAST);
        assertThat(WebhookEndpoint.classify(ip("255.255.255.255"))).isEqualTo(AddressKind.RESERVED);
        assertThat(WebhookEndpoint.classify(ip("240.0.0.1"))).isEqualTo(AddressKind.RESERVED);
        assertThat(WebhookEndpoint.classify(ip("198.18.0.1"))).isEqualTo(AddressKind.RESERVED);
        assertThat(WebhookEndpoint.classify(ip("192.0.2.1"))).isEqualTo(AddressKind.RESERVED);
    }

    @Test
    void ipv6KindsIncludingEmbeddedIpv4() {
        assertThat(WebhookEndpoint.classify(ip("2400:3200::1"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(WebhookEndpoint.classify(ip("::1"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(WebhookEndpoint.classify(ip("::"))).isEqualTo(AddressKind.UNSPECIFIED);
        assertThat(WebhookEndpoint.classify(ip("fc00::1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("fd12:3456::1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("fe80::1"))).isEqualTo(AddressKind.LINK_LOCAL);
        assertThat(WebhookEndpoint.classify(ip("ff02::1"))).isEqualTo(AddressKind.MULTICAST);
        assertThat(WebhookEndpoint.classify(ip("2001:db8::1"))).isEqualTo(AddressKind.RESERVED);
        assertThat(WebhookEndpoint.classify(ip("2001:0:4136:e378::1"))).isEqualTo(AddressKind.RESERVED); // Teredo
        assertThat(WebhookEndpoint.classify(ip("::10.0.0.1"))).isEqualTo(AddressKind.RESERVED);
        // IPv4-mapped (Java may hand these over as IPv4 already; either way the IPv4 address decides)
        assertThat(WebhookEndpoint.classify(ip("::ffff:127.0.0.1"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(WebhookEndpoint.classify(ip("::ffff:a00:1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(WebhookEndpoint.classify(ip("::ffff:203.119.0.10"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(WebhookEndpoint.classify(ip("64:ff9b::a9fe:a9fe"))).isEqualTo(AddressKind.LINK_LOCAL); // NAT64
        assertThat(WebhookEndpoint.classify(ip("2002:c0a8:0101::1"))).isEqualTo(AddressKind.PRIVATE); // 6to4 of 192.168.1.1
    }

    @Test
    void numericHostsAreReadAsEveryParserWouldReadThem() {
        assertThat(WebhookEndpoint.literal("2130706433")).contains(ip("127.0.0.1"));
        assertThat(WebhookEndpoint.literal("0x7f.1")).contains(ip("127.0.0.1"));
        assertThat(WebhookEndpoint.literal("0177.0.0.1")).contains(ip("127.0.0.1"));
        assertThat(WebhookEndpoint.literal("127.1")).contains(ip("127.0.0.1"));
        assertThat(WebhookEndpoint.literal("0xa.0.0.1")).contains(ip("10.0.0.1"));
        assertThat(WebhookEndpoint.literal("credit.example.cn")).isEmpty();
        for (String url : List.of("https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/", "https://127.1/",
                "http://2130706433/", "https://0x7f000001/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/")) {
            assertThat(strict.problemWith(url)).as(url).isPresent();
            assertThatThrownBy(() -> strict.destination(url)).as(url).isInstanceOf(WebhookEndpoint.Refused.class);
        }
        // a public address written oddly is refused too: other software on the path could read it differently
        assertThat(strict.problemWith("https://0x08.0x08.0x08.0x08/")).isPresent();
        assertThat(strict.problemWith("https://8.8.8.8/hook")).isEmpty();
    }

    @Test
    void namesAreJudgedByEveryAddressTheyResolveTo() throws Exception {
        assertThat(strict.problemWith("https://credit.example.cn/hooks/gucun")).isEmpty();
        assertThat(strict.problemWith("https://intranet.example.cn/hook").orElseThrow()).contains("private");
        assertThat(strict.problemWith("https://split.example.cn/hook").orElseThrow()).contains("private");
        assertThat(strict.problemWith("https://metadata.example.cn/latest").orElseThrow()).contains("link-local");
        assertThat(strict.problemWith("https://v6-private.example.cn/").orElseThrow()).contains("private");
        assertThat(strict.problemWith("https://localhost:8443/hook").orElseThrow()).contains("loopback");
        assertThat(strict.problemWith("https://[fe80::1]/hook").orElseThrow()).contains("link-local");
        assertThat(strict.problemWith("https://100.64.1.1/hook").orElseThrow()).contains("carrier-grade NAT");
        // not resolvable now: accepted, and checked again before every attempt
        assertThat(strict.problemWith("https://not-yet.example.cn/hook")).isEmpty();
        assertThatThrownBy(() -> strict.destination("https://not-yet.example.cn/hook")).isInstanceOf(WebhookEndpoint.Refused.class);

        WebhookEndpoint.Destination d = strict.destination("https://credit.example.cn/hooks/gucun?x=1");
        assertThat(d.address()).isEqualTo(ip("203.119.0.10"));
        assertThat(d.host()).isEqualTo("credit.example.cn");
        assertThat(d.port()).isEqualTo(443);
        assertThat(d.tls()).isTrue();
    }

    @Test
    void loopbackOnlyWhenTheLocalSwitchIsOnAndNothingElse() throws Exception {
        assertThat(local.problemWith("http://127.0.0.1:9999/hook")).isEmpty();
        assertThat(local.problemWith("http://localhost:9999/hook")).isEmpty();
        assertThat(local.problemWith("http://[::1]:9999/hook")).isEmpty();
        assertThat(local.problemWith("https://127.0.0.1:9999/hook")).isEmpty();
        assertThat(local.destination("http://localhost:9999/hook").address()).isEqualTo(ip("127.0.0.1"));
        assertThat(local.problemWith("http://10.0.0.8/hook")).isPresent();
        assertThat(local.problemWith("https://intranet.example.cn/hook")).isPresent();
        assertThat(local.problemWith("http://credit.example.cn/hook")).isPresent();
        assertThat(strict.problemWith("http://127.0.0.1:9999/hook")).contains("must use https");
        assertThat(strict.problemWith("https://127.0.0.1:9999/hook")).isPresent();
    }

    @Test
    void garbageAndTrickyUrlsAreRejected() {
        assertThat(strict.problemWith(null)).contains("is required");
        assertThat(strict.problemWith("not a url")).isPresent();
        assertThat(strict.problemWith("/relative")).isPresent();
        assertThat(strict.problemWith("ftp://x.example.cn/")).isPresent();
        assertThat(strict.problemWith("https://user:pw@x.example.cn/")).isPresent();
    }
}
