package io.huruhuru.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReferenceTest {

    @Test
    void tagsAndDigestsAreTold() {
        assertInstanceOf(Reference.ByTag.class, Reference.parse("v1.0_rc-1"));
        assertInstanceOf(Reference.ByDigest.class, Reference.parse("sha256:" + "0".repeat(64)));
    }

    @Test
    void tagGrammarIsEnforced() {
        assertEquals("x".repeat(128), Reference.parse("x".repeat(128)).toString());
        for (String bad : new String[] {"", "-leading", ".dot", "x".repeat(129), "has/slash", "sp ace"}) {
            assertThrows(IllegalArgumentException.class, () -> Reference.parse(bad), bad);
        }
    }

    @Test
    void repositoryNameGrammarIsEnforced() {
        for (String good : new String[] {"a", "kos/apps/hello", "a.b_c__d--e/f", "0/1"}) {
            assertEquals(good, RepositoryName.parse(good).value());
        }
        for (String bad : new String[] {"", "A", "a//b", "/a", "a/", "a..b", "a___b", "-a", "a-", "a".repeat(256)}) {
            assertThrows(IllegalArgumentException.class, () -> RepositoryName.parse(bad), bad);
        }
    }
}
