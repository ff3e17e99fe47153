package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.model.UntrustedText;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    @Test
    void shouldDropCharactersXmlForbidsAndTerminalControls() {
        assertThat(UntrustedText.clean("a\u0000b\u0008c\u001bd\u007fe\u0085f\u009bg\uFFFEh\uFFFFi"))
                .isEqualTo("abcdefghi");
    }

    @Test
    void shouldDropLoneSurrogatesButKeepPairs() {
        assertThat(UntrustedText.clean("a\uD800b\uDC00c😀d\uD83D")).isEqualTo("abc😀d");
    }

    @Test
    void shouldKeepTabsLineBreaksAndOrdinaryText() {
        String text = "line 1\tµs\r\nline 2 ü € 日本";

        assertThat(UntrustedText.clean(text)).isSameAs(text);
    }

    @Test
    void shouldPutEverythingOnOneLine() {
        assertThat(UntrustedText.oneLine("a\r\nb\nc\rd\te")).isEqualTo("a b c d e");
    }

    @Test
    void shouldShortenByCodePointsNeverSplittingAPair() {
        assertThat(UntrustedText.shorten("😀😀😀😀", 3)).isEqualTo("😀😀…");
        assertThat(UntrustedText.shorten("abc", 3)).isEqualTo("abc");
    }

    @Test
    void shouldEscapeHtmlForTextAndAttributes() {
        assertThat(HtmlEscaping.escape("<a href=\"x\" title='y'>&amp;</a>\u0000"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }
}
