package io.huruhuru.bench.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A request body that knows its length and can be written again, so a request can be retried. */
interface Body {

    long length();

    void writeTo(WritableByteChannel channel) throws IOException;

    Body EMPTY = bytes(new byte[0]);

    static Body bytes(byte[] content) {
        return new Body() {
            @Override
            public long length() {
                return content.length;
            }

            @Override
            public void writeTo(WritableByteChannel channel) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    /**
     * {@code content} sent no faster than {@code mibPerSecond} (0: as fast as the connection takes it), as a client
     * behind a network link of that speed sends it.
     */
    static Body paced(byte[] content, double mibPerSecond) {
        if (mibPerSecond <= 0) {
            return bytes(content);
        }
        return new Body() {
            @Override
            public long length() {
                return content.length;
            }

            @Override
            public void writeTo(WritableByteChannel channel) throws IOException {
                long start = System.nanoTime();
                int slice = 256 << 10;
                for (int offset = 0; offset < content.length; offset += slice) {
                    ByteBuffer buffer = ByteBuffer.wrap(content, offset, Math.min(slice, content.length - offset));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    long sent = buffer.limit(); // the slice wraps content, so its limit is the bytes sent so far
                    long due = start + (long) (sent / (mibPerSecond * 1048576) * 1e9);
                    long early = due - System.nanoTime();
                    if (early > 0) {
                        try {
                            Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted", e);
                        }
                    }
                }
            }
        };
    }
}
