package dev.orderflow.system;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies must be well-formed UTF-8 (docs/api.md): no overlong forms ({@code C0 AF} for {@code /}), no
 * surrogates encoded in UTF-8, no truncated sequences, no bytes that never occur in UTF-8. Jackson alone
 * decodes some of these (an overlong {@code /} becomes a real one), so bodies are checked by the JDK's strict
 * decoder as they are read. {@link ApiExceptionHandler} answers a {@link MalformedException} with 400.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The body is not well-formed UTF-8; {@link #offset()} is the position of the first bad byte. */
    public static final class MalformedException extends IOException {
        private final long offset;

        MalformedException(long offset) {
            super("the request body is not well-formed UTF-8 (byte " + offset + ")");
            this.offset = offset;
        }

        /** The position of the first bad byte, from 0. */
        public long offset() {
            return offset;
        }
    }

    /** Whether {@code bytes} are well-formed UTF-8 as a whole. */
    public static boolean isWellFormed(byte[] bytes) {
        try (InputStream in = checking(new java.io.ByteArrayInputStream(bytes))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (IOException malformed) {
            return false;
        }
    }

    /**
     * {@code in} as it is, checked while read: a read that meets a malformed sequence (or the end of the stream
     * inside a sequence) throws {@link MalformedException} instead of returning the bytes.
     */
    public static InputStream checking(InputStream in) {
        return new CheckingStream(in);
    }

    private static final class CheckingStream extends FilterInputStream {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        /** The start of a sequence that the last read cut in two (at most 3 bytes). */
        private final ByteBuffer carry = ByteBuffer.allocate(8);
        private CharBuffer chars = CharBuffer.allocate(1024);
        /** Bytes checked so far, carried bytes not included. */
        private long checked;
        private boolean ended;

        CheckingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                end();
            } else {
                check(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                end();
            } else {
                check(buffer, offset, n);
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void check(byte[] buffer, int offset, int length) throws MalformedException {
            ByteBuffer input;
            int carried = carry.position();
            if (carried > 0) {
                carry.flip();
                input = ByteBuffer.allocate(carried + length).put(carry).put(buffer, offset, length).flip();
                carry.clear();
            } else {
                input = ByteBuffer.wrap(buffer, offset, length).slice();
            }
            decode(input, false);
            checked += input.position();
            carry.put(input);
        }

        private void end() throws MalformedException {
            if (ended) {
                return;
            }
            ended = true;
            carry.flip();
            decode(carry, true);
            chars.clear();
            if (decoder.flush(chars).isError()) {
                throw new MalformedException(checked);
            }
        }

        private void decode(ByteBuffer input, boolean endOfInput) throws MalformedException {
            if (chars.capacity() < input.remaining()) {
                chars = CharBuffer.allocate(input.remaining());
            }
            chars.clear();
            CoderResult result = decoder.decode(input, chars, endOfInput);
            if (result.isError()) {
                throw new MalformedException(checked + input.position());
            }
        }
    }
}
