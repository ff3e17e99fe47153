package io.perfgate.stats;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The exact sum of doubles, rounded once when read: the value is the same whatever the order the
 * values came in and however they were split into sums that were then added, so the results of a file
 * read in parts on several threads and merged are bit for bit those of one thread reading it whole.
 *
 * <p>Held as a fixed-point integer in units of 2<sup>-1074</sup> (the smallest double), in 32-bit
 * digits kept in longs: a value adds its 53-bit significand into the two or three digits it covers,
 * and the room above each digit takes the carries of 2<sup>30</sup> values before they are passed on.
 * Whole numbers below 2<sup>53</sup> (sizes, counts, JMeter's milliseconds) are summed in a long while
 * that sum stays below 2<sup>62</sup>, which costs an addition. Reading the sum rounds the whole to the
 * nearest double (ties to even), as one addition of two doubles would.
 */
final class ExactSum {

    /** Covers every finite double (2,098 bits) and the carries of 2^64 of the largest. */
    private static final int DIGITS = 70;
    private static final int SCALE = -1074;
    private static final long DIGIT_MASK = 0xFFFF_FFFFL;
    /** Values added between carries: each moves a digit by less than 2^32, a long holds 2^63. */
    private static final int CARRY_EVERY = 1 << 30;
    /** Whole numbers below this are exact doubles. */
    private static final long EXACT_WHOLE = 1L << 53;
    /** The whole numbers' sum stays below this, so adding one more cannot overflow. */
    private static final long WHOLE_SUM_LIMIT = 1L << 62;
    /** Where a whole number's units start: 2^1074 units of 2^-1074 make 1. */
    private static final int WHOLE_SHIFT = -SCALE;

    private final int carryEvery;
    /** The exact sum of the whole numbers added while it stays below {@link #WHOLE_SUM_LIMIT}. */
    private long wholes;
    /** Null until the first value that is not a small whole number. */
    private long[] digits;
    private int sinceCarry;

    ExactSum() {
        this(CARRY_EVERY);
    }

    /** @param carryEvery values added between carries, at most {@value #CARRY_EVERY}; fewer for tests */
    ExactSum(int carryEvery) {
        this.carryEvery = Math.min(carryEvery, CARRY_EVERY);
    }

    void add(double value) {
        long whole = (long) value;
        if (whole == value && whole > -EXACT_WHOLE && whole < EXACT_WHOLE) {
            long sum = wholes + whole;
            if (sum > -WHOLE_SUM_LIMIT && sum < WHOLE_SUM_LIMIT) {
                wholes = sum;
                return;
            }
        }
        addToDigits(value);
    }

    private void addToDigits(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) (bits >>> 52) & 0x7ff;
        long significand = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0) {
            if (significand == 0) {
                return; // zero adds nothing
            }
            exponent = 1; // subnormal: no hidden bit, the smallest exponent
        } else {
            significand |= 1L << 52;
        }
        // value = significand * 2^(exponent - 1075) = significand * 2^(exponent - 1) units
        addMagnitude(significand, exponent - 1, bits < 0);
    }

    /** Adds (or takes away) {@code magnitude} (below 2^63) times 2^shift units. */
    private void addMagnitude(long magnitude, int shift, boolean negative) {
        if (digits == null) {
            digits = new long[DIGITS];
        }
        if (++sinceCarry >= carryEvery) {
            carry();
            sinceCarry = 1;
        }
        long significand = magnitude;
        int index = shift >>> 5;
        int low = shift & 31;
        long first = (significand << low) & DIGIT_MASK;
        long second = (significand >>> (32 - low)) & DIGIT_MASK;
        long third = (significand >>> 1) >>> (63 - low); // the bits from 64 up; none when low is 0
        if (negative) {
            digits[index] -= first;
            digits[index + 1] -= second;
            digits[index + 2] -= third;
        } else {
            digits[index] += first;
            digits[index + 1] += second;
            digits[index + 2] += third;
        }
    }

    void add(ExactSum other) {
        long sum = wholes + other.wholes;
        if (sum > -WHOLE_SUM_LIMIT && sum < WHOLE_SUM_LIMIT) {
            wholes = sum;
        } else {
            addMagnitude(Math.abs(other.wholes), WHOLE_SHIFT, other.wholes < 0);
        }
        if (other.digits == null) {
            return;
        }
        if (digits == null) {
            digits = new long[DIGITS];
        }
        carry();
        long[] theirs = other.digits.clone();
        carry(theirs);
        for (int i = 0; i < DIGITS; i++) {
            digits[i] += theirs[i];
        }
        sinceCarry = 2; // each digit below the top moved by less than 2^33: two values' worth
    }

    /** The exact sum as a whole number of units of 2<sup>-1074</sup>, the smallest double. */
    BigInteger units() {
        BigInteger exact = BigInteger.valueOf(wholes).shiftLeft(WHOLE_SHIFT);
        if (digits == null) {
            return exact;
        }
        long[] normal = digits.clone();
        carry(normal);
        BigInteger inDigits = BigInteger.valueOf(normal[DIGITS - 1]);
        for (int i = DIGITS - 2; i >= 0; i--) {
            inDigits = inDigits.shiftLeft(32).or(BigInteger.valueOf(normal[i]));
        }
        return exact.add(inDigits);
    }

    /**
     * A sum of exactly {@code units} (see {@link #units()}), to go on adding to: everything read from it is
     * what the sum that told them gives.
     *
     * @throws IllegalArgumentException when the units are beyond what sums of doubles reach
     */
    static ExactSum ofUnits(BigInteger units) {
        if (units.bitLength() > 32 * DIGITS - 64) {
            throw new IllegalArgumentException("a sum of " + units.bitLength() + " bits is beyond every sum of doubles");
        }
        ExactSum sum = new ExactSum();
        if (units.signum() == 0) {
            return sum;
        }
        sum.digits = new long[DIGITS];
        // shiftRight rounds towards minus infinity and and() takes two's complement: digits as carry() leaves them
        for (int i = 0; i < DIGITS - 1; i++) {
            sum.digits[i] = units.shiftRight(32 * i).and(BigInteger.valueOf(DIGIT_MASK)).longValue();
        }
        sum.digits[DIGITS - 1] = units.shiftRight(32 * (DIGITS - 1)).longValue();
        return sum;
    }

    /** The sum rounded to the nearest double, ties to even; infinite only when it is beyond every double. */
    double value() {
        if (digits == null) {
            return wholes; // below 2^62: rounded once by the conversion
        }
        BigInteger exact = units();
        BigInteger magnitude = exact.abs();
        int length = magnitude.bitLength();
        double rounded;
        if (length <= 62) {
            // at most 53 bits is exact; more rounds once in the conversion, and the result is a normal double
            rounded = Math.scalb((double) magnitude.longValue(), SCALE);
        } else {
            int dropped = length - 62;
            long top = magnitude.shiftRight(dropped).longValue();
            if (magnitude.getLowestSetBit() < dropped) {
                top |= 1; // sticky: below the rounding position, it only breaks ties
            }
            rounded = Math.scalb((double) top, dropped + SCALE);
        }
        return exact.signum() < 0 ? -rounded : rounded;
    }

    private void carry() {
        carry(digits);
    }

    /** Passes each digit's carry up, leaving every digit but the top one in [0, 2^32). */
    private static void carry(long[] digits) {
        for (int i = 0; i < DIGITS - 1; i++) {
            long carry = digits[i] >> 32;
            digits[i] -= carry << 32;
            digits[i + 1] += carry;
        }
    }

    @Override
    public String toString() {
        return "ExactSum[" + value() + ", whole numbers " + wholes + (digits == null ? ""
                : ", " + Arrays.stream(digits).filter(d -> d != 0).count() + " digits in use") + "]";
    }

    /** Accumulators take finite sample values only: NaN or infinity would poison every statistic. */
    static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sample value " + value + " is not a finite number");
        }
    }
}
