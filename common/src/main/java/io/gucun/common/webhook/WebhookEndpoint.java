package io.gucun.common.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where deliveries may go: an absolute {@code https} URL without user info or fragment, whose host resolves only to
 * public addresses. A partner must not make the service probe its own network: private, loopback, link-local,
 * carrier-grade NAT, multicast, unspecified and reserved addresses are refused, at registration and again before every
 * attempt (DNS may have changed), and the attempt then connects to exactly the address checked ({@link Destination}).
 *
 * <p>{@code allowLoopback} (setting {@code gucun.webhooks.allow-loopback-http}, set only by the local run and the
 * tests) admits a loopback destination, over https or plain http, for a receiver on the developer's machine; it admits
 * nothing else.
 */
public final class WebhookEndpoint {

    /** How a host name becomes addresses; the system resolver in the service, a stub in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    /** The kinds of address; only {@link #PUBLIC} is a destination outside local development. */
    public enum AddressKind {
        PUBLIC("public"), PRIVATE("private"), LOOPBACK("loopback"), LINK_LOCAL("link-local"),
        UNSPECIFIED("unspecified"), MULTICAST("multicast"), CARRIER_GRADE_NAT("carrier-grade NAT"), RESERVED("reserved");

        final String label;

        AddressKind(String label) {
            this.label = label;
        }
    }

