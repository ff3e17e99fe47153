package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
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
        assertThat(fromHash.equals(fromHash)).as("equal to itself").isTrue();
        assertThat(fromHash.hashCode()).as("a Map's hash").isEqualTo(unordered().hashCode());
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
        assertThat(tags.asMap().containsKey("group")).as("the first tag").isTrue();
        assertThat(tags.asMap().containsKey("status")).as("the last tag").isTrue();
        assertThat(tags.asMap().containsKey(1)).isFalse();
    }

    @Test
    void shouldIterateItsEntriesOnceInKeyOrder() {
        Iterator<Map.Entry<String, String>> entries = Tags.of(unordered()).asMap().entrySet().iterator();
        assertThat(Tags.of(unordered()).asMap().entrySet()).hasSize(3);
        assertThat(entries.next()).isEqualTo(Map.entry("group", "::api"));
        assertThat(entries.next()).isEqualTo(Map.entry("name", "checkout"));
        assertThat(entries.next()).isEqualTo(Map.entry("status", "200"));
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(entries::next).isInstanceOf(NoSuchElementException.class);
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
