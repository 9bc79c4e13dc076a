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
}
