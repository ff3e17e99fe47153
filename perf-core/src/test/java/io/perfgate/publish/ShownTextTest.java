package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShownTextTest {

    private static final String NOTE = "**cut**";

    @Test
    void shouldBreakEveryMentionButKeepTheText() {
        assertThat(ShownText.neutral("@here @user-1 a@b.c @ @@x mail@")).isEqualTo(
                "@\u200Bhere @\u200Buser-1 a@\u200Bb.c @ @\u200B@\u200Bx mail@");
        assertThat(ShownText.neutral("@\u200Beveryone")).isEqualTo("@\u200Beveryone");
        assertThat(ShownText.neutral("nothing to do")).isEqualTo("nothing to do");
    }

    @Test
    void shouldDropBidiControlsOnly() {
        assertThat(ShownText.neutral("a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Fk\u2029"))
                .isEqualTo("abcdefghij\u200Fk\u2029");
    }

    @Test
    void shouldKeepMarkdownThatFits() {
        String markdown = "| a |\n| b |\n";

        assertThat(ShownText.capLines(markdown, 12, NOTE)).isSameAs(markdown);
    }

    @Test
    void shouldCutAtALineEndAndSetTheNoteApart() {
        String markdown = "| a |\n| b |\n| c |\n| d |\n";

        String cut = ShownText.capLines(markdown, 21, NOTE);

        assertThat(cut).isEqualTo("| a |\n| b |\n\n**cut**\n");
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(21);
    }

    @Test
    void shouldCountBytesNotCharacters() {
        String markdown = "ü\n😀😀\nz\n"; // 11 characters, 14 bytes

        assertThat(ShownText.capLines(markdown, 13, NOTE)).isEqualTo("ü\n\n**cut**\n");
        assertThat(ShownText.capLines(markdown, 11, NOTE)).isEqualTo("\n**cut**\n");
    }
}
