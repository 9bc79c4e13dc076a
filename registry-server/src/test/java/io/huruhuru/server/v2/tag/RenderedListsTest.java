package io.huruhuru.server.v2.tag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderedListsTest {

    @Test
    void aBodyIsReusedOnlyForTheVeryListItWasRenderedFrom() {
        RenderedLists rendered = new RenderedLists(1000);
        List<Tag> source = List.of(Tag.parse("a"), Tag.parse("b"));
        byte[] json = {1, 2, 3};

        rendered.put(RepositoryName.parse("r"), source, json);

        assertArrayEquals(json, rendered.get(RepositoryName.parse("r"), source).orElseThrow());
        assertEquals(Optional.empty(), rendered.get(RepositoryName.parse("r"), new ArrayList<>(source)));
        assertEquals(Optional.empty(), rendered.get(RepositoryName.parse("other"), source));
    }

    @Test
    void bodiesStayWithinTheirBytes() {
        RenderedLists rendered = new RenderedLists(100);
        List<List<Tag>> sources = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sources.add(List.of(Tag.parse("t" + i)));
            rendered.put(RepositoryName.parse("r" + i), sources.get(i), new byte[40]);
            assertTrue(rendered.bytes() <= 100, "bytes kept " + rendered.bytes());
        }
        rendered.put(RepositoryName.parse("huge"), List.of(), new byte[101]);

        assertEquals(80, rendered.bytes());
        assertTrue(rendered.get(RepositoryName.parse("r9"), sources.get(9)).isPresent());
        assertTrue(rendered.get(RepositoryName.parse("r0"), sources.get(0)).isEmpty());
        assertTrue(rendered.get(RepositoryName.parse("huge"), List.of()).isEmpty());
    }
}