    /** A URL that passed the checks, with the addresses its host had then: connect to {@link #address()} only. */
    public record Destination(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /** Why a destination is refused; the message is fit for the partner (it names only their own URL's facts). */
    public static final class Refused extends Exception {
        final boolean unresolved;

        Refused(String message, boolean unresolved) {
            super(message, null, false, false);
            this.unresolved = unresolved;
        }
    }

    private final Resolver resolver;
    private final boolean allowLoopback;

    public WebhookEndpoint(Resolver resolver, boolean allowLoopback) {
        this.resolver = resolver;
        this.allowLoopback = allowLoopback;
    }

    /**
     * Why {@code url} may not be registered, or empty when it may. A host that does not resolve now is accepted (it is
     * checked again before every attempt); one that resolves to any address that is not public is refused.
     */
    public Optional<String> problemWith(String url) {
        try {
            destination(url);
            return Optional.empty();
        } catch (Refused r) {
            return r.unresolved ? Optional.empty() : Optional.of(r.getMessage());
        }
    }

    /** The checked destination of {@code url}: every address the host resolves to is allowed, the first is pinned. */
    public Destination destination(String url) throws Refused {
        URI uri = syntax(url);
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        Optional<InetAddress> literal = literal(bare);
        if (literal.isPresent()) {
            if (!bare.contains(":") && !canonicalIpv4(bare)) {
                // 2130706433, 0x7f.1, 0177.0.0.1: other parsers read these differently; accept only dotted decimal.
                AddressKind kind = classify(literal.get());
                throw new Refused(kind == AddressKind.PUBLIC ? "must write an IPv4 address as four decimal numbers"
                        : "must not point to a non-public address (" + kind.label + ")", false);
            }
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = resolver.resolve(bare);
            } catch (UnknownHostException e) {
                addresses = List.of();
            }
            if (addresses.isEmpty()) {
                // plain http is for a loopback receiver only: a name that resolves to nothing now is not one
                throw tls ? new Refused("host does not resolve", true)
                        : new Refused("must use https (http only for a loopback host)", false);
            }
        }
        for (InetAddress a : addresses) {
            AddressKind kind = classify(a);
            boolean allowed = kind == AddressKind.PUBLIC || (allowLoopback && kind == AddressKind.LOOPBACK);
            if (!allowed) {
                throw new Refused((literal.isPresent() ? "must not point to" : "host resolves to") + " a non-public address ("
                        + kind.label + "); only public addresses are allowed", false);
            }
            if (!tls && kind != AddressKind.LOOPBACK) {
                throw new Refused(allowLoopback ? "must use https (http only for a loopback host)" : "must use https", false);
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        try {
            // The bare address, without the name it was resolved from: nothing downstream may look the name up again.
            return new Destination(uri, bare, port, tls, InetAddress.getByAddress(addresses.getFirst().getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of the wrong length", e);
        }
    }

    private URI syntax(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("is required", false);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("is not a URL", false);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("must be an absolute URL with a host", false);
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new Refused("must not carry user info or a fragment", false);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowLoopback)) {
            throw new Refused(allowLoopback ? "must use https (http only for a loopback host)" : "must use https", false);
        }
        return uri;
    }

    /**
     * The address a host written as an IP literal means, or empty for a name. IPv4 is read as the C library's
     * inet_aton reads it (one to four parts, each decimal, octal with a leading 0 or hex with 0x), since that is how
     * other software on the path would read it; IPv6 is the bracketed form.
     */
    static Optional<InetAddress> literal(String host) {
        try {
            if (host.contains(":")) {
                return host.matches("[0-9a-fA-F:.]+") ? Optional.of(InetAddress.getByName(host)) : Optional.empty();
            }
            return ipv4(host).map(bytes -> {
                try {
                    return InetAddress.getByAddress(bytes);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!h.toLowerCase(Locale.ROOT).matches("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}")) {
            return Optional.empty();
        }
        String[] parts = h.split("\\.");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            try {
                if (p.startsWith("0x")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                // 08 or a part too long: no parser reads it as an address, and no DNS name is all digits either.
                return Optional.of(new byte[] {0, 0, 0, 0});
            }
        }
        long value = 0;
        int n = values.length;
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 255) {
                return Optional.of(new byte[] {0, 0, 0, 0});
            }
            value |= values[i] << (8 * (3 - i));
        }
        long last = values[n - 1];
        if (last >= 1L << (8 * (5 - n))) {
            return Optional.of(new byte[] {0, 0, 0, 0});
        }
        value |= last;
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static boolean canonicalIpv4(String host) {
        return host.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    }

    /** The kind of {@code address}; IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by it. */
    public static AddressKind classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classify4(b);
        }
        if (address instanceof Inet6Address) {
            return classify6(b);
        }
        return AddressKind.RESERVED;
    }

    private static AddressKind classify4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return b[1] == 0 && b[2] == 0 && b[3] == 0 ? AddressKind.UNSPECIFIED : AddressKind.RESERVED;
        }
        if (a0 == 127) {
            return AddressKind.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return AddressKind.PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return AddressKind.CARRIER_GRADE_NAT;
        }
        if (a0 == 169 && a1 == 254) {
            return AddressKind.LINK_LOCAL;
        }
        if (a0 >= 224 && a0 <= 239) {
            return AddressKind.MULTICAST;
        }
        if (a0 >= 240 // reserved, and 255.255.255.255 broadcast
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast
                || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) { // TEST-NET-2, -3
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }

    private static AddressKind classify6(byte[] b) {
        boolean zeroTo80 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo80 &= b[i] == 0;
        }
        if (zeroTo80 && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return classify4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (zeroTo80 && b[10] == 0 && b[11] == 0) {
            boolean zeroTo120 = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroTo120 && b[15] == 0) {
                return AddressKind.UNSPECIFIED;
            }
            if (zeroTo120 && b[15] == 1) {
                return AddressKind.LOOPBACK;
            }
            return AddressKind.RESERVED; // ::a.b.c.d, the deprecated IPv4-compatible form
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            // 64:ff9b::/96 translates to the embedded IPv4 address; 64:ff9b:1::/48 is a network's own translator
            return wellKnown ? classify4(new byte[] {b[12], b[13], b[14], b[15]}) : AddressKind.RESERVED;
        }
        if (w0 == 0x2002) {
            return classify4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return AddressKind.PRIVATE; // unique local fc00::/7
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return AddressKind.LINK_LOCAL;
        }
        if ((w0 & 0xff00) == 0xff00) {
            return AddressKind.MULTICAST;
        }
        if ((w0 & 0xe000) != 0x2000 // only 2000::/3 is global unicast
                || (w0 == 0x2001 && w1 < 0x0200) // IETF protocol assignments 2001::/23, Teredo among them
                || (w0 == 0x2001 && w1 == 0x0db8)) { // documentation
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }
}
