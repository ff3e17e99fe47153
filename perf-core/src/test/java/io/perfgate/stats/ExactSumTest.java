package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    /** The exact sum of the values, rounded once to the nearest double, ties to even (as BigDecimal converts). */
    private static double exactly(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new BigDecimal(value));
        }
        return sum.doubleValue();
    }

    private static double summed(List<Double> values) {
        ExactSum sum = new ExactSum();
        values.forEach(sum::add);
        return sum.value();
    }

    private static double randomValue(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextDouble() * 1000; // latencies
            case 1 -> Math.round(random.nextDouble() * 20_000); // sizes
            case 2 -> (random.nextBoolean() ? -1 : 1) * Math.scalb(random.nextDouble(), random.nextInt(-1074, 1000));
            case 3 -> Double.longBitsToDouble(random.nextLong(1, 1L << 52)) * (random.nextBoolean() ? 1 : -1); // subnormal
            case 4 -> (random.nextBoolean() ? -1 : 1) * Double.MAX_VALUE / (1 + random.nextInt(4));
            default -> 1;
        };
    }

    @Test
    void shouldGiveTheExactSumRoundedOnceWhateverTheValues() {
        SplittableRandom random = new SplittableRandom(12);
        for (int round = 0; round < 400; round++) {
            List<Double> values = new ArrayList<>();
            int count = random.nextInt(1, 200);
            for (int i = 0; i < count; i++) {
                values.add(randomValue(random));
            }
            assertThat(summed(values)).as("%s", values).isEqualTo(exactly(values)); // infinite beyond every double
        }
    }

    @Test
    void shouldNotLoseSmallValuesBesideALargeOneOrInCancellation() {
        assertThat(summed(List.of(1e16, 1.0, -1e16))).isEqualTo(1.0);
        assertThat(summed(List.of(1e308, 1e308, -1e308))).isEqualTo(1e308);
        assertThat(summed(List.of(Double.MIN_VALUE, Double.MIN_VALUE))).isEqualTo(2 * Double.MIN_VALUE);
        assertThat(summed(List.of(0.1, 0.2, 0.3))).as("(0.1 + 0.2) + 0.3 is 0.6000000000000001").isEqualTo(0.6);
        assertThat(summed(List.of(-0.0))).isEqualTo(0.0);
        assertThat(summed(List.of())).isEqualTo(0.0);
    }

    @Test
    void shouldKeepWholeNumbersExactBeyondWhatALongHolds() {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            values.add((double) ((1L << 52) - 1 - i)); // their sum passes 2^62, then 2^63
            values.add(i % 3 == 0 ? 0.25 : -1.0);
        }
        assertThat(summed(values)).isEqualTo(exactly(values));
        ExactSum first = new ExactSum();
        ExactSum second = new ExactSum();
        values.subList(0, 2000).forEach(first::add);
        values.subList(2000, values.size()).forEach(second::add);
        first.add(second);
        assertThat(first.value()).isEqualTo(exactly(values));
        ExactSum negative = new ExactSum();
        values.forEach(value -> negative.add(-value));
        negative.add(first);
        assertThat(negative.value()).isZero();
    }

    @Test
    void shouldRoundTiesToEven() {
        double one = 1.0;
        double halfUlp = Math.ulp(one) / 2;
        assertThat(summed(List.of(one, halfUlp))).isEqualTo(one);
        double next = Math.nextUp(one);
        assertThat(summed(List.of(next, halfUlp))).isEqualTo(Math.nextUp(next));
        assertThat(summed(List.of(one, halfUlp, Double.MIN_VALUE))).isEqualTo(next);
    }

    @Test
    void shouldGiveTheSameBitsInAnyOrderAndMergedFromAnyParts() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 100; round++) {
            List<Double> values = new ArrayList<>();
            for (int i = random.nextInt(1, 500); i > 0; i--) {
                values.add(random.nextInt(3) == 0 ? randomValue(random) : random.nextDouble() * 100);
            }
            double whole = summed(values);
            List<Double> shuffled = new ArrayList<>(values);
            Collections.shuffle(shuffled, new java.util.Random(round));
            assertThat(summed(shuffled)).isEqualTo(whole);

            ExactSum merged = new ExactSum();
            int from = 0;
            while (from < values.size()) {
                int to = Math.min(values.size(), from + random.nextInt(1, 60));
                ExactSum part = new ExactSum();
                values.subList(from, to).forEach(part::add);
                merged.add(part);
                from = to;
            }
            merged.add(new ExactSum());
            assertThat(Double.doubleToRawLongBits(merged.value())).isEqualTo(Double.doubleToRawLongBits(whole));
        }
    }

    @Test
    void shouldPassCarriesOnWithoutChangingTheSum() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 200; round++) {
            List<Double> values = new ArrayList<>();
            for (int i = random.nextInt(1, 300); i > 0; i--) {
                values.add(random.nextBoolean() ? randomValue(random) : Math.scalb(0xFFFF_FFFFL, -1074 + 32 * 5));
            }
            ExactSum often = new ExactSum(1 + random.nextInt(5));
            values.forEach(often::add);
            assertThat(often.value()).isEqualTo(summed(values));
        }
    }

    @Test
    void shouldGoOnFromTheUnitsItToldAsFromWhereItWas() {
        SplittableRandom random = new SplittableRandom(17);
        for (int round = 0; round < 200; round++) {
            List<Double> values = new ArrayList<>();
            for (int i = random.nextInt(0, 50); i > 0; i--) {
                values.add(randomValue(random));
            }
            ExactSum whole = new ExactSum();
            values.forEach(whole::add);
            BigDecimal units = new BigDecimal(whole.units()).multiply(new BigDecimal(Double.MIN_VALUE)); // 2^-1074
            assertThat(units.doubleValue()).as("the units are the exact sum").isEqualTo(exactly(values));

            ExactSum restored = ExactSum.ofUnits(whole.units());
            assertThat(restored.units()).isEqualTo(whole.units());
            assertThat(restored.value()).isEqualTo(whole.value());
            double more = randomValue(random);
            whole.add(more);
            restored.add(more);
            assertThat(restored.value()).isEqualTo(whole.value());
        }
    }
}
