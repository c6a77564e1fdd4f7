package nl.zorgregels.cli;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for the output of many lines, written by one thread: unlike
 * {@link java.io.ByteArrayOutputStream} its methods are not synchronized (a lock per byte is what
 * a line writer can least afford), it can drop what a failed line wrote ({@link #truncate}), and it
 * writes JSON strings and numbers UTF-8 encoded without making a string of them. Not thread-safe.
 */
final class LineBuffer extends OutputStream {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int count;

    /** @param capacity the initial capacity in bytes */
    LineBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** @return the number of bytes written (and not dropped) */
    int size() {
        return count;
    }

    /** Drops every byte after the first {@code size}. */
    void truncate(int size) {
        if (size < 0 || size > count) {
            throw new IllegalArgumentException("cannot truncate " + count + " bytes to " + size);
        }
        count = size;
    }

    /** Drops everything. */
    void reset() {
        count = 0;
    }

    /** @return a copy of the bytes written */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, count);
    }

    /** Writes the bytes to {@code out}. */
    void writeTo(OutputStream out) throws java.io.IOException {
        out.write(bytes, 0, count);
    }

    /** @return whether this buffer holds the same bytes as {@code other} */
    boolean sameBytes(LineBuffer other) {
        return Arrays.equals(bytes, 0, count, other.bytes, 0, other.count);
    }

    private void ensure(int more) {
        if (count + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    /** Writes a whole number in decimal. */
    void number(long n) {
        if (n >= 0 && n < 10) {
            write('0' + (int) n);
            return;
        }
        byte[] digits = Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        write(digits, 0, digits.length);
    }

    /**
     * Writes {@code s} as a JSON string (in quotes), UTF-8 encoded: {@code "} and {@code \} escaped,
     * control characters as {@code \}{@code uXXXX}, everything else as it is (as Jackson writes it).
     */
    void string(String s) {
        int n = s.length();
        ensure(n + 2);
        bytes[count++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                if (count == bytes.length) {
                    ensure(1);
                }
                bytes[count++] = (byte) c;
            } else {
                i = special(s, i);
            }
        }
        write('"');
    }

    /** Writes the character at {@code i} that needs escaping or more than one byte; returns the last index used. */
    private int special(String s, int i) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
            write('\\');
            write(c);
        } else if (c < 0x20) {
            switch (c) {
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\t' -> ascii("\\t");
                case '\b' -> ascii("\\b");
                case '\f' -> ascii("\\f");
                default -> {
                    ascii("\\u00");
                    write(HEX[c >> 4]);
                    write(HEX[c & 0xF]);
                }
            }
        } else if (c < 0x800) {
            write(0xC0 | (c >> 6));
            write(0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            write(0xF0 | (cp >> 18));
            write(0x80 | ((cp >> 12) & 0x3F));
            write(0x80 | ((cp >> 6) & 0x3F));
            write(0x80 | (cp & 0x3F));
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            // a lone surrogate is no character: escaped, so the output stays valid UTF-8
            ascii("\\u");
            write(HEX[c >> 12]);
            write(HEX[(c >> 8) & 0xF]);
            write(HEX[(c >> 4) & 0xF]);
            write(HEX[c & 0xF]);
        } else {
            write(0xE0 | (c >> 12));
            write(0x80 | ((c >> 6) & 0x3F));
            write(0x80 | (c & 0x3F));
        }
        return i;
    }

    /** Writes text known to be ASCII without characters to escape (keys, punctuation), as it is. */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[count++] = (byte) s.charAt(i);
        }
    }
}
