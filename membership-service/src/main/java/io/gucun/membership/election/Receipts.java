package io.gucun.membership.election;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ballot receipts: a random code only the voter is shown, and its SHA-256 (hex) that the published tally lists next to
 * the ballot's choices. The voter hashes their code themself and finds their ballot; nobody else can tell whose it is.
 */
public final class Receipts {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford-style base 32 without I, L, O, U: easy to read out and copy. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Receipts() {
    }

    /** A fresh receipt code: 20 characters, 100 random bits, in groups of five ({@code 7K2QD-...}). */
    public static String newCode() {
        StringBuilder s = new StringBuilder(23);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                s.append('-');
            }
            s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    /** The hex SHA-256 of the code exactly as shown to the voter (UTF-8). */
    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
