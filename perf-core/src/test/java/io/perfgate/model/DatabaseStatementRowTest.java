package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DatabaseStatementRowTest {

    private static DatabaseStatementRow row(String query) {
        return new DatabaseStatementRow(1, "shop", query, 3, OptionalDouble.of(0.5), 1.5, 4.5, 3);
    }

    @Test
    void shouldShowAStatementOnOneLineWithoutControlCharacters() {
        DatabaseStatementRow row = row("SELECT b.id,\n       g.name\u001b[31m\tFROM bookings b\r\n  WHERE b.day = $1\n");

        assertThat(row.displayQuery()).isEqualTo("SELECT b.id, g.name[31m FROM bookings b WHERE b.day = $1");
        assertThat(row.query()).as("the model keeps the text raw").contains("\n", "\u001b");
    }

    @Test
    void shouldCutALongStatementWithAnEllipsis() {
        String longQuery = "SELECT " + "x, ".repeat(200) + "y FROM t";

        String shown = row(longQuery).displayQuery();

        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(DatabaseStatementRow.DISPLAY_LENGTH);
        assertThat(shown).startsWith("SELECT x, x, ").endsWith("…");
        assertThat(DatabaseSentence.shortQuery(longQuery)).hasSize(DatabaseSentence.QUERY_LENGTH).endsWith("…");
    }

    @Test
    void shouldKeepMarkupForTheWritersToEscape() {
        assertThat(row("SELECT '<script>alert(1)</script>' -- & | *").displayQuery())
                .isEqualTo("SELECT '<script>alert(1)</script>' -- & | *");
    }
}
