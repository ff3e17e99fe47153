package io.perfgate.regression;

/**
 * Settings of {@link ChangePoints}.
 *
 * @param significance   a change point is accepted when its permutation p-value is at most this; it is
 *                       the chance that a series without any change gets a change point, 0.01 by default
 * @param permutations   random permutations per test; 499 by default, so a p-value can reach 0.002
 * @param minimumSegment the fewest values on either side of a change point; 5 by default, so one odd
 *                       build at either end cannot pose as a change
 * @param seed           seed of the permutations, so the same series always gives the same answer
 */
public record ChangePointSettings(double significance, int permutations, int minimumSegment, long seed) {

    public ChangePointSettings {
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be within (0, 1), was " + significance);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, was " + permutations);
        }
        if (1.0 / (permutations + 1) > significance) {
            throw new IllegalArgumentException(permutations + " permutations cannot reach a p-value of "
                    + significance + "; use at least " + (int) Math.ceil(1 / significance - 1));
        }
        if (minimumSegment < 2) {
            throw new IllegalArgumentException("minimumSegment must be at least 2, was " + minimumSegment);
        }
    }

    public static ChangePointSettings defaults() {
        return new ChangePointSettings(0.01, 499, 5, 20_240_601L);
    }
}
