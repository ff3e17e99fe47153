package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TagsTest {

    private static Map<String, String> unordered() {
        Map<String, String> values = new HashMap<>();
        values.put("status", "200");
        values.put("name", "checkout");
        values.put("group", "::api");
        return values;
    }

    @Test
    void shouldEqualAndHashAsTheSameTagsGivenInAnyOrder() {
        Tags fromHash = Tags.of(unordered());
        Tags fromTree = Tags.of(new TreeMap<>(unordered()));
        assertThat(fromHash).isEqualTo(fromTree).hasSameHashCodeAs(fromTree);
        assertThat(fromHash.asMap()).isEqualTo(unordered()).hasSameHashCodeAs(unordered());
        assertThat(fromHash).isNotEqualTo(Tags.of(Map.of("name", "checkout", "status", "500", "group", "::api")))
                .isNotEqualTo(Tags.of(Map.of("name", "checkout", "status", "200")));
    }

    @Test
    void shouldListTagsInKeyOrder() {
        Tags tags = Tags.of(unordered());
        assertThat(tags.asMap().keySet()).containsExactly("group", "name", "status");
        assertThat(tags).hasToString("{group=::api, name=checkout, status=200}");
    }

    @Test
    void shouldGiveATagsValueAndNullForATagItDoesNotHave() {
        Tags tags = Tags.of(unordered());
        assertThat(tags.get("name")).isEqualTo("checkout");
        assertThat(tags.get("url")).isNull();
        assertThat(tags.asMap()).containsEntry("status", "200").doesNotContainKey("url");
    }

    @Test
    void shouldBeTheEmptyTagsForNoTags() {
        assertThat(Tags.of(Map.of())).isSameAs(Tags.empty());
        assertThat(Tags.empty().isEmpty()).isTrue();
        assertThat(Tags.of(unordered()).isEmpty()).isFalse();
        assertThat(Tags.empty().asMap()).isEmpty();
    }

    @Test
    void shouldNotBeChangedThroughItsMap() {
        Map<String, String> source = unordered();
        Tags tags = Tags.of(source);
        source.put("name", "other");
        assertThat(tags.get("name")).isEqualTo("checkout");
        assertThatThrownBy(() -> tags.asMap().put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
